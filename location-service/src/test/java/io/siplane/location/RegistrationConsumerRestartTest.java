package io.siplane.location;

import static io.siplane.location.TestKafka.binding;
import static io.siplane.location.TestKafka.event;
import static io.siplane.location.TestKafka.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siplane.events.registration.Binding;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A restarted instance rebuilds its state from the topic alone: every live binding is back, no expired one.
 * Plain JUnit around the real consumer and a real broker; "restart" is a fresh store, tracker and consumer.
 */
class RegistrationConsumerRestartTest {
    private static final int AORS = 30;

    private final String topic = "restart-" + UUID.randomUUID();

    @Test
    void restartedConsumerRebuildsEveryLiveBindingAndNoExpiredOne() {
        TestKafka.createCompactedTopic(topic, 3);
        long now = System.currentTimeMillis();
        // long enough that the first instance reads them before they expire even on a loaded build machine
        long shortLived = now + 8_000;
        Map<String, List<String>> liveAfterRestart = new HashMap<>();
        for (int i = 0; i < AORS; i++) {
            String aor = "sip:user" + i + "@restart.example.com";
            publish(topic, event(aor, binding("sip:old" + i + "@192.0.2.1", 1, now + 3_600_000)));
            // The last event per AOR is the truth: a long-lived binding and one that expires before the restart.
            publish(
                    topic,
                    event(
                            aor,
                            binding("sip:long" + i + "@192.0.2.1", 0.9, now + 3_600_000),
                            binding("sip:short" + i + "@192.0.2.1", 1, shortLived)));
            liveAfterRestart.put(aor, List.of("sip:long" + i + "@192.0.2.1"));
        }
        publish(topic, event("sip:gone@restart.example.com", binding("sip:gone@192.0.2.1", 1, shortLived)));
        publish(topic, event("sip:removed@restart.example.com", binding("sip:r@192.0.2.1", 1, now + 3_600_000)));
        publish(topic, event("sip:removed@restart.example.com"));
        TestKafka.send(topic, "sip:poison@restart.example.com", "{".getBytes(StandardCharsets.UTF_8));

        Instance first = Instance.start(topic);
        await().until(first.tracker::caughtUp);
        assertThat(first.store.lookup("sip:user7@restart.example.com", now))
                .extracting(Binding::contact)
                .containsExactly("sip:short7@192.0.2.1", "sip:long7@192.0.2.1");
        assertThat(first.stats.badRecords()).isEqualTo(1);
        // The consumer thread's sweep frees the short-lived bindings once they expire.
        await().atMost(Duration.ofSeconds(30)).until(() -> first.store.bindingCount() == AORS);
        assertThat(first.stats.bindingsExpired()).isEqualTo(AORS + 1);
        assertThat(first.store.aorCount()).isEqualTo(AORS);
        first.consumer.close();
        assertThat(first.consumer.alive()).isFalse();

        Instance second = new Instance(topic);
        assertThat(second.tracker.caughtUp())
                .as("ready before reading anything")
                .isFalse();
        second.consumer.start();
        await().until(second.tracker::caughtUp);

        long after = System.currentTimeMillis();
        for (Map.Entry<String, List<String>> e : liveAfterRestart.entrySet()) {
            assertThat(second.store.lookup(e.getKey(), after))
                    .as(e.getKey())
                    .extracting(Binding::contact)
                    .isEqualTo(e.getValue());
        }
        assertThat(second.store.lookup("sip:gone@restart.example.com", after)).isEmpty();
        assertThat(second.store.lookup("sip:removed@restart.example.com", after))
                .isEmpty();
        // Expired bindings are dropped while replaying, not merely hidden from lookups.
        assertThat(second.store.aorCount()).isEqualTo(AORS);
        assertThat(second.store.bindingCount()).isEqualTo(AORS);
        assertThat(second.stats.badRecords()).isEqualTo(1);
        second.consumer.close();
    }

    @Test
    void consumerWaitsUnreadyForATopicThatDoesNotExistYet() {
        Instance instance = Instance.start(topic);
        try {
            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> !instance.tracker.caughtUp());
            assertThat(instance.consumer.alive()).isTrue();

            TestKafka.createCompactedTopic(topic, 2);
            publish(
                    topic,
                    event(
                            "sip:late@example.com",
                            binding("sip:late@192.0.2.1", 1, System.currentTimeMillis() + 60_000)));

            await().atMost(Duration.ofSeconds(20)).until(() -> !instance.store
                    .lookup("sip:late@example.com", System.currentTimeMillis())
                    .isEmpty());
            assertThat(instance.tracker.caughtUp()).isTrue();
        } finally {
            instance.consumer.close();
        }
    }

    /** One location-service instance's state, without the container. */
    private static final class Instance {
        final LocationStore store = new LocationStore();
        final CatchUpTracker tracker = new CatchUpTracker();
        final ConsumerStats stats = new ConsumerStats();
        final RegistrationConsumer consumer;

        Instance(String topic) {
            ConsumerSettings settings = new ConsumerSettings(
                    TestKafka.bootstrapServers(),
                    topic,
                    Duration.ofMillis(100),
                    Duration.ofMillis(200),
                    Duration.ofMinutes(1),
                    Duration.ofSeconds(2));
            consumer = new RegistrationConsumer(settings, store, tracker, stats, Clock.systemUTC());
        }

        static Instance start(String topic) {
            Instance i = new Instance(topic);
            i.consumer.start();
            return i;
        }
    }
}
