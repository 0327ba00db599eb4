package io.siplane.edge.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.siplane.edge.EdgeServer;
import io.siplane.edge.config.EdgeSettings;
import io.siplane.edge.flow.FlowToken;
import io.siplane.edge.flow.FlowTokenCodec;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.NameAddress;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.Via;
import io.siplane.sip.message.uri.SipUri;
import io.siplane.sip.transport.TransportType;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The edge on real loopback sockets, between raw-socket clients and two fake registrars. */
class EdgeProxyIntegrationTest {
    private static final String SECRET = "dGVzdC1vbmx5LWZsb3ctdG9rZW4tc2VjcmV0";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private static FakeRegistrar reg1;
    private static FakeRegistrar reg2;
    private static EdgeServer edge;
    private static InetSocketAddress edgeAddress;
    private final FlowTokenCodec codec = FlowTokenCodec.fromBase64(SECRET);

    @BeforeAll
    static void start() {
        reg1 = new FakeRegistrar();
        reg2 = new FakeRegistrar();
        edge = new EdgeServer(
                new EdgeSettings(
                        "edge-a",
                        "127.0.0.1",
                        0,
                        List.of(TransportType.UDP, TransportType.TCP),
                        null,
                        -1,
                        null,
                        -1,
                        Duration.ofMinutes(5),
                        List.of(reg1.id(), reg2.id()),
                        TransportType.UDP,
                        true,
                        Duration.ofMillis(100),
                        Duration.ofMillis(150),
                        2,
                        1,
                        SECRET,
                        70,
                        30),
                new SimpleMeterRegistry());
        edge.start();
        edgeAddress = edge.transport().localAddress(TransportType.UDP);
    }

    @AfterAll
    static void stop() {
        if (edge != null) edge.close();
        if (reg1 != null) reg1.close();
        if (reg2 != null) reg2.close();
    }

    @BeforeEach
    void everyRegistrarAnswers() {
        reg1.answerOptions = true;
        reg2.answerOptions = true;
        await().atMost(Duration.ofSeconds(5)).until(() -> edge.registrars().healthyCount() == 2);
        reg1.registers.clear();
        reg2.registers.clear();
        reg1.responses.clear();
        reg2.responses.clear();
    }

    private static String register(String user, String transport, int clientPort, String maxForwards) {
        String n = Integer.toString(SEQ.incrementAndGet());
        return "REGISTER sip:127.0.0.1:" + edgeAddress.getPort() + " SIP/2.0\n"
                + "Via: SIP/2.0/" + transport + " 127.0.0.1:" + clientPort + ";rport;branch=z9hG4bK-c" + n + "\n"
                + "Max-Forwards: " + maxForwards + "\n"
                + "From: <sip:" + user + "@example.com>;tag=f" + n + "\n"
                + "To: <sip:" + user + "@example.com>\n"
                + "Call-ID: " + UUID.randomUUID() + "\n"
                + "CSeq: " + n + " REGISTER\n"
                + "Contact: <sip:" + user + "@127.0.0.1:" + clientPort + ";transport=" + transport.toLowerCase() + ">\n"
                + "Supported: path, outbound\n"
                + "Expires: 600\n"
                + "Content-Length: 0\n\n";
    }

    private static SipResponse udpExchange(DatagramSocket client, String request) throws Exception {
        byte[] b = Wire.bytes(request);
        client.send(new DatagramPacket(b, b.length, edgeAddress));
        return (SipResponse) Wire.receive(client);
    }

    private FakeRegistrar receiverOf(String aor) {
        String id = edge.registrars().pick(aor).orElseThrow().id();
        return id.equals(reg1.id()) ? reg1 : reg2;
    }

