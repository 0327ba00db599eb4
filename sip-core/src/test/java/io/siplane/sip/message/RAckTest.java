package io.siplane.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siplane.sip.message.syntax.SipParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RAckTest {

    @Test
    void parsesRseqCseqAndMethodOfRfc3262Example() {
        RAck rack = RAck.parse("776656 1 INVITE");

        assertThat(rack.rseq()).isEqualTo(776656);
        assertThat(rack.cseqNumber()).isEqualTo(1);
        assertThat(rack.method()).isSameAs(SipMethod.INVITE);
        assertThat(rack.cseq()).isEqualTo(new CSeq(1, SipMethod.INVITE));
        assertThat(rack).hasToString("776656 1 INVITE");
    }

    @Test
    void acceptsLinearWhitespaceBetweenParts() {
        assertThat(RAck.parse("  5 \t 7   UPDATE ")).isEqualTo(new RAck(5, 7, SipMethod.UPDATE));
    }

    @Test
    void buildsFromACSeq() {
        assertThat(RAck.of(9, new CSeq(3, SipMethod.INVITE))).hasToString("9 3 INVITE");
    }

    @Test
    void keepsExtensionMethod() {
        assertThat(RAck.parse("1 2 FOO").method().name()).isEqualTo("FOO");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "1",
                "1 2",
                "1 INVITE",
                "12 INVITE",
                "1 2INVITE",
                "x 2 INVITE",
                "1 2 INVITE extra",
                "1 2 IN<VITE",
                "2147483648 1 INVITE",
                "1 99999999999999999999 INVITE",
                "-1 2 INVITE"
            })
    void rejectsMalformedValuesWithParseException(String value) {
        assertThatThrownBy(() -> RAck.parse(value)).isInstanceOf(SipParseException.class);
    }
}
