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
import io.siplane.sip.message.SipMessage;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.uri.SipUri;
import io.siplane.sip.transport.TransportType;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Calls through the edge on loopback: raw-socket clients outside, two fake B2BUAs on an internal address. */
class EdgeB2buaIntegrationTest {
    private static final String SECRET = "dGVzdC1vbmx5LWZsb3ctdG9rZW4tc2VjcmV0";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private static FakeRegistrar registrar;
    private static FakeB2bua b1;
    private static FakeB2bua b2;
    private static EdgeServer edge;
    private static InetSocketAddress edgeUdp;
    private final FlowTokenCodec codec = FlowTokenCodec.fromBase64(SECRET);

    static EdgeSettings settings(List<String> registrars) {
        return new EdgeSettings(
                "edge-a",
                "127.0.0.1",
                0,
                List.of(TransportType.UDP, TransportType.TCP),
                null,
                -1,
                null,
                -1,
                Duration.ofMinutes(5),
                registrars,
                TransportType.UDP,
                true,
                Duration.ofMillis(100),
                Duration.ofMillis(150),
                2,
                1,
                SECRET,
                70,
                30);
    }

    @BeforeAll
    static void start() {
        registrar = new FakeRegistrar();
        b1 = new FakeB2bua("b1");
        b2 = new FakeB2bua("b2");
        edge = new EdgeServer(
                settings(List.of(registrar.id())).withB2buas(List.of(b1.spec(), b2.spec()), TransportType.UDP),
                new SimpleMeterRegistry());
        edge.start();
        edgeUdp = edge.transport().localAddress(TransportType.UDP);
    }

    @AfterAll
    static void stop() {
        if (edge != null) edge.close();
        if (b1 != null) b1.close();
        if (b2 != null) b2.close();
        if (registrar != null) registrar.close();
    }

    @BeforeEach
    void everyB2buaAnswers() {
        b1.answerOptions = true;
        b2.answerOptions = true;
        await().atMost(Duration.ofSeconds(5)).until(() -> edge.b2buas().healthyCount() == 2);
        b1.clear();
        b2.clear();
    }

    private static FakeB2bua fake(String id) {
        return id.equals(b1.id()) ? b1 : b2;
    }

    private static FakeB2bua chosenFor(String callId) {
        return fake(edge.b2buas().pick(callId).orElseThrow().id());
    }

    private static String request(
            String method, String uri, String transport, int clientPort, String callId, String toTag, String route) {
        String n = Integer.toString(SEQ.incrementAndGet());
        return method + " " + uri + " SIP/2.0\n"
                + "Via: SIP/2.0/" + transport + " 127.0.0.1:" + clientPort + ";rport;branch=z9hG4bK-c" + n + "\n"
                + (route == null ? "" : "Route: " + route + "\n")
                + "Max-Forwards: 70\n"
                + "From: <sip:alice@example.com>;tag=a" + n + "\n"
                + "To: <sip:bob@example.com>" + (toTag == null ? "" : ";tag=" + toTag) + "\n"
                + "Call-ID: " + callId + "\n"
                + "CSeq: " + n + " " + method + "\n"
                + "Contact: <sip:alice@127.0.0.1:" + clientPort + ";transport=" + transport.toLowerCase() + ">\n"
                + "Content-Length: 0\n\n";
    }

    private static void udpSend(DatagramSocket client, String text) throws Exception {
        byte[] b = Wire.bytes(text);
        client.send(new DatagramPacket(b, b.length, edgeUdp));
    }

    private static void udpSend(DatagramSocket client, SipMessage m) throws Exception {
        byte[] b = m.toBytes();
        client.send(new DatagramPacket(b, b.length, edgeUdp));
    }

    private static String b2buaContact(FakeB2bua b) {
        return "<sip:b2bua@127.0.0.1:" + edgeUdp.getPort() + ";b2bua=" + b.id() + ">";
    }

