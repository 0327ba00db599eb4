package io.siplane.edge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siplane.sip.message.uri.SipUri;
import io.siplane.sip.transport.Flow;
import io.siplane.sip.transport.TransportType;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class FlowTokenCodecTest {
    private final FlowTokenCodec codec = new FlowTokenCodec("0123456789abcdef-secret".getBytes(StandardCharsets.UTF_8));
    private final FlowToken tcp = new FlowToken(
            "edge-0",
            new Flow(
                    TransportType.TCP,
                    new InetSocketAddress("10.1.2.3", 5060),
                    new InetSocketAddress("203.0.113.7", 40123),
                    42));

    @Test
    void roundTripsTcpUdpAndIpv6Flows() {
        assertThat(codec.decode(codec.encode(tcp))).contains(tcp);
        FlowToken udp = new FlowToken(
                "edge-1",
                Flow.datagram(new InetSocketAddress("::1", 5060), new InetSocketAddress("2001:db8::7", 5062)));
        assertThat(codec.decode(codec.encode(udp))).contains(udp);
        FlowToken noLocal = new FlowToken("e", Flow.datagram(null, new InetSocketAddress("192.0.2.1", 5060)));
        assertThat(codec.decode(codec.encode(noLocal))).contains(noLocal);
    }

    @Test
    void tokenIsAValidSipUriUserPart() {
        String token = codec.encode(tcp);
        assertThat(token).matches("[A-Za-z0-9_-]+").hasSizeLessThan(100);
        assertThat(SipUri.parse("sip:" + token + "@edge.example.com;lr").user()).isEqualTo(token);
    }

    @Test
    void everySingleByteChangeIsRejected() {
        byte[] raw = Base64.getUrlDecoder().decode(codec.encode(tcp));
        for (int i = 0; i < raw.length; i++) {
            byte[] tampered = raw.clone();
            tampered[i] ^= 0x01;
            String t = Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
            assertThat(codec.decode(t)).as("byte %d flipped", i).isEmpty();
        }
    }

    @Test
    void tokenOfAnotherSecretIsRejected() {
        FlowTokenCodec other = new FlowTokenCodec("another-secret-of-16+".getBytes(StandardCharsets.UTF_8));
        assertThat(codec.decode(other.encode(tcp))).isEmpty();
    }

    @Test
    void garbageIsRejectedNotThrown() {
        assertThat(codec.decode("")).isEmpty();
        assertThat(codec.decode(null)).isEmpty();
        assertThat(codec.decode("not*base64")).isEmpty();
        assertThat(codec.decode("AAAA")).isEmpty();
        assertThat(codec.decode("A".repeat(10_000))).isEmpty();
        String t = codec.encode(tcp);
        assertThat(codec.decode(t.substring(0, t.length() - 2))).isEmpty();
    }

    @Test
    void shortSecretsAreRefused() {
        assertThatThrownBy(() -> new FlowTokenCodec(new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }
}
