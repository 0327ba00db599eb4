package io.siplane.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.siplane.sip.message.Via;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** RFC 3261 §18.2.2 and RFC 3581 §4. */
class ResponseAddressingTest {
    private static final Destination UDP_SOURCE = Destination.of("UDP", new InetSocketAddress("203.0.113.7", 61000));
    private static final Destination TCP_SOURCE =
            new Destination("TCP", new InetSocketAddress("203.0.113.7", 52000), "conn-42");

    private static Destination address(String via, Destination source) {
        return ResponseAddressing.destination(Via.parse(via), source);
    }

    @Test
    void unreliableGoesToReceivedAndRport() {
        Destination d =
                address("SIP/2.0/UDP 10.0.0.5:5062;branch=z9hG4bKa;received=203.0.113.7;rport=61000", UDP_SOURCE);

        assertThat(d.transport()).isEqualTo("UDP");
        assertThat(d.address()).isEqualTo(new InetSocketAddress("203.0.113.7", 61000));
    }

    @Test
    void unreliableWithoutRportGoesToReceivedAndSentByPort() {
        Destination d = address("SIP/2.0/UDP 10.0.0.5:5062;branch=z9hG4bKa;received=203.0.113.7", UDP_SOURCE);

        assertThat(d.address()).isEqualTo(new InetSocketAddress("203.0.113.7", 5062));
    }

    @Test
    void unreliableWithoutReceivedGoesToSentByWithDefaultPort() {
        Destination d = address("SIP/2.0/UDP 198.51.100.4;branch=z9hG4bKa", UDP_SOURCE);

        assertThat(d.address()).isEqualTo(new InetSocketAddress("198.51.100.4", 5060));
    }

    @Test
    void emptyRportLeftByTheTransportFallsBackToTheSource() {
        Destination d = address("SIP/2.0/UDP 10.0.0.5;branch=z9hG4bKa;rport", UDP_SOURCE);

        assertThat(d.address()).isEqualTo(UDP_SOURCE.address());
    }

    @Test
    void maddrWinsOverReceivedForUnreliable() {
        Destination d = address(
                "SIP/2.0/UDP 10.0.0.5:5070;branch=z9hG4bKa;maddr=239.255.255.1;received=203.0.113.7;rport=61000",
                UDP_SOURCE);

        assertThat(d.address()).isEqualTo(new InetSocketAddress("239.255.255.1", 5070));
    }

    @Test
    void hostNameStaysUnresolvedForTheTransport() {
        Destination d = address("SIP/2.0/UDP client.example.com:5080;branch=z9hG4bKa", null);

        assertThat(d.address().isUnresolved()).isTrue();
        assertThat(d.address().getHostString()).isEqualTo("client.example.com");
        assertThat(d.address().getPort()).isEqualTo(5080);
    }

    @Test
    void reliableUsesTheSameConnection() {
        Destination d = address("SIP/2.0/TCP 10.0.0.5:5060;branch=z9hG4bKa;received=203.0.113.7", TCP_SOURCE);

        assertThat(d.flowId()).isEqualTo("conn-42");
        assertThat(d.transport()).isEqualTo("TCP");
        // RFC 3261 §18.2.2: the fallback for a closed connection is received and the sent-by port.
        assertThat(d.address()).isEqualTo(new InetSocketAddress("203.0.113.7", 5060));
    }

    @Test
    void reliableWithRportAddressesTheConnectionPeer() {
        Destination d = address("SIP/2.0/TLS 10.0.0.5;branch=z9hG4bKa;received=203.0.113.7;rport=52000", TCP_SOURCE);

        assertThat(d.address()).isEqualTo(new InetSocketAddress("203.0.113.7", 52000));
        assertThat(d.flowId()).isEqualTo("conn-42");
    }

    @Test
    void tlsDefaultsTo5061() {
        Destination d = address("SIP/2.0/TLS 198.51.100.4;branch=z9hG4bKa", null);

        assertThat(d.address()).isEqualTo(new InetSocketAddress("198.51.100.4", 5061));
    }

    @Test
    void ipv6ReceivedIsALiteral() {
        Destination d = address("SIP/2.0/UDP [2001:db8::9]:5060;branch=z9hG4bKa;received=2001:db8::9", null);

        assertThat(d.address().isUnresolved()).isFalse();
        assertThat(d.address().getPort()).isEqualTo(5060);
    }
}