    @Test
    void theCallIdPicksAStableInstanceAndMovesWhenItStopsAnsweringPings() throws Exception {
        String callId = UUID.randomUUID().toString();
        FakeB2bua chosen = chosenFor(callId);
        FakeB2bua other = chosen == b1 ? b2 : b1;
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            for (int i = 0; i < 3; i++) {
                udpSend(
                        client,
                        request("MESSAGE", "sip:bob@example.com", "UDP", client.getLocalPort(), callId, null, null));
                assertThat(chosen.nextRequest().callId()).isEqualTo(callId);
            }
            assertThat(other.requests).isEmpty();

            chosen.answerOptions = false;
            await().atMost(Duration.ofSeconds(5)).until(() -> !edge.b2buas().isHealthy(chosen.id()));
            udpSend(
                    client,
                    request("MESSAGE", "sip:bob@example.com", "UDP", client.getLocalPort(), callId, null, null));
            assertThat(other.nextRequest().callId()).isEqualTo(callId);
            assertThat(chosen.requests).isEmpty();
        }
    }

    @Test
    void anInviteGetsARecordRouteWithASignedTokenOfTheClientsFlow() throws Exception {
        String callId = UUID.randomUUID().toString();
        try (Socket client = new Socket()) {
            client.connect(edge.transport().localAddress(TransportType.TCP), 5000);
            client.getOutputStream()
                    .write(Wire.bytes(request(
                            "INVITE", "sip:bob@example.com", "TCP", client.getLocalPort(), callId, null, null)));
            SipRequest at = chosenFor(callId).nextRequest();
            assertThat(at.method()).isEqualTo(SipMethod.INVITE);
            assertThat(at.maxForwards()).isEqualTo(69);
            assertThat(at.vias()).hasSize(2);
            assertThat(at.topVia().parameters().get(EdgeProxy.VIA_FLOW_PARAM)).isNotNull();
            SipUri rr = at.recordRoutes().get(0).sipUri();
            assertThat(rr.host()).isEqualTo("127.0.0.1");
            assertThat(rr.port()).isEqualTo(edgeUdp.getPort());
            assertThat(rr.hasParameter("lr")).isTrue();
            FlowToken token = codec.decode(rr.user()).orElseThrow();
            assertThat(token.edgeId()).isEqualTo("edge-a");
            assertThat(token.flow().transport()).isEqualTo(TransportType.TCP);
            assertThat(token.flow().remote()).isEqualTo(client.getLocalSocketAddress());
        }
    }

    @Test
    void anInDialogRequestGoesToTheNamedInstanceAndToTheRingsNextWhenItIsDown() throws Exception {
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            String uri = "sip:b2bua@127.0.0.1:" + edgeUdp.getPort() + ";b2bua=b2";
            udpSend(client, request("BYE", uri, "UDP", client.getLocalPort(), "dlg-1", "b2b", null));
            assertThat(b2.nextRequest().method()).isEqualTo(SipMethod.BYE);

            // named in a Route rather than the Request-URI
            udpSend(
                    client,
                    request(
                            "INFO",
                            "sip:bob@192.0.2.9",
                            "UDP",
                            client.getLocalPort(),
                            "dlg-1",
                            "b2b",
                            "<sip:b2bua@127.0.0.1:9999;lr;b2bua=b2>"));
            assertThat(b2.nextRequest().method()).isEqualTo(SipMethod.INFO);

            b2.answerOptions = false;
            await().atMost(Duration.ofSeconds(5)).until(() -> !edge.b2buas().isHealthy("b2"));
            FakeB2bua next = fake(edge.b2buas().pick("b2").orElseThrow().id());
            assertThat(next).isSameAs(b1);
            udpSend(client, request("BYE", uri, "UDP", client.getLocalPort(), "dlg-1", "b2b", null));
            assertThat(b1.nextRequest().method()).isEqualTo(SipMethod.BYE);
            assertThat(b2.requests).isEmpty();
        }
    }

    @Test
    void noHealthyB2buaIs503WithRetryAfter() throws Exception {
        b1.answerOptions = false;
        b2.answerOptions = false;
        await().atMost(Duration.ofSeconds(5)).until(() -> edge.b2buas().healthyCount() == 0);
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            udpSend(client, request("INVITE", "sip:bob@example.com", "UDP", client.getLocalPort(), "x", null, null));
            SipResponse r = (SipResponse) Wire.receive(client);
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.header(HeaderName.RETRY_AFTER)).isEqualTo("30");
        }
        assertThat(b1.requests).isEmpty();
        assertThat(b2.requests).isEmpty();
    }

    @Test
    void aRequestFromTheInsideWithOurTokenLeavesOverTheClientsTcpConnection() throws Exception {
        String callId = UUID.randomUUID().toString();
        try (Socket client = new Socket()) {
            client.connect(edge.transport().localAddress(TransportType.TCP), 5000);
            client.setSoTimeout(5000);
            OutputStream out = client.getOutputStream();
            InputStream in = client.getInputStream();
            out.write(Wire.bytes(
                    request("INVITE", "sip:bob@example.com", "TCP", client.getLocalPort(), callId, null, null)));
            FakeB2bua b = chosenFor(callId);
            SipRequest invite = b.nextRequest();

            SipRequest bye = fromB2bua(b, SipMethod.BYE, invite);
            b.send(bye, edgeUdp);
            SipRequest atClient = (SipRequest) Wire.read(in);
            assertThat(atClient.method()).isEqualTo(SipMethod.BYE);
            assertThat(atClient.routes()).isEmpty();
            assertThat(atClient.vias()).hasSize(1);
            assertThat(atClient.topVia().transport()).isEqualTo("TCP");
            assertThat(atClient.toString()).doesNotContain(FakeB2bua.HOST);

            out.write(SipResponse.forRequest(atClient, 200)
                    .add(HeaderName.CONTENT_LENGTH, "0")
                    .build()
                    .toBytes());
            SipResponse back = b.nextResponse();
            assertThat(back.status()).isEqualTo(200);
            // the B2BUA's own Via, as the edge received it (stamped with received/rport, RFC 3581)
            assertThat(back.vias()).hasSize(1);
            assertThat(back.topVia().branch()).isEqualTo(bye.topVia().branch());
            assertThat(back.topVia().sentBy()).isEqualTo(bye.topVia().sentBy());
        }
    }

    @Test
    void nothingTheOutsideReceivesDuringACallNamesAnInternalAddress() throws Exception {
        String callId = UUID.randomUUID().toString();
        List<SipMessage> seen = new ArrayList<>();
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            int port = client.getLocalPort();
            udpSend(client, request("INVITE", "sip:bob@example.com", "UDP", port, callId, null, null));
            FakeB2bua b = chosenFor(callId);
            SipRequest invite = b.nextRequest();

            for (int status : new int[] {180, 200}) {
                SipResponse.Builder rb = SipResponse.forRequest(invite, status)
                        .toTag("b2b")
                        .add(HeaderName.CONTACT, b2buaContact(b))
                        .add(HeaderName.TRACEPARENT, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                        .add(HeaderName.CONTENT_LENGTH, "0");
                for (String rr : invite.headerValues(HeaderName.RECORD_ROUTE)) rb.add(HeaderName.RECORD_ROUTE, rr);
                b.send(rb.build(), edgeUdp);
                SipResponse r = (SipResponse) Wire.receive(client);
                seen.add(r);
                assertThat(r.status()).isEqualTo(status);
            }
            SipResponse ok = (SipResponse) seen.get(1);
            assertThat(ok.vias()).hasSize(1);

            // ACK along the route set (the Record-Route) to the Contact, which names the instance
            NameAddress route = ok.recordRoutes().get(0);
            String ack = request(
                            "ACK", ok.contacts().get(0).uri().toString(), "UDP", port, callId, "b2b", route.toString())
                    .replaceFirst("CSeq: \\d+ ACK", "CSeq: " + invite.cseq().number() + " ACK");
            udpSend(client, ack);
            SipRequest ackAt = b.nextRequest();
            assertThat(ackAt.method()).isEqualTo(SipMethod.ACK);
            assertThat(ackAt.routes()).isEmpty();

            // the B2BUA ends the call: its BYE leaves through the edge, the 200 comes back to it
            SipRequest bye = fromB2bua(b, SipMethod.BYE, invite);
            b.send(bye, edgeUdp);
            SipRequest byeAtClient = (SipRequest) Wire.receive(client);
            seen.add(byeAtClient);
            udpSend(
                    client,
                    SipResponse.forRequest(byeAtClient, 200)
                            .add(HeaderName.CONTENT_LENGTH, "0")
                            .build());
            SipResponse byeOk = b.nextResponse();
            assertThat(byeOk.status()).isEqualTo(200);
            // the B2BUA's own Via, as the edge received it (stamped with received/rport, RFC 3581)
            assertThat(byeOk.vias()).hasSize(1);
            assertThat(byeOk.topVia().branch()).isEqualTo(bye.topVia().branch());
            assertThat(byeOk.topVia().sentBy()).isEqualTo(bye.topVia().sentBy());
        }
        assertThat(seen).hasSize(3);
        for (SipMessage m : seen) {
            String text = m.toString();
            assertThat(text)
                    .doesNotContain(FakeB2bua.HOST)
                    .doesNotContain(":" + b1.port())
                    .doesNotContain(":" + b2.port())
                    .doesNotContain(EdgeProxy.VIA_FLOW_PARAM)
                    .doesNotContainIgnoringCase("traceparent");
        }
    }

    @Test
    void aSourceOverItsRateGets503() throws Exception {
        EdgeServer limited = new EdgeServer(
                settings(List.of(registrar.id())).withRateLimit(new EdgeSettings.RateLimit(true, 0.01, 2, false, 100)),
                new SimpleMeterRegistry());
        limited.start();
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress to = limited.transport().localAddress(TransportType.UDP);
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                byte[] b = Wire.bytes(request(
                        "OPTIONS",
                        "sip:127.0.0.1:" + to.getPort(),
                        "UDP",
                        client.getLocalPort(),
                        UUID.randomUUID().toString(),
                        null,
                        null));
                client.send(new DatagramPacket(b, b.length, to));
                statuses.add(((SipResponse) Wire.receive(client)).status());
            }
            assertThat(statuses).containsExactly(200, 200, 503);
        } finally {
            limited.close();
        }
    }

    /** A request of the B2BUA towards leg A: along the Record-Route (our token) to the caller's Contact. */
    private static SipRequest fromB2bua(FakeB2bua b, SipMethod method, SipRequest invite) {
        String n = Integer.toString(SEQ.incrementAndGet());
        return SipRequest.builder(method, invite.contacts().get(0).uri())
                .add(
                        HeaderName.VIA,
                        b.transport()
                                .viaFor(TransportType.UDP, "z9hG4bK-b2b" + n)
                                .toString())
                .add(HeaderName.ROUTE, invite.recordRoutes().get(0).toString())
                .add(HeaderName.MAX_FORWARDS, "70")
                .add(HeaderName.FROM, invite.to().withTag("b2b").toString())
                .add(HeaderName.TO, invite.from().toString())
                .add(HeaderName.CALL_ID, invite.callId())
                .add(HeaderName.CSEQ, "1 " + method.name())
                .add(HeaderName.CONTACT, b2buaContact(b))
                .add(HeaderName.TRACEPARENT, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .add(HeaderName.CONTENT_LENGTH, "0")
                .build();
    }
}
