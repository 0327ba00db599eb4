package io.siplane.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siplane.registrar.events.KafkaEvents;
import io.siplane.registrar.sip.SipListener;
import io.siplane.sip.auth.DigestClient;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.parse.ParseResult;
import io.siplane.sip.parse.SipParser;
import jakarta.inject.Inject;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** A REGISTER over real UDP from a plain socket: 401, then 200 with credentials. */
@QuarkusTest
@Order(3)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SipUdpTest {

    @Inject
    SipListener listener;

    @Inject
    KafkaEvents events;

    @Test
    void registerOverUdpIsChallengedThenAccepted() throws Exception {
        await().atMost(30, TimeUnit.SECONDS).until(events::ready);
        InetSocketAddress registrar = listener.udpAddress();
        try (DatagramSocket socket = new DatagramSocket(0, registrar.getAddress())) {
            socket.setSoTimeout(10_000);
            int port = socket.getLocalPort();
            SipResponse challenge = exchange(socket, registrar, request(port, 1, null));
            assertThat(challenge.status()).isEqualTo(401);
            String authorization = DigestClient.withPassword("1001", "secret1001")
                    .authorization(challenge.headerValues(HeaderName.WWW_AUTHENTICATE), "REGISTER", "sip:example.com")
                    .orElseThrow();
            SipResponse ok = exchange(socket, registrar, request(port, 2, authorization));
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.headerValues(HeaderName.CONTACT)).contains("<sip:1001@127.0.0.1:" + port + ">;expires=600");
        }
    }

    private static String request(int port, int cseq, String authorization) {
        return "REGISTER sip:example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bKudp" + cseq + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:1001@example.com>;tag=udp1\r\n"
                + "To: <sip:1001@example.com>\r\n"
                + "Call-ID: udp-test-1@127.0.0.1\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Contact: <sip:1001@127.0.0.1:" + port + ">\r\n"
                + "Expires: 600\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Length: 0\r\n\r\n";
    }

    /** Sends {@code text} and returns the first final response (a 100 Trying may come first). */
    private static SipResponse exchange(DatagramSocket socket, InetSocketAddress to, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, to));
        byte[] buf = new byte[65535];
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            socket.receive(p);
            ParseResult r = new SipParser().parseDatagram(Arrays.copyOf(p.getData(), p.getLength()));
            SipResponse response = (SipResponse) ((ParseResult.Parsed) r).message();
            if (response.status() >= 200) {
                return response;
            }
        }
    }
}
