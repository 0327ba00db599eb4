package io.siplane.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siplane.sip.message.syntax.SipParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

    @Test
    void parsesRfc3261ExamplesWithCommentAndDuration() {
        RetryAfter a = RetryAfter.parse("18000;duration=3600");
        RetryAfter b = RetryAfter.parse("120 (I'm in a meeting)");

        assertThat(a.deltaSeconds()).isEqualTo(18000);
        assertThat(a.duration()).isEqualTo(3600);
        assertThat(a.comment()).isNull();
        assertThat(a).hasToString("18000;duration=3600");
        assertThat(b.deltaSeconds()).isEqualTo(120);
        assertThat(b.comment()).isEqualTo("I'm in a meeting");
        assertThat(b.duration()).isEqualTo(-1);
        assertThat(b).hasToString("120 (I'm in a meeting)");
    }

    @Test
    void scalarlgHugeValueSaturatesInsteadOfOverflowing() {
        // RFC 4475 §3.1.2.5 scalarlg
        assertThat(RetryAfter.parse("949302838503028349304023988").deltaSeconds())
                .isEqualTo(Integer.MAX_VALUE);
        assertThat(RetryAfter.parse("1;duration=949302838503028349304023988").duration())
                .isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void acceptsNestedCommentsQuotedPairsAndParametersAfterComment() {
        RetryAfter r = RetryAfter.parse("60(back (soon\\)) ok);duration=5;x");

        assertThat(r.comment()).isEqualTo("back (soon\\)) ok");
        assertThat(r.duration()).isEqualTo(5);
        assertThat(r.parameters().has("x")).isTrue();
        assertThat(r).hasToString("60 (back (soon\\)) ok);duration=5;x");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "soon",
                "-5",
                "60 (unterminated",
                "60 (a (b)",
                "60;duration=x",
                "60;duration",
                "60 30",
                "60;",
                "60 (a) (b)"
            })
    void rejectsMalformedValues(String value) {
        assertThatThrownBy(() -> RetryAfter.parse(value)).isInstanceOf(SipParseException.class);
    }
}
