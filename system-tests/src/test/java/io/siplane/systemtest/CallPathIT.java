package io.siplane.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siplane.sip.testing.Sipp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
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
        Path calleeMessages = Logs.dir(CallPathIT.class).resolve("callee-messages.log");
        Path callerMessages = Logs.dir(CallPathIT.class).resolve("caller-messages.log");
        Sipp callee = Sipp.scenario(
                        Path.of("src/test/resources/sipp/uas-echo-record-route.xml")
                                .toAbsolutePath()
                                .toString(),
                        Logs.dir(CallPathIT.class).resolve("sipp-callee"))
                .args(
                        "-i",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(calleePort),
                        "-t",
                        "u1",
                        "-m",
                        Integer.toString(CALLS),
                        "-trace_msg",
                        "-message_file",
                        calleeMessages.toString())
                .timeout(Duration.ofSeconds(90))
                .start();
        try {
            Sipp.Result caller = sipp("uac-call-registered-user-expect-200.xml", "2000", Ports.free(), CALLS)
                    .args("-r", "5", "-l", "10", "-d", "200", "-trace_msg", "-message_file", callerMessages.toString())
                    .start()
                    .await();
            assertThat(caller.failedCalls()).as(caller.describe()).isZero();
            assertThat(caller.successfulCalls()).as(caller.describe()).isEqualTo(CALLS);
            Sipp.Result answered = callee.await();
            assertThat(answered.successfulCalls()).as(answered.describe()).isEqualTo(CALLS);

            // a call detail record per call on sip.calls (issue 4), from whichever instance handled it
            await().atMost(Duration.ofSeconds(30)).until(() -> answeredCdrs() >= CALLS);

            // topology hiding (issue 4): nothing the edge sent to either phone names an internal port
            List<String> received = new ArrayList<>(receivedMessages(callerMessages));
            received.addAll(receivedMessages(calleeMessages));
            assertThat(received).as("messages the phones received").hasSizeGreaterThan(4 * CALLS);
            for (String message : received) {
                for (int port : system.internalPorts) {
                    assertThat(message)
                            .as("internal port %d leaked", port)
                            .doesNotContain(":" + port)
                            .doesNotContain("=" + port);
                }
                assertThat(message).doesNotContainIgnoringCase("traceparent").doesNotContain("siplane-flow");
            }
        } finally {
            callee.stop();
        }
    }

    /**
     * The caller's side over TCP (the callee registers and answers over UDP: SIPp cannot register and then answer
     * on one TCP connection from two processes): the edge keeps the caller's connection, the B2BUA's responses
     * and in-dialog requests come back over it.
     */
    @Test
    void aCallerOverTcpReachesARegisteredUdpCallee() throws Exception {
        int calleePort = Ports.free();
        Sipp.Result registered = sipp("register-no-auth-expect-200.xml", "2001", calleePort, 1)
                .start()
                .await();
        assertThat(registered.successfulCalls()).as(registered.describe()).isEqualTo(1);
        Path scenarios = Path.of("src/test/resources/sipp").toAbsolutePath();
        Sipp callee = Sipp.scenario(
                        scenarios.resolve("uas-echo-record-route.xml").toString(),
                        Logs.dir(CallPathIT.class).resolve("sipp-callee-tcp-caller"))
                .args("-i", "127.0.0.1", "-p", Integer.toString(calleePort), "-t", "u1", "-m", "5")
                .timeout(Duration.ofSeconds(60))
                .start();
        try {
            Sipp.Result caller = Sipp.scenario(
                            scenarios
                                    .resolve("uac-call-registered-user-expect-200.xml")
                                    .toString(),
                            Logs.dir(CallPathIT.class).resolve("sipp-tcp-caller"))
                    .args(
                            "-i",
                            "127.0.0.1",
                            "-p",
                            Integer.toString(Ports.free()),
                            "-t",
                            "t1",
                            "-s",
                            "2001",
                            "-nd",
                            "-m",
                            "5",
                            "-r",
                            "5",
                            "-d",
                            "200")
                    .remote("127.0.0.1:" + system.edgeSipPort)
                    .timeout(Duration.ofSeconds(60))
                    .start()
                    .await();
            assertThat(caller.failedCalls()).as(caller.describe()).isZero();
            assertThat(caller.successfulCalls()).as(caller.describe()).isEqualTo(5);
            assertThat(callee.await().successfulCalls()).isEqualTo(5);
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

    /** CDRs on sip.calls with status 200, read from the beginning. */
    static int answeredCdrs() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafka.bootstrap());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "cdr-check-" + UUID.randomUUID());
        int answered = 0;
        try (KafkaConsumer<String, String> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of("sip.calls"));
            for (int polls = 0; polls < 10; polls++) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    if (r.value().contains("\"status\":200")) answered++;
                }
            }
        }
        return answered;
    }

    /** The messages SIPp logged as received (-trace_msg): what reached this phone from the outside world. */
    static List<String> receivedMessages(Path log) throws Exception {
        List<String> out = new ArrayList<>();
        for (String block : Files.readString(log, StandardCharsets.ISO_8859_1).split("-{20,}")) {
            int i = block.indexOf("message received");
            if (i >= 0) out.add(block.substring(i));
        }
        return out;
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
