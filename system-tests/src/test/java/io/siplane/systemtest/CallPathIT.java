package io.siplane.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.siplane.sip.testing.Sipp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4 end to end: SIPp as caller → edge → b2bua (two instances, one Infinispan cluster) → location lookup →
 * edge → SIPp as a registered callee. Every service is its own packaged JVM; the registrar does not authenticate
 * here (the registration path with digest has its own test).
 */
class CallPathIT {
    static final int CALLS = 20;

    @TempDir
    static Path work;

    static RegistrationSystem system;

    @BeforeAll
    static void startTheSystem() throws Exception {
        system = new RegistrationSystem(work, Logs.dir(CallPathIT.class), Map.of("registrar.auth.enabled", "false"), 2)
                .start();
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        if (system != null) system.close();
    }

    @Test
    void basicCallsBetweenTwoUasThroughEdgeAndB2buaComplete() throws Exception {
        int calleePort = Ports.free();
        Sipp.Result registered = sipp("register-no-auth-expect-200.xml", "2000", calleePort, 1)
                .start()
                .await();
        assertThat(registered.successfulCalls()).as(registered.describe()).isEqualTo(1);

        // the registered callee: SIPp's uas on the port it registered from (UDP: the edge's flow is that address)
        Sipp callee = Sipp.scenario("uas", Logs.dir(CallPathIT.class).resolve("sipp-callee"))
                .args("-i", "127.0.0.1", "-p", Integer.toString(calleePort), "-t", "u1", "-m", Integer.toString(CALLS))
                .timeout(Duration.ofSeconds(90))
                .start();
        try {
            Sipp.Result caller = sipp("uac-call-registered-user-expect-200.xml", "2000", Ports.free(), CALLS)
                    .args("-r", "5", "-l", "10", "-d", "200")
                    .start()
                    .await();
            assertThat(caller.failedCalls()).as(caller.describe()).isZero();
            assertThat(caller.successfulCalls()).as(caller.describe()).isEqualTo(CALLS);
            Sipp.Result answered = callee.await();
            assertThat(answered.successfulCalls()).as(answered.describe()).isEqualTo(CALLS);
        } finally {
            callee.stop();
        }
    }

    @Test
    void aCallToAnUnregisteredUserGets404() throws Exception {
        Sipp.Result r = sipp("uac-call-unregistered-user-expect-404.xml", "3999", Ports.free(), 3)
                .start()
                .await();
        assertThat(r.failedCalls()).as(r.describe()).isZero();
        assertThat(r.successfulCalls()).as(r.describe()).isEqualTo(3);
    }

    static Sipp sipp(String scenario, String user, int localPort, int calls) {
        return sipp(system, scenario, user, localPort, calls);
    }

    /** A SIPp run against the system's edge, on UDP, as {@code user} (SIPp's -s). */
    static Sipp sipp(RegistrationSystem system, String scenario, String user, int localPort, int calls) {
        Path file = Path.of("src/test/resources/sipp", scenario).toAbsolutePath();
        return Sipp.scenario(file.toString(), Logs.dir(CallPathIT.class).resolve("sipp-" + user + "-" + localPort))
                .args(
                        "-i",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(localPort),
                        "-t",
                        "u1",
                        "-s",
                        user,
                        "-nd",
                        "-m",
                        Integer.toString(calls))
                .remote("127.0.0.1:" + system.edgeSipPort)
                .timeout(Duration.ofSeconds(60));
    }
}
