package io.siplane.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.siplane.sip.message.Via;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** RFC 3261 §18.2.2 and RFC 3581 §4. */
class ResponseAddressingTest {
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 5060);

    @Test
    void reliableResponseGoesOverTheRequestConnectionWithReceivedAndSentByPortAsFallback() {
        Flow flow = new Flow(TransportType.TCP, LOCAL, new InetSocketAddress("192.0.2.4", 40001), 17);
        Via via = Via.parse("SIP/2.0/TCP client.example.com:5070;branch=z9hG4bK1;received=192.0.2.4");
        Destination d = ResponseAddressing.destinationFor(via, flow);
        assertThat(d.flow()).isEqualTo(flow);
        assertThat(d.transport()).isEqualTo(TransportType.TCP);
        assertThat(d.address()).isEqualTo(new InetSocketAddress("192.0.2.4", 5070));
    }

    @Test
    void udpResponseGoesToReceivedAndRport() {
        Flow flow = Flow.datagram(LOCAL, new InetSocketAddress("192.0.2.4", 40001));
        Via via = Via.parse("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1;rport=40001;received=192.0.2.4");
        assertThat(ResponseAddressing.destinationFor(via, flow).address())
                .isEqualTo(new InetSocketAddress("192.0.2.4", 40001));
    }

    @Test
    void udpResponseGoesToReceivedAndSentByPortWithoutRport() {
        Via via = Via.parse("SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bK1;received=192.0.2.4");
        assertThat(ResponseAddressing.destinationFor(via, null).address())
                .isEqualTo(new InetSocketAddress("192.0.2.4", 5062));
    }

    @Test
    void udpResponseGoesToMaddr() {
        Via via = Via.parse("SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1;maddr=192.0.2.77;received=192.0.2.4");
        assertThat(ResponseAddressing.destinationFor(via, null).address())
                .isEqualTo(new InetSocketAddress("192.0.2.77", 5060));
    }

    @Test
    void udpResponseGoesToSentByWithDefaultPort() {
        Via via = Via.parse("SIP/2.0/UDP [::1];branch=z9hG4bK1");
        Destination d = ResponseAddressing.destinationFor(via, null);
        assertThat(d.address()).isEqualTo(new InetSocketAddress("::1", 5060));
        assertThat(d.transport()).isEqualTo(TransportType.UDP);
    }

    @Test
    void sentByHostNameStaysUnresolvedForRfc3263Section5() {
        Via via = Via.parse("SIP/2.0/UDP client.example.com:5070;branch=z9hG4bK1");
        Destination d = ResponseAddressing.destinationFor(via, null);
        assertThat(d.address().isUnresolved()).isTrue();
        assertThat(d.address().getHostString()).isEqualTo("client.example.com");
        assertThat(d.address().getPort()).isEqualTo(5070);
    }
}