    @Test
    void udpRegisterReachesTheRegistrarWithPathAndTheAnswerComesBackByVia() throws Exception {
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            int port = client.getLocalPort();
            SipResponse ok = udpExchange(client, register("alice", "UDP", port, "70"));

            SipRequest atRegistrar = receiverOf("sip:alice@example.com").nextRegister();
            Via ours = atRegistrar.topVia();
            assertThat(ours.sentBy()).isEqualTo("127.0.0.1:" + edgeAddress.getPort());
            assertThat(ours.hasRfc3261Branch()).isTrue();
            assertThat(atRegistrar.vias()).hasSize(2);
            assertThat(atRegistrar.vias().get(1).rport()).isEqualTo(port);
            assertThat(atRegistrar.maxForwards()).isEqualTo(69);
            NameAddress path = atRegistrar.paths().get(0);
            SipUri pathUri = path.sipUri();
            assertThat(pathUri.hasParameter("lr")).isTrue();
            assertThat(pathUri.hasParameter("ob")).isTrue();
            FlowToken token = codec.decode(pathUri.user()).orElseThrow();
            assertThat(token.edgeId()).isEqualTo("edge-a");
            assertThat(token.flow().transport()).isEqualTo(TransportType.UDP);
            assertThat(token.flow().remote()).isEqualTo(new InetSocketAddress("127.0.0.1", port));

            assertThat(ok.status()).isEqualTo(200);
            // topology hiding: only the client's own Via, stamped by the edge (RFC 3581)
            assertThat(ok.vias()).hasSize(1);
            assertThat(ok.topVia().branch()).startsWith("z9hG4bK-c");
            assertThat(ok.topVia().rport()).isEqualTo(port);
            assertThat(ok.topVia().received()).isEqualTo("127.0.0.1");
            assertThat(ok.toString()).doesNotContain(EdgeProxy.VIA_FLOW_PARAM);
            assertThat(ok.paths()).containsExactly(path);
        }
    }

    @Test
    void tcpRegisterGetsItsAnswerOverTheSameConnection() throws Exception {
        try (Socket client = new Socket()) {
            client.connect(edge.transport().localAddress(TransportType.TCP), 5000);
            client.setSoTimeout(5000);
            client.getOutputStream().write(Wire.bytes(register("bob", "TCP", client.getLocalPort(), "70")));

            SipRequest atRegistrar = receiverOf("sip:bob@example.com").nextRegister();
            FlowToken token =
                    codec.decode(atRegistrar.paths().get(0).sipUri().user()).orElseThrow();
            assertThat(token.flow().transport()).isEqualTo(TransportType.TCP);
            assertThat(token.flow().hasConnection()).isTrue();
            SipResponse ok = (SipResponse) Wire.read(client.getInputStream());
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.vias()).hasSize(1);
            assertThat(ok.topVia().transport()).isEqualTo("TCP");
        }
    }

    @Test
    void maxForwardsZeroIsAnswered483AndNotForwarded() throws Exception {
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            SipResponse r = udpExchange(client, register("carol", "UDP", client.getLocalPort(), "0"));
            assertThat(r.status()).isEqualTo(483);
            assertThat(r.to().tag()).isNotNull();
        }
        assertThat(reg1.registers).isEmpty();
        assertThat(reg2.registers).isEmpty();
    }

    @Test
    void requestFromTheInsideWithOurTokenLeavesOverTheClientsConnection() throws Exception {
        try (Socket client = new Socket()) {
            client.connect(edge.transport().localAddress(TransportType.TCP), 5000);
            client.setSoTimeout(5000);
            OutputStream out = client.getOutputStream();
            InputStream in = client.getInputStream();
            out.write(Wire.bytes(register("dave", "TCP", client.getLocalPort(), "70")));
            FakeRegistrar reg = receiverOf("sip:dave@example.com");
            SipRequest atRegistrar = reg.nextRegister();
            assertThat(((SipResponse) Wire.read(in)).status()).isEqualTo(200);

            // the B2BUA (here: the fake registrar's transport) sends an INVITE along the Path
            NameAddress path = atRegistrar.paths().get(0);
            SipRequest invite = invite(reg, "sip:dave@127.0.0.1:" + client.getLocalPort(), path.toString());
            reg.send(invite, edgeAddress);

            SipRequest atClient = (SipRequest) Wire.read(in);
            assertThat(atClient.method()).isEqualTo(SipMethod.INVITE);
            assertThat(atClient.routes()).isEmpty();
            assertThat(atClient.maxForwards()).isEqualTo(69);
            // topology hiding: the registrar's Via travels inside the edge's branch
            assertThat(atClient.vias()).hasSize(1);
            assertThat(atClient.topVia().transport()).isEqualTo("TCP");
            assertThat(atClient.toString()).doesNotContain(reg.id());
            assertThat(atClient.hasHeader(HeaderName.TRACEPARENT)).isFalse();

            // the UA answers; the edge pops its Via and the answer reaches the sender by Via
            SipResponse ringing = SipResponse.forRequest(atClient, 486)
                    .toTag("ua")
                    .add(HeaderName.CONTENT_LENGTH, "0")
                    .build();
            out.write(ringing.toBytes());
            SipResponse back = reg.nextResponse();
            assertThat(back.status()).isEqualTo(486);
            assertThat(back.vias()).hasSize(1);
        }
    }

    @Test
    void forgedTokenIs403AndClosedFlowIs430() throws Exception {
        FakeRegistrar reg = reg1;
        SipUri edgeUri = SipUri.of(null, "127.0.0.1", edgeAddress.getPort());
        reg.send(invite(reg, "sip:x@127.0.0.1:9", "<" + edgeUri.withUser("Zm9yZ2VkLXRva2Vu") + ";lr>"), edgeAddress);
        assertThat(reg.nextResponse().status()).isEqualTo(403);

        InetSocketAddress gone;
        String path;
        try (Socket client = new Socket()) {
            client.connect(edge.transport().localAddress(TransportType.TCP), 5000);
            client.setSoTimeout(5000);
            client.getOutputStream().write(Wire.bytes(register("erin", "TCP", client.getLocalPort(), "70")));
            path = receiverOf("sip:erin@example.com")
                    .nextRegister()
                    .paths()
                    .get(0)
                    .toString();
            Wire.read(client.getInputStream());
            gone = (InetSocketAddress) client.getLocalSocketAddress();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> edge.transport().connectionCount() == 0);
        reg.send(invite(reg, "sip:erin@127.0.0.1:" + gone.getPort(), path), edgeAddress);
        assertThat(reg.nextResponse().status()).isEqualTo(430);
    }

    @Test
    void sameAorGoesToTheSameRegistrarAndMovesWhenItStopsAnswering() throws Exception {
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            FakeRegistrar chosen = receiverOf("sip:frank@example.com");
            FakeRegistrar other = chosen == reg1 ? reg2 : reg1;
            for (int i = 0; i < 3; i++) {
                assertThat(udpExchange(client, register("frank", "UDP", client.getLocalPort(), "70"))
                                .status())
                        .isEqualTo(200);
                chosen.nextRegister();
            }
            assertThat(other.registers).isEmpty();

            chosen.answerOptions = false;
            await().atMost(Duration.ofSeconds(5)).until(() -> !edge.registrars().isHealthy(chosen.id()));
            assertThat(udpExchange(client, register("frank", "UDP", client.getLocalPort(), "70"))
                            .status())
                    .isEqualTo(200);
            other.nextRegister();
            assertThat(chosen.registers).isEmpty();
        }
    }

    @Test
    void edgeAnswersOptionsToItselfAndRejectsWhatItCannotRoute() throws Exception {
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            int port = client.getLocalPort();
            SipResponse options = udpExchange(client, other("OPTIONS", "sip:127.0.0.1:" + edgeAddress.getPort(), port));
            assertThat(options.status()).isEqualTo(200);
            assertThat(options.header(HeaderName.ALLOW)).contains("REGISTER");

            SipResponse invite = udpExchange(client, other("INVITE", "sip:bob@example.com", port));
            assertThat(invite.status()).isEqualTo(503);
            assertThat(invite.hasHeader(HeaderName.RETRY_AFTER)).isTrue();

            SipResponse unknown = udpExchange(client, other("FOO", "sip:bob@example.com", port));
            assertThat(unknown.status()).isEqualTo(501);
        }
    }

    private static String other(String method, String uri, int clientPort) {
        String n = Integer.toString(SEQ.incrementAndGet());
        return method + " " + uri + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + clientPort + ";rport;branch=z9hG4bK-o" + n + "\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:alice@example.com>;tag=o" + n + "\n"
                + "To: <" + uri + ">\n"
                + "Call-ID: " + UUID.randomUUID() + "\n"
                + "CSeq: 1 " + method + "\n"
                + "Content-Length: 0\n\n";
    }

    private static SipRequest invite(FakeRegistrar from, String requestUri, String route) {
        String n = Integer.toString(SEQ.incrementAndGet());
        return SipRequest.builder(SipMethod.INVITE, SipUri.parse(requestUri))
                .add(
                        HeaderName.VIA,
                        from.transport()
                                .viaFor(TransportType.UDP, "z9hG4bK-b2b" + n)
                                .toString())
                .add(HeaderName.ROUTE, route)
                .add(HeaderName.MAX_FORWARDS, "70")
                .add(HeaderName.FROM, "<sip:b2bua@example.com>;tag=b" + n)
                .add(HeaderName.TO, "<" + requestUri + ">")
                .add(HeaderName.CALL_ID, UUID.randomUUID().toString())
                .add(HeaderName.CSEQ, "1 INVITE")
                .add(HeaderName.TRACEPARENT, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .add(HeaderName.CONTENT_LENGTH, "0")
                .build();
    }
}
