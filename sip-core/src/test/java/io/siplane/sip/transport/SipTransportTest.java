package io.siplane.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siplane.sip.message.SipMessage;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.Via;
import io.siplane.sip.parse.ParseError;
import io.siplane.sip.testing.LeakWatch;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The transport over real sockets on 127.0.0.1. Peers are plain JDK sockets or a second transport. */
class SipTransportTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeAll
    static void leakDetectionIsParanoid() {
        LeakWatch.assertParanoid();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) closeables.get(i).close();
    }

    private SipTransport transport(RecordingHandler handler, Consumer<TransportConfig.Builder> tweak) {
        TransportConfig.Builder b = TransportConfig.builder()
                .listen(TransportType.UDP, "127.0.0.1", 0)
                .listen(TransportType.TCP, "127.0.0.1", 0)
                .ioThreads(1);
        tweak.accept(b);
        SipTransport t = new SipTransport(b.build(), handler);
        closeables.add(t);
        t.start();
        return t;
    }

    private SipTransport transport(RecordingHandler handler) {
        return transport(handler, b -> {});
    }

    private DatagramSocket udpClient() throws Exception {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        closeables.add(s);
        return s;
    }

    private Socket tcpClient(InetSocketAddress to) throws Exception {
        Socket s = new Socket();
        closeables.add(s);
        s.connect(to, 5000);
        s.setSoTimeout(5000);
        return s;
    }

    private static void sendTo(DatagramSocket s, InetSocketAddress to, byte[] b) throws Exception {
        s.send(new DatagramPacket(b, b.length, to));
    }

    private static byte[] optionsWire(String via, String callId) {
        return Wire.bytes(
                "OPTIONS sip:peer@127.0.0.1 SIP/2.0",
                "Via: " + via,
                "Max-Forwards: 70",
                "From: <sip:alice@example.com>;tag=a1",
                "To: <sip:peer@example.com>",
                "Call-ID: " + callId,
                "CSeq: 1 OPTIONS",
                "Content-Length: 0",
                "",
                "");
    }

    /** RFC 4475 §3.1.2.16 "badvers": SIP/7.0, to be answered with 505 (with the method given). */
    private static byte[] badvers(String method, String callId) {
        return Wire.bytes(
                method + " sip:t.watson@example.org SIP/7.0",
                "Via:     SIP/2.0/UDP c.example.com;branch=z9hG4bKkdjuw-" + callId,
                "Max-Forwards:     70",
                "From:    A. Bell <sip:a.g.bell@example.com>;tag=qweoiqpe",
                "To:      T. Watson <sip:t.watson@example.org>",
                "Call-ID: " + callId,
                "CSeq:    1 " + method,
                "l: 0",
                "",
                "");
    }

    @Test
    void udpRequestReachesHandlerWithReceivedAndRportFilledIn() throws Exception {
        RecordingHandler h = new RecordingHandler();
        SipTransport t = transport(h);
        DatagramSocket client = udpClient();
        sendTo(
                client,
                t.localAddress(TransportType.UDP),
                optionsWire("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-u1;rport", "u1"));

        await().atMost(WAIT).until(() -> h.requests.size() == 1);
        RecordingHandler.Received<SipRequest> r = h.requests.get(0);
        Via top = r.message().topVia();
        assertThat(top.received()).isEqualTo("127.0.0.1");
        assertThat(top.rport()).isEqualTo(client.getLocalPort());
        assertThat(r.flow().transport()).isEqualTo(TransportType.UDP);
        assertThat(r.flow().remote()).isEqualTo(client.getLocalSocketAddress());
        assertThat(r.flow().hasConnection()).isFalse();
    }

    @Test
    void sentByEqualToSourceWithoutRportLeavesViaUnchanged() throws Exception {
        RecordingHandler h = new RecordingHandler();
        SipTransport t = transport(h);
        DatagramSocket client = udpClient();
        String via = "SIP/2.0/UDP 127.0.0.1:" + client.getLocalPort() + ";branch=z9hG4bK-u2";
        sendTo(client, t.localAddress(TransportType.UDP), optionsWire(via, "u2"));

        await().atMost(WAIT).until(() -> h.requests.size() == 1);
        assertThat(h.requests.get(0).message().header(io.siplane.sip.message.HeaderName.VIA))
                .isEqualTo(via);
    }

    @Test
    void tcpPipelinedRequestsInOneWriteBothReachHandlerOnOneFlow() throws Exception {
        RecordingHandler h = new RecordingHandler();
        SipTransport t = transport(h);
        Socket client = tcpClient(t.localAddress(TransportType.TCP));
        byte[] one = optionsWire("SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bK-t1", "t1");
        byte[] two = optionsWire("SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bK-t2", "t2");
        byte[] both = new byte[one.length + two.length];
        System.arraycopy(one, 0, both, 0, one.length);
        System.arraycopy(two, 0, both, one.length, two.length);
        client.getOutputStream().write(both);
        client.getOutputStream().flush();

        await().atMost(WAIT).until(() -> h.requests.size() == 2);
        assertThat(h.requests).extracting(r -> r.message().callId()).containsExactly("t1", "t2");
        Flow flow = h.requests.get(0).flow();
        assertThat(flow.transport()).isEqualTo(TransportType.TCP);
        assertThat(flow.hasConnection()).isTrue();
        assertThat(h.requests.get(1).flow()).isEqualTo(flow);
        assertThat(h.requests.get(0).message().topVia().received()).isEqualTo("127.0.0.1");
    }

    @Test
    void malformedUdpRequestIsAnsweredToTheSenderWith505ForBadVersion() throws Exception {
        RecordingHandler h = new RecordingHandler();
        SipTransport t = transport(h);
        DatagramSocket client = udpClient();
        sendTo(client, t.localAddress(TransportType.UDP), badvers("OPTIONS", "bv1"));

        SipMessage answer = Wire.receive(client);
        assertThat(answer).isInstanceOf(SipResponse.class);
        assertThat(((SipResponse) answer).status()).isEqualTo(505);
        assertThat(answer.callId()).isEqualTo("bv1");
        assertThat(t.parseErrorCounts()).containsEntry(ParseError.VERSION_NOT_SUPPORTED, 1L);
        assertThat(h.requests).isEmpty();
    }

    @Test
    void malformedAckGetsNoAnswer() throws Exception {
        RecordingHandler h = new RecordingHandler();
        SipTransport t = transport(h);
        DatagramSocket client = udpClient();
        sendTo(client, t.localAddress(TransportType.UDP), badvers("ACK", "ack1"));
        sendTo(client, t.localAddress(TransportType.UDP), badvers("OPTIONS", "opt2"));

        // the first datagram back answers the OPTIONS: the ACK before it went unanswered
        SipMessage answer = Wire.receive(client);
        assertThat(answer.callId()).isEqualTo("opt2");
        assertThat(t.parseErrorCounts()).containsEntry(ParseError.VERSION_NOT_SUPPORTED, 2L);
    }

    @Test
    void brokenContentLengthOverTcpIsAnswered400ThenConnectionClosed() throws Exception {
        RecordingHandler h = new RecordingHandler();
        SipTransport t = transport(h);
        Socket client = tcpClient(t.localAddress(TransportType.TCP));
        // RFC 4475 §3.1.2.3 (scalar02 style): a negative Content-Length loses the stream's framing
        client.getOutputStream()
                .write(Wire.bytes(
                        "OPTIONS sip:peer@127.0.0.1 SIP/2.0",
                        "Via: SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bK-cl1",
                        "Max-Forwards: 70",
                        "From: <sip:alice@example.com>;tag=a1",
                        "To: <sip:peer@example.com>",
                        "Call-ID: cl1",
                        "CSeq: 1 OPTIONS",
                        "Content-Length: -999",
                        "",
                        "garbage"));
        InputStream in = client.getInputStream();
        SipMessage answer = Wire.read(in);
        assertThat(((SipResponse) answer).status()).isEqualTo(400);
        assertThat(Wire.closedByPeer(in)).isTrue();
        assertThat(t.parseErrorCounts()).containsEntry(ParseError.BAD_CONTENT_LENGTH, 1L);
        await().atMost(WAIT).until(() -> h.closed.size() == 1);
    }

    @Test
    void crlfKeepAlivePingOverTcpGetsCrlfPong() throws Exception {
        SipTransport t = transport(new RecordingHandler());
        Socket client = tcpClient(t.localAddress(TransportType.TCP));
        client.getOutputStream().write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        InputStream in = client.getInputStream();
        assertThat(in.read()).isEqualTo('\r');
        assertThat(in.read()).isEqualTo('\n');
    }

    @Test
    void outboundTcpSendOpensOneConnectionAndReusesIt() {
        RecordingHandler peerHandler = new RecordingHandler();
        SipTransport peer = transport(peerHandler);
        SipTransport sender = transport(new RecordingHandler());
        Destination to = Destination.of(TransportType.TCP, peer.localAddress(TransportType.TCP));

        sender.send(Wire.options(sender.viaFor(TransportType.TCP, "z9hG4bK-o1"), "o1"), to)
                .join();
        sender.send(Wire.options(sender.viaFor(TransportType.TCP, "z9hG4bK-o2"), "o2"), to)
                .join();

        await().atMost(WAIT).until(() -> peerHandler.requests.size() == 2);
        assertThat(peerHandler.requests.get(1).flow())
                .isEqualTo(peerHandler.requests.get(0).flow());
        assertThat(sender.connectionCount()).isEqualTo(1);
        assertThat(peer.connectionCount()).isEqualTo(1);
    }

    @Test
    void responseGoesBackOverTheRequestsTcpConnection() throws Exception {
        RecordingHandler h = new RecordingHandler();
        SipTransport t = transport(h);
        Socket client = tcpClient(t.localAddress(TransportType.TCP));
        // the sent-by is unreachable: only the open connection can carry the response
        client.getOutputStream().write(optionsWire("SIP/2.0/TCP 192.0.2.1:5099;branch=z9hG4bK-r1", "r1"));
        await().atMost(WAIT).until(() -> h.requests.size() == 1);

        RecordingHandler.Received<SipRequest> r = h.requests.get(0);
        SipResponse ok = SipResponse.forRequest(r.message(), 200).toTag("s1").build();
        t.sendResponse(ok, r.flow()).join();

        SipMessage answer = Wire.read(client.getInputStream());
        assertThat(((SipResponse) answer).status()).isEqualTo(200);
        assertThat(answer.callId()).isEqualTo("r1");
        assertThat(answer.topVia().received()).isEqualTo("127.0.0.1");
    }

    @Test
    void udpResponseGoesToReceivedAndRport() throws Exception {
        RecordingHandler h = new RecordingHandler();
        SipTransport t = transport(h);
        DatagramSocket client = udpClient();
        sendTo(
                client,
                t.localAddress(TransportType.UDP),
                optionsWire("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-ur;rport", "ur"));
        await().atMost(WAIT).until(() -> h.requests.size() == 1);

        RecordingHandler.Received<SipRequest> r = h.requests.get(0);
        t.sendResponse(SipResponse.forRequest(r.message(), 200).toTag("s2").build(), r.flow())
                .join();
        assertThat(((SipResponse) Wire.receive(client)).status()).isEqualTo(200);
    }

    @Test
    void idleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        RecordingHandler h = new RecordingHandler();
        SipTransport t = transport(h, b -> b.tcpIdleTimeout(Duration.ofMillis(300)));
        Socket client = tcpClient(t.localAddress(TransportType.TCP));
        await().atMost(WAIT).until(() -> t.connectionCount() == 1);

        await().atMost(WAIT).until(() -> t.connectionCount() == 0);
        assertThat(Wire.closedByPeer(client.getInputStream())).isTrue();
        assertThat(h.closed).hasSize(1);
    }

    @Test
    void requestLargerThanMtuThresholdForUdpGoesOverTcpWithTcpVia() {
        RecordingHandler peerHandler = new RecordingHandler();
        SipTransport peer = transport(peerHandler);
        SipTransport sender = transport(new RecordingHandler());
        SipRequest big = Wire.options(sender.viaFor(TransportType.UDP, "z9hG4bK-big"), "big").toBuilder()
                .body(new byte[1400])
                .build();
        assertThat(big.toBytes().length).isGreaterThan(TransportConfig.DEFAULT_MTU_THRESHOLD);

        sender.send(big, Destination.of(TransportType.UDP, peer.localAddress(TransportType.UDP)))
                .join();

        await().atMost(WAIT).until(() -> peerHandler.requests.size() == 1);
        RecordingHandler.Received<SipRequest> r = peerHandler.requests.get(0);
        assertThat(r.flow().transport()).isEqualTo(TransportType.TCP);
        assertThat(r.message().topVia().transport()).isEqualTo("TCP");
        assertThat(r.message().topVia().branch()).isEqualTo("z9hG4bK-big");
        assertThat(r.message().bodyLength()).isEqualTo(1400);
    }

    @Test
    void smallUdpRequestStaysOnUdp() {
        RecordingHandler peerHandler = new RecordingHandler();
        SipTransport peer = transport(peerHandler);
        SipTransport sender = transport(new RecordingHandler());
        sender.send(
                        Wire.options(sender.viaFor(TransportType.UDP, "z9hG4bK-small"), "small"),
                        Destination.of(TransportType.UDP, peer.localAddress(TransportType.UDP)))
                .join();
        await().atMost(WAIT).until(() -> peerHandler.requests.size() == 1);
        assertThat(peerHandler.requests.get(0).flow().transport()).isEqualTo(TransportType.UDP);
        assertThat(sender.connectionCount()).isZero();
    }

    @Test
    void responseWhoseSentByIsNotOursIsDropped() throws Exception {
        RecordingHandler h = new RecordingHandler();
        SipTransport t = transport(h);
        DatagramSocket client = udpClient();
        InetSocketAddress to = t.localAddress(TransportType.UDP);
        String foreign = "SIP/2.0/UDP 192.0.2.55:5060;branch=z9hG4bK-f1";
        String ours = t.viaFor(TransportType.UDP, "z9hG4bK-f2").toString();
        for (String via : List.of(foreign, ours)) {
            sendTo(
                    client,
                    to,
                    Wire.bytes(
                            "SIP/2.0 200 OK",
                            "Via: " + via,
                            "From: <sip:alice@example.com>;tag=a1",
                            "To: <sip:peer@example.com>;tag=b1",
                            "Call-ID: f",
                            "CSeq: 1 OPTIONS",
                            "Content-Length: 0",
                            "",
                            ""));
        }
        await().atMost(WAIT).until(() -> h.responses.size() == 1);
        assertThat(h.responses.get(0).message().topVia().branch()).isEqualTo("z9hG4bK-f2");
        assertThat(t.droppedResponseCount()).isEqualTo(1);
    }

    @Test
    void failoverMovesToTheNextResolvedTargetWhenTheConnectionIsRefused() throws Exception {
        RecordingHandler peerHandler = new RecordingHandler();
        SipTransport peer = transport(peerHandler);
        SipTransport sender = transport(new RecordingHandler());
        int deadPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            deadPort = s.getLocalPort(); // closed again before use: connecting to it is refused
        }
        FakeDnsLookup dns = new FakeDnsLookup()
                .srv(
                        "_sip._tcp.example.test",
                        new SrvRecord(10, 0, deadPort, "dead.example.test"),
                        new SrvRecord(
                                20, 0, peer.localAddress(TransportType.TCP).getPort(), "live.example.test"))
                .host("dead.example.test", "127.0.0.1")
                .host("live.example.test", "127.0.0.1");
        List<Destination> targets = new TargetResolver(dns, java.util.EnumSet.of(TransportType.TCP))
                .resolve(io.siplane.sip.message.uri.SipUri.parse("sip:bob@example.test"))
                .join();
        assertThat(targets)
                .extracting(d -> d.address().getPort())
                .containsExactly(deadPort, peer.localAddress(TransportType.TCP).getPort());

        List<String> branches = new ArrayList<>();
        Destination used = new TargetIterator(targets)
                .sendToFirstReachable(d -> {
                    String branch = "z9hG4bK-fo" + branches.size(); // a new transaction per target (RFC 3263 §4.3)
                    branches.add(branch);
                    return sender.send(Wire.options(sender.viaFor(d.transport(), branch), "fo"), d);
                })
                .join();

        assertThat(used.address().getPort())
                .isEqualTo(peer.localAddress(TransportType.TCP).getPort());
        await().atMost(WAIT).until(() -> peerHandler.requests.size() == 1);
        assertThat(peerHandler.requests.get(0).message().topVia().branch()).isEqualTo("z9hG4bK-fo1");
    }

    @Test
    void udpAndTcpOnPortZeroShareOnePort() {
        SipTransport t = transport(new RecordingHandler());
        assertThat(t.localAddress(TransportType.TCP).getPort())
                .isEqualTo(t.localAddress(TransportType.UDP).getPort());
        assertThat(t.advertisedPort())
                .isEqualTo(t.localAddress(TransportType.UDP).getPort());
    }

    @Test
    void severalUdpChannelsShareThePortWithSoReusePort() throws Exception {
        RecordingHandler h = new RecordingHandler();
        SipTransport t = transport(h, b -> b.udpChannels(3).ioThreads(2));
        assertThat(t.udpChannelCount()).isEqualTo(io.netty.channel.epoll.Epoll.isAvailable() ? 3 : 1);
        DatagramSocket client = udpClient();
        for (int i = 0; i < 5; i++) {
            sendTo(
                    client,
                    t.localAddress(TransportType.UDP),
                    optionsWire("SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-m" + i, "m" + i));
        }
        await().atMost(WAIT).until(() -> h.requests.size() == 5);
    }

    @Test
    void outboundConnectBeyondMaxConnectionsFails() {
        SipTransport a = transport(new RecordingHandler());
        SipTransport b = transport(new RecordingHandler());
        SipTransport sender = transport(new RecordingHandler(), c -> c.maxConnections(1));
        sender.send(
                        Wire.options(sender.viaFor(TransportType.TCP, "z9hG4bK-l1"), "l1"),
                        Destination.of(TransportType.TCP, a.localAddress(TransportType.TCP)))
                .join();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sender.send(
                                Wire.options(sender.viaFor(TransportType.TCP, "z9hG4bK-l2"), "l2"),
                                Destination.of(TransportType.TCP, b.localAddress(TransportType.TCP)))
                        .join())
                .hasCauseInstanceOf(TransportException.class);
    }

    @Test
    void acceptedConnectionBeyondMaxConnectionsIsClosed() throws Exception {
        SipTransport t = transport(new RecordingHandler(), c -> c.maxConnections(1));
        tcpClient(t.localAddress(TransportType.TCP));
        await().atMost(WAIT).until(() -> t.connectionCount() == 1);
        Socket second = tcpClient(t.localAddress(TransportType.TCP));
        assertThat(Wire.closedByPeer(second.getInputStream())).isTrue();
        assertThat(t.connectionCount()).isEqualTo(1);
        assertThat(t.rejectedConnectionCount()).isEqualTo(1);
    }

    @AfterAll
    static void noBufferLeaked() {
        assertThat(LeakWatch.collectAndCount()).as("Netty leak reports").isZero();
    }

    @Test
    void listeningPointForUnimplementedTransportFailsToStart() {
        TransportConfig c = TransportConfig.builder()
                .listen(TransportType.TLS, "127.0.0.1", 0)
                .build();
        SipTransport t = new SipTransport(c, new RecordingHandler());
        closeables.add(t);
        org.assertj.core.api.Assertions.assertThatThrownBy(t::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TLS");
    }
}
