package io.siplane.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siplane.sip.message.syntax.SipParseException;
import io.siplane.sip.message.uri.SipUri;
import org.junit.jupiter.api.Test;

class SipMessageTypedHeadersTest {

    private static SipRequest.Builder request(SipMethod m) {
        return SipRequest.builder(m, SipUri.parse("sip:bob@example.com"))
                .add(HeaderName.VIA, "SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds")
                .add(HeaderName.FROM, "<sip:alice@example.com>;tag=1928301774")
                .add(HeaderName.TO, "<sip:bob@example.com>")
                .add(HeaderName.CALL_ID, "a84b4c76e66710@pc33.example.com")
                .add(HeaderName.CSEQ, "2 " + m.name());
    }

    @Test
    void typedAccessorsReturnNullWhenHeadersAreAbsent() {
        SipRequest r = request(SipMethod.OPTIONS).build();

        assertThat(r.rack()).isNull();
        assertThat(r.event()).isNull();
        assertThat(r.subscriptionState()).isNull();
        assertThat(r.replaces()).isNull();
        assertThat(r.sessionExpires()).isNull();
        assertThat(r.minSe()).isNull();
        assertThat(r.retryAfter()).isNull();
        assertThat(r.referTo()).isNull();
        assertThat(r.referredBy()).isNull();
    }

    @Test
    void typedAccessorsParseTheirHeaders() {
        SipRequest r = request(SipMethod.NOTIFY)
                .add(HeaderName.RACK, "1 1 INVITE")
                .add("o", "refer;id=7")
                .add(HeaderName.SUBSCRIPTION_STATE, "active;expires=60")
                .add(HeaderName.REPLACES, "c@h;to-tag=a;from-tag=b")
                .add("x", "1800;refresher=uas")
                .add(HeaderName.MIN_SE, "90")
                .add(HeaderName.RETRY_AFTER, "30")
                .add("r", "<sip:carol@example.com?Replaces=c%40h%3Bto-tag%3Da%3Bfrom-tag%3Db>")
                .add("b", "<sip:alice@example.com>")
                .build();

        assertThat(r.rack()).isEqualTo(new RAck(1, 1, SipMethod.INVITE));
        assertThat(r.event().id()).isEqualTo("7");
        assertThat(r.subscriptionState().expires()).isEqualTo(60);
        assertThat(r.replaces().toTag()).isEqualTo("a");
        assertThat(r.sessionExpires().refresher()).isEqualTo(SessionExpires.Refresher.UAS);
        assertThat(r.minSe().deltaSeconds()).isEqualTo(90);
        assertThat(r.retryAfter().deltaSeconds()).isEqualTo(30);
        assertThat(r.referTo().sipUri().headers()).isEqualTo("Replaces=c%40h%3Bto-tag%3Da%3Bfrom-tag%3Db");
        assertThat(r.referredBy().sipUri().user()).isEqualTo("alice");
    }

    @Test
    void malformedOptionalHeaderThrowsParseExceptionOnAccessAndStaysRaw() {
        SipRequest r =
                request(SipMethod.PRACK).add(HeaderName.RACK, "one 1 INVITE").build();

        assertThatThrownBy(r::rack).isInstanceOf(SipParseException.class);
        assertThat(r.header(HeaderName.RACK)).isEqualTo("one 1 INVITE");
    }

    @Test
    void duplicatedSingleValueHeaderIsAParseError() {
        SipRequest r = request(SipMethod.INVITE)
                .add(HeaderName.SESSION_EXPIRES, "90")
                .add(HeaderName.SESSION_EXPIRES, "120")
                .build();

        assertThatThrownBy(r::sessionExpires).isInstanceOf(SipParseException.class);
    }

    @Test
    void numericHeaderFindsAnUnregisteredNameLikeTheOtherAccessors() {
        SipRequest r = request(SipMethod.OPTIONS).add("X-Retry-Count", "3").build();

        assertThat(r.header("x-retry-count")).isEqualTo("3");
        assertThat(r.numericHeader(HeaderName.of("X-Retry-Count"))).isEqualTo(3);
        assertThat(r.numericHeader(HeaderName.EXPIRES)).isEqualTo(-1);
    }
}
