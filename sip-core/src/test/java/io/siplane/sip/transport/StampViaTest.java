package io.siplane.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.Via;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** RFC 3261 §18.2.1 and RFC 3581 §4 on the server side, without sockets. */
class StampViaTest {
    @Test
    void ipv6SourceIsRecordedWithoutBrackets() {
        SipRequest r = Wire.options(Via.parse("SIP/2.0/UDP [2001:db8::9]:5060;branch=z9hG4bK-6;rport"), "v6");
        SipRequest stamped = SipTransport.stampVia(r, new InetSocketAddress("::1", 40000));
        assertThat(stamped.topVia().received()).isEqualTo("::1"); // RFC 5118 §4.5
        assertThat(stamped.topVia().rport()).isEqualTo(40000);
    }

    @Test
    void sameIpv6AddressWrittenDifferentlyNeedsNoReceived() {
        SipRequest r = Wire.options(Via.parse("SIP/2.0/UDP [0:0:0:0:0:0:0:1]:5060;branch=z9hG4bK-7"), "v6b");
        assertThat(SipTransport.stampVia(r, new InetSocketAddress("::1", 5060))).isSameAs(r);
    }

    @Test
    void rportIsFilledEvenWhenTheHostMatches() {
        SipRequest r = Wire.options(Via.parse("SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-8;rport"), "same");
        Via top = SipTransport.stampVia(r, new InetSocketAddress("127.0.0.1", 41000))
                .topVia();
        assertThat(top.rport()).isEqualTo(41000);
        assertThat(top.received()).isEqualTo("127.0.0.1"); // RFC 3581 §4: received is always added with rport
    }

    @Test
    void onlyTheTopViaChanges() {
        SipRequest r = Wire.options(Via.parse("SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-9"), "two").toBuilder()
                .add(HeaderName.VIA, "SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK-a")
                .build();
        SipRequest stamped = SipTransport.stampVia(r, new InetSocketAddress("127.0.0.1", 5060));
        assertThat(stamped.vias()).hasSize(2);
        assertThat(stamped.vias().get(0).received()).isEqualTo("127.0.0.1");
        assertThat(stamped.vias().get(1)).isEqualTo(r.vias().get(1));
    }

    @Test
    void switchToTcpRewritesOnlyTheTopViaTransport() {
        SipRequest r = Wire.options(Via.parse("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-b;rport"), "sw");
        Via top = SipTransport.withTopViaTransport(r, TransportType.TCP).topVia();
        assertThat(top.transport()).isEqualTo("TCP");
        assertThat(top.sentBy()).isEqualTo("192.0.2.1:5060");
        assertThat(top.branch()).isEqualTo("z9hG4bK-b");
        assertThat(top.hasRport()).isTrue();
    }
}
