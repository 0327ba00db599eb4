package io.siplane.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siplane.sip.message.SessionExpires.Refresher;
import io.siplane.sip.message.syntax.SipParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 4028 Session-Expires and Min-SE. */
class SessionTimerHeadersTest {

    @Test
    void sessionExpiresParsesDeltaAndRefresher() {
        SessionExpires se = SessionExpires.parse("4000;refresher=uac");

        assertThat(se.deltaSeconds()).isEqualTo(4000);
        assertThat(se.refresher()).isEqualTo(Refresher.UAC);
        assertThat(se).hasToString("4000;refresher=uac");
    }

    @Test
    void sessionExpiresWithoutRefresherLeavesItOpen() {
        SessionExpires se = SessionExpires.parse("1800");

        assertThat(se.refresher()).isNull();
        assertThat(se.withRefresher(Refresher.UAS)).hasToString("1800;refresher=uas");
    }

    @Test
    void sessionExpiresAcceptsRefresherInAnyCaseAndKeepsOtherParameters() {
        SessionExpires se = SessionExpires.parse("90 ; Refresher = UAS ; x=y");

        assertThat(se.refresher()).isEqualTo(Refresher.UAS);
        assertThat(se.parameters().get("x")).isEqualTo("y");
    }

    @Test
    void sessionExpiresSaturatesHugeValues() {
        assertThat(SessionExpires.parse("949302838503028349304023988").deltaSeconds())
                .isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void sessionExpiresFactoryWritesWireForm() {
        assertThat(SessionExpires.of(1800, Refresher.UAC)).hasToString("1800;refresher=uac");
        assertThat(SessionExpires.of(1800, null)).hasToString("1800");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "-90", "90;refresher=both", "90;refresher", "90 seconds", "90;", "9 0"})
    void sessionExpiresRejectsMalformedValues(String value) {
        assertThatThrownBy(() -> SessionExpires.parse(value)).isInstanceOf(SipParseException.class);
    }

    @Test
    void minSeParsesDeltaAndParameters() {
        MinSe m = MinSe.parse("90;foo=bar");

        assertThat(m.deltaSeconds()).isEqualTo(90);
        assertThat(m.parameters().get("foo")).isEqualTo("bar");
        assertThat(m).hasToString("90;foo=bar");
        assertThat(MinSe.of(120)).hasToString("120");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "90;", "90 x", "+90"})
    void minSeRejectsMalformedValues(String value) {
        assertThatThrownBy(() -> MinSe.parse(value)).isInstanceOf(SipParseException.class);
    }
}
