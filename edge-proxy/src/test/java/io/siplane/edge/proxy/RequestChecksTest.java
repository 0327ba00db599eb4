package io.siplane.edge.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.Via;
import io.siplane.sip.message.uri.SipUri;
import io.siplane.sip.transaction.StatelessForwarding;
import io.siplane.sip.transport.TransportType;
import org.junit.jupiter.api.Test;

class RequestChecksTest {
    private final StatelessForwarding forwarding = new StatelessForwarding("secret");
    private final EdgeAddresses edge = EdgeAddresses.external("192.0.2.10", 5060);

    private static SipRequest register(String maxForwards, String uri) {
        SipRequest.Builder b = SipRequest.builder(SipMethod.REGISTER, SipUri.parse(uri))
                .add(
                        HeaderName.VIA,
                        "SIP/2.0/UDP 198.51.100.1:5060;branch=z9hG4bKclient1;rport=5060;received=198.51.100.1")
                .add(HeaderName.FROM, "<sip:alice@example.com>;tag=1")
                .add(HeaderName.TO, "<sip:alice@example.com>")
                .add(HeaderName.CALL_ID, "c1")
                .add(HeaderName.CSEQ, "1 REGISTER");
        if (maxForwards != null) b.add(HeaderName.MAX_FORWARDS, maxForwards);
        return b.build();
    }

    @Test
    void maxForwardsZeroIs483() {
        assertThat(RequestChecks.maxForwardsVerdict(register("0", "sip:example.com")))
                .hasValue(483);
        assertThat(RequestChecks.maxForwardsVerdict(register("1", "sip:example.com")))
                .isEmpty();
        assertThat(RequestChecks.maxForwardsVerdict(register(null, "sip:example.com")))
                .isEmpty();
    }

    @Test
    void forwardedCopyHasOneLessOrTheDefault() {
        assertThat(RequestChecks.forwardedMaxForwards(register("70", "sip:example.com"), 70))
                .isEqualTo(69);
        assertThat(RequestChecks.forwardedMaxForwards(register(null, "sip:example.com"), 70))
                .isEqualTo(70);
    }

    @Test
    void requestBackWithOurViaAndTheSameRequestUriIsALoop() {
        SipRequest first = register("70", "sip:example.com");
        SipRequest forwarded = forwarding.forwardRequest(first, first, edge.internalVia(TransportType.UDP, ""));
        // some element sends it straight back to us
        SipRequest back = forwarded.toBuilder()
                .addFirst(HeaderName.VIA, "SIP/2.0/UDP 10.0.0.9:5070;branch=z9hG4bKother")
                .build();
        assertThat(RequestChecks.isLoop(first, edge::isOurs, forwarding)).isFalse();
        assertThat(RequestChecks.isLoop(back, edge::isOurs, forwarding)).isTrue();
    }

    @Test
    void requestBackWithAnotherRequestUriIsASpiralNotALoop() {
        SipRequest first = register("70", "sip:example.com");
        SipRequest forwarded = forwarding.forwardRequest(first, first, edge.internalVia(TransportType.UDP, ""));
        SipRequest spiral = forwarded.toBuilder()
                .requestUri(SipUri.parse("sip:other.example.com"))
                .addFirst(HeaderName.VIA, "SIP/2.0/UDP 10.0.0.9:5070;branch=z9hG4bKother")
                .build();
        assertThat(RequestChecks.isLoop(spiral, edge::isOurs, forwarding)).isFalse();
    }

    @Test
    void ourSentByWithAForeignBranchIsNotALoop() {
        SipRequest r = register("70", "sip:example.com").toBuilder()
                .addFirst(
                        HeaderName.VIA,
                        Via.of("UDP", "192.0.2.10", 5060, "z9hG4bKsomeoneelse", false)
                                .toString())
                .addFirst(HeaderName.VIA, "SIP/2.0/UDP 10.0.0.9:5070;branch=z9hG4bKother")
                .build();
        assertThat(RequestChecks.isLoop(r, edge::isOurs, forwarding)).isFalse();
    }

    @Test
    void aorIsTheCanonicalToUri() {
        SipRequest r = register("70", "sip:example.com").toBuilder()
                .set(HeaderName.TO, "\"Alice\" <sip:alice@EXAMPLE.com:5060;transport=tcp>")
                .build();
        assertThat(EdgeProxy.aorOf(r)).isEqualTo("sip:alice@example.com");
    }
}
