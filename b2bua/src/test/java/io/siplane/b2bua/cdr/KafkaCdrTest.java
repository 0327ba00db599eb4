package io.siplane.b2bua.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.siplane.b2bua.call.B2buaInstance;
import io.siplane.b2bua.call.B2buaSettings;
import io.siplane.b2bua.call.CallMetrics;
import io.siplane.b2bua.call.Membership;
import io.siplane.b2bua.routing.StaticRouter;
import io.siplane.b2bua.state.InMemoryCallStore;
import io.siplane.b2bua.testing.TestPhone;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.transaction.TimerConfig;
import io.siplane.sip.transport.TransportType;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One answered and one failed call through a B2BUA writing CDRs to a real in-process Kafka broker. */
class KafkaCdrTest {
    private static final String TOPIC = "sip.calls";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaBroker()
                .withKafkaHost("127.0.0.1")
                .withDeleteLogDirsOnClose(true)
                .start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) broker.close();
    }

    @Test
    void anAnsweredAndAFailedCallEachWriteOneCdr() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        CallMetrics counting = new CallMetrics() {
            @Override
            public void cdrSent() {
                sent.incrementAndGet();
            }
        };
        KafkaCdrSink sink = new KafkaCdrSink(broker.getAdvertisedListeners(), TOPIC, JSON, new KafkaCdrSink.Outcomes() {
            @Override
            public void sent() {
                counting.cdrSent();
            }
        });
        try (TestPhone alice = new TestPhone("alice");
                TestPhone bob = new TestPhone("bob");
                TestPhone busy = new TestPhone("carol").answering(TestPhone.Answer.BUSY);
                B2buaInstance b2bua = new B2buaInstance(
                                new B2buaSettings("b2bua-cdr", "127.0.0.1", 0, Duration.ZERO, 2),
                                "127.0.0.1",
                                0,
                                TimerConfig.DEFAULT,
                                new InMemoryCallStore(),
                                new StaticRouter(Map.of(
                                        "bob", "sip:127.0.0.1:" + bob.port(), "carol", "sip:127.0.0.1:" + busy.port())),
                                CallMetrics.NONE,
                                Membership.SINGLE,
                                sink)
                        .start()) {
            InetSocketAddress b2buaAddress = b2bua.localAddress(TransportType.UDP);
            SipResponse answer = alice.call("sip:bob@127.0.0.1", b2buaAddress).get(10, TimeUnit.SECONDS);
            assertThat(answer.status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> bob.acks.get() == 1);
            assertThat(alice.bye(b2buaAddress).get(10, TimeUnit.SECONDS).status())
                    .isEqualTo(200);
            String legBOfAnswered = bob.lastInvite.callId();
            SipResponse failed = alice.call("sip:carol@127.0.0.1", b2buaAddress).get(10, TimeUnit.SECONDS);
            assertThat(failed.status()).isEqualTo(486);
            await().atMost(Duration.ofSeconds(20)).until(() -> sent.get() == 2);

            List<Map<String, Object>> cdrs = consume(2);

            Map<String, Object> ok = cdrs.stream()
                    .filter(c -> c.get("legACallId").equals(answer.callId()))
                    .findFirst()
                    .orElseThrow();
            assertThat(ok)
                    .containsEntry("legBCallId", legBOfAnswered)
                    .containsEntry("caller", "sip:alice@127.0.0.1")
                    .containsEntry("callee", "sip:bob@127.0.0.1")
                    .containsEntry("instance", "b2bua-cdr")
                    .containsEntry("status", 200)
                    .containsEntry("cause", "normal");
            long start = ((Number) ok.get("startMillis")).longValue();
            long answered = ((Number) ok.get("answerMillis")).longValue();
            long end = ((Number) ok.get("endMillis")).longValue();
            assertThat(answered).isBetween(start, end);
            assertThat(((Number) ok.get("durationMillis")).longValue()).isEqualTo(end - answered);

            Map<String, Object> busyCdr = cdrs.stream()
                    .filter(c -> c.get("legACallId").equals(failed.callId()))
                    .findFirst()
                    .orElseThrow();
            assertThat(busyCdr)
                    .containsEntry("callee", "sip:carol@127.0.0.1")
                    .containsEntry("status", 486)
                    .containsEntry("cause", "failed")
                    .containsEntry("answerMillis", 0)
                    .containsEntry("durationMillis", 0);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> consume(int count) throws Exception {
        List<Map<String, Object>> out = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getAdvertisedListeners(),
                        ConsumerConfig.GROUP_ID_CONFIG, "cdr-test",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            for (int polls = 0; polls < 60 && out.size() < count; polls++) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    Map<String, Object> cdr = JSON.readValue(r.value(), Map.class);
                    assertThat(r.key()).isEqualTo(cdr.get("callId"));
                    out.add(cdr);
                }
            }
        }
        assertThat(out).hasSize(count);
        return out;
    }
}
