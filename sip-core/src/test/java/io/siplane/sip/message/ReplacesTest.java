package io.siplane.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siplane.sip.message.syntax.SipParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplacesTest {

    @Test
    void parsesRfc3891ExampleDialogId() {
        Replaces r = Replaces.parse("425928@bobster.example.org;to-tag=7743;from-tag=6472");

        assertThat(r.callId()).isEqualTo("425928@bobster.example.org");
        assertThat(r.toTag()).isEqualTo("7743");
        assertThat(r.fromTag()).isEqualTo("6472");
        assertThat(r.earlyOnly()).isFalse();
        assertThat(r).hasToString("425928@bobster.example.org;to-tag=7743;from-tag=6472");
    }

    @Test
    void parsesEarlyOnlyFlagInAnyPosition() {
        Replaces r = Replaces.parse("98732@sip.example.com ;from-tag=r33th4x0r ; early-only;to-tag=ff87ff");

        assertThat(r.earlyOnly()).isTrue();
        assertThat(r.fromTag()).isEqualTo("r33th4x0r");
        assertThat(r.toTag()).isEqualTo("ff87ff");
    }

    @Test
    void buildsWireForm() {
        assertThat(Replaces.of("abc@host", "t", "f", true)).hasToString("abc@host;to-tag=t;from-tag=f;early-only");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "abc;to-tag=1",
                "abc;from-tag=1",
                "abc;to-tag=1;from-tag=2;to-tag=3",
                "abc;to-tag;from-tag=2",
                "abc;to-tag=\"1\";from-tag=2",
                "abc;to-tag=1;from-tag=2;early-only=yes",
                "a@b@c;to-tag=1;from-tag=2",
                "@b;to-tag=1;from-tag=2",
                "a@;to-tag=1;from-tag=2",
                "a b;to-tag=1;from-tag=2",
                "a,b;to-tag=1;from-tag=2"
            })
    void rejectsMalformedValues(String value) {
        assertThatThrownBy(() -> Replaces.parse(value)).isInstanceOf(SipParseException.class);
    }
}
