package io.siplane.b2bua.sipp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siplane.b2bua.call.B2buaInstance;
import io.siplane.b2bua.call.B2buaSettings;
import io.siplane.b2bua.call.CallMetrics;
import io.siplane.b2bua.routing.StaticRouter;
import io.siplane.b2bua.state.InMemoryCallStore;
import io.siplane.b2bua.testing.Ports;
import io.siplane.sip.testing.Sipp;
import io.siplane.sip.transaction.TimerConfig;
import io.siplane.sip.transport.TransportType;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SIPp as caller → B2BUA (static route) → SIPp as callee, each test named by its outcome. */
class SippThroughB2buaTest {
    static final int CALLS = 50;
    static final Duration SIPP_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    private final InMemoryCallStore store = new InMemoryCallStore();
    private B2buaInstance b2bua;
    private Sipp callee;

    @AfterEach
    void stop() {
        if (callee != null) callee.stop();
        if (b2bua != null) b2bua.close();
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(
            value = TransportType.class,
            names = {"UDP", "TCP"})
    void fiftyBasicCallsComplete(TransportType transport) throws Exception {
        Sipp.Result r = run("uas", "uac", transport, CALLS);
        assertThat(r.successfulCalls()).as(r.describe()).isEqualTo(CALLS);
        assertThat(r.failedCalls()).as(r.describe()).isZero();
        Sipp.Result uas = callee.await();
        assertThat(uas.successfulCalls()).as(uas.describe()).isEqualTo(CALLS);
        await().atMost(Duration.ofSeconds(10)).until(() -> store.size() == 0);
    }

    @Test
    void busyCalleeGivesTheCaller486() throws Exception {
        Sipp.Result r =
                run(scenario("uas-answer-486.xml"), scenario("uac-invite-expect-486.xml"), TransportType.UDP, 10);
        assertThat(r.successfulCalls()).as(r.describe()).isEqualTo(10);
        assertThat(r.failedCalls()).as(r.describe()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> store.size() == 0);
    }

    @Test
    void cancelBeforeAnswerGivesTheCaller487() throws Exception {
        Sipp.Result r = run(
                scenario("uas-ring-expect-cancel.xml"), scenario("uac-cancel-expect-487.xml"), TransportType.UDP, 10);
        assertThat(r.successfulCalls()).as(r.describe()).isEqualTo(10);
        assertThat(r.failedCalls()).as(r.describe()).isZero();
        Sipp.Result uas = callee.await();
        assertThat(uas.successfulCalls()).as(uas.describe()).isEqualTo(10);
        await().atMost(Duration.ofSeconds(10)).until(() -> store.size() == 0);
    }

    /** Starts the callee SIPp, the B2BUA routing to it, then the caller SIPp; returns the caller's result. */
    private Sipp.Result run(String uasScenario, String uacScenario, TransportType transport, int calls)
            throws Exception {
        int calleePort = Ports.free();
        String t = transport == TransportType.TCP ? "t1" : "u1";
        callee = Sipp.scenario(uasScenario, work.resolve("callee"))
                .args("-i", "127.0.0.1", "-p", Integer.toString(calleePort), "-t", t, "-m", Integer.toString(calls))
                .timeout(SIPP_TIMEOUT)
                .start();
        String target = "sip:127.0.0.1:" + calleePort + (transport == TransportType.TCP ? ";transport=tcp" : "");
        b2bua = new B2buaInstance(
                        new B2buaSettings("b2bua-1", "127.0.0.1", 0, Duration.ZERO, 2),
                        "127.0.0.1",
                        0,
                        TimerConfig.DEFAULT,
                        store,
                        new StaticRouter(Map.of("", target)),
                        CallMetrics.NONE)
                .start();
        awaitListening(calleePort, transport);
        int port = b2bua.localAddress(transport).getPort();
        return Sipp.scenario(uacScenario, work.resolve("caller"))
                .args(
                        "-i", "127.0.0.1",
                        "-p", Integer.toString(Ports.free()),
                        "-t", t,
                        "-s", "bob",
                        "-m", Integer.toString(calls),
                        "-r", "25",
                        "-l", "20",
                        "-d", "50")
                .remote("127.0.0.1:" + port)
                .timeout(SIPP_TIMEOUT)
                .start()
                .await();
    }

    private static String scenario(String name) throws Exception {
        return Path.of(SippThroughB2buaTest.class.getResource("/sipp/" + name).toURI())
                .toString();
    }

    /** SIPp needs a moment to bind; wait (bounded) until its port is taken. */
    private static void awaitListening(int port, TransportType transport) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            if (transport == TransportType.TCP) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    return true;
                } catch (Exception e) {
                    return false;
                }
            }
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
                return false;
            } catch (Exception bound) {
                return true;
            }
        });
    }
}
