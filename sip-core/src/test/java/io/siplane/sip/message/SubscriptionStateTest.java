package io.siplane.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siplane.sip.message.syntax.SipParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubscriptionStateTest {

    @Test
    void parsesActiveWithExpires() {
        SubscriptionState s = SubscriptionState.parse("active;expires=3600");

        assertThat(s.isActive()).isTrue();
        assertThat(s.isPending()).isFalse();
        assertThat(s.expires()).isEqualTo(3600);
        assertThat(s.retryAfter()).isEqualTo(-1);
        assertThat(s).hasToString("active;expires=3600");
    }

    @Test
    void parsesTerminatedWithReasonAndRetryAfter() {
        SubscriptionState s = SubscriptionState.parse("terminated;reason=probation;retry-after=30");

        assertThat(s.isTerminated()).isTrue();
        assertThat(s.reason()).isEqualTo("probation");
        assertThat(s.retryAfter()).isEqualTo(30);
        assertThat(s.expires()).isEqualTo(-1);
    }

    @Test
    void comparesStatesCaseInsensitivelyAndKeepsSpelling() {
        SubscriptionState s = SubscriptionState.parse("Pending ; EXPIRES = 60");

        assertThat(s.isPending()).isTrue();
        assertThat(s.expires()).isEqualTo(60);
        assertThat(s.state()).isEqualTo("Pending");
    }

    @Test
    void keepsExtensionStateAndUnknownParameters() {
        SubscriptionState s = SubscriptionState.parse("waiting;foo=bar");

        assertThat(s.isActive() || s.isPending() || s.isTerminated()).isFalse();
        assertThat(s.state()).isEqualTo("waiting");
        assertThat(s.parameters().get("foo")).isEqualTo("bar");
    }

    @Test
    void saturatesHugeExpires() {
        assertThat(SubscriptionState.parse("active;expires=949302838503028349304023988")
                        .expires())
                .isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void factoriesWriteWireForm() {
        assertThat(SubscriptionState.of(SubscriptionState.ACTIVE, 600)).hasToString("active;expires=600");
        assertThat(SubscriptionState.terminated("noresource")).hasToString("terminated;reason=noresource");
        assertThat(SubscriptionState.terminated(null)).hasToString("terminated");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                ";expires=1",
                "active;expires=soon",
                "active;expires",
                "active;expires=-1",
                "terminated;retry-after=x",
                "terminated;reason",
                "active expires=1",
                "active;;expires=1"
            })
    void rejectsMalformedValues(String value) {
        assertThatThrownBy(() -> SubscriptionState.parse(value)).isInstanceOf(SipParseException.class);
    }
}
