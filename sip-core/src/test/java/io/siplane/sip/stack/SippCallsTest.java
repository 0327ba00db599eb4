package io.siplane.sip.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.siplane.sip.message.uri.SipUri;
import io.siplane.sip.testing.Sipp;
import io.siplane.sip.transaction.TimerConfig;
import io.siplane.sip.transport.Destination;
import io.siplane.sip.transport.TransportConfig;
import io.siplane.sip.transport.TransportType;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SIPp, an independent SIP implementation, against a small UAS and a small UAC built from this stack: its
 * {@code uac} built-in calls our UAS, our UAC calls its {@code uas} built-in; 100 calls each, over UDP and TCP,
 * with no failed call.
 */
class SippCallsTest {
    static final int CALLS = 100;
    static final Duration SIPP_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @ParameterizedTest(name = "over {0}")
    @EnumSource(
            value = TransportType.class,
            names = {"UDP", "TCP"})
    void sippUacCompletesAHundredCallsAgainstOurUas(TransportType transport) throws Exception {
        AtomicInteger ourPort = new AtomicInteger();
        SimpleUas uas = new SimpleUas(() -> "sip:uas@127.0.0.1:" + ourPort.get() + uriTransport(transport));
        try (SipStack stack = newStack(uas).start()) {
            int port = stack.transport().localAddress(transport).getPort();
            ourPort.set(port);
            Sipp.Result r = Sipp.scenario("uac", work)
                    .args(
                            "-i",
                            "127.0.0.1",
                            "-p",
                            Integer.toString(freePort()),
                            "-t",
                            sippTransport(transport),
                            "-m",
                            Integer.toString(CALLS),
                            "-r",
                            "50",
                            "-l",
                            "20",
                            "-d",
                            "50")
                    .remote("127.0.0.1:" + port)
                    .timeout(SIPP_TIMEOUT)
                    .start()
                    .await();

            assertThat(r.exitCode()).as(r.describe()).isZero();
            assertThat(r.successfulCalls()).as(r.describe()).isEqualTo(CALLS);
            assertThat(r.failedCalls()).as(r.describe()).isZero();
            assertThat(uas.invites.get()).isEqualTo(CALLS);
            assertThat(uas.byes.get()).isEqualTo(CALLS);
        }
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(
            value = TransportType.class,
            names = {"UDP", "TCP"})
    void ourUacCompletesAHundredCallsAgainstSippUas(TransportType transport) throws Exception {
        int sippPort = freePort();
        Sipp sipp = Sipp.scenario("uas", work)
                .args(
                        "-i",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(sippPort),
                        "-t",
                        sippTransport(transport),
                        "-m",
                        Integer.toString(CALLS))
                .timeout(SIPP_TIMEOUT)
                .start();
        try (SipStack stack =
                newStack(new SimpleUas(() -> "sip:unused@127.0.0.1")).start()) {
            int ourPort = stack.transport().localAddress(transport).getPort();
            SimpleUac uac = new SimpleUac(stack, "sip:uac@127.0.0.1:" + ourPort + uriTransport(transport));
            Destination sippAddress = Destination.of(transport, new InetSocketAddress("127.0.0.1", sippPort));
            awaitListening(sippPort, transport);

            // bounded: CALLS calls, at most 20 in flight, each with its own timeout
            Semaphore inFlight = new Semaphore(20);
            List<CompletableFuture<Void>> calls = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                inFlight.acquire();
                CompletableFuture<Void> c = uac.call(SipUri.of("service", "127.0.0.1", sippPort), sippAddress)
                        .orTimeout(30, TimeUnit.SECONDS);
                c.whenComplete((ok, err) -> inFlight.release());
                calls.add(c);
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            Sipp.Result r = sipp.await();
            assertThat(calls).allMatch(c -> c.isDone() && !c.isCompletedExceptionally());
            assertThat(r.exitCode()).as(r.describe()).isZero();
            assertThat(r.successfulCalls()).as(r.describe()).isEqualTo(CALLS);
            assertThat(r.failedCalls()).as(r.describe()).isZero();
        } finally {
            sipp.stop();
        }
    }

    private static SipStack newStack(SimpleUas uas) {
        TransportConfig config = TransportConfig.builder()
                .listen(TransportType.UDP, "127.0.0.1", 0)
                .listen(TransportType.TCP, "127.0.0.1", 0)
                .build();
        return new SipStack(config, TimerConfig.DEFAULT, uas);
    }

    private static String sippTransport(TransportType t) {
        return t == TransportType.TCP ? "t1" : "u1";
    }

    private static String uriTransport(TransportType t) {
        return t == TransportType.TCP ? ";transport=tcp" : "";
    }

    /** A port free for both UDP and TCP on loopback right now. */
    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no free port for UDP and TCP");
    }

    /** SIPp needs a moment to bind; wait (bounded) until its port is taken. */
    private static void awaitListening(int port, TransportType transport) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            if (transport == TransportType.TCP) {
                try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                    return true;
                } catch (IOException e) {
                    return false;
                }
            }
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
                return false; // we could bind it: SIPp has not yet
            } catch (IOException bound) {
                return true;
            }
        });
    }
}
