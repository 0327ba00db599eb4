package io.siplane.location;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siplane.events.registration.Binding;
import io.siplane.events.registration.RegistrationEvent;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One real in-process KRaft broker for all the tests of the JVM (no container engine here), with helpers to
 * create compacted topics and publish registration events the way the registrar does (keyed by AOR).
 */
public final class TestKafka {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedKafkaBroker broker;
    private static KafkaProducer<String, byte[]> producer;

    private TestKafka() {}

    /** Bootstrap servers of the broker, started on first use and stopped when the JVM exits. */
    public static synchronized String bootstrapServers() {
        if (broker == null) {
            broker = new EmbeddedKafkaBroker()
                    .withKafkaHost("127.0.0.1")
                    .withDeleteLogDirsOnClose(true)
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(TestKafka::stop, "test-kafka-stop"));
        }
        return broker.getAdvertisedListeners();
    }

    /** Creates {@code topic} with {@code cleanup.policy=compact}, as ADR 0005 prescribes, unless it exists. */
    public static void createCompactedTopic(String topic, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all()
                    .get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Publishes {@code event} keyed by its AOR and waits for the broker's acknowledgement. */
    public static void publish(String topic, RegistrationEvent event) {
        try {
            send(topic, event.aor(), JSON.writeValueAsBytes(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes raw bytes (or a tombstone when {@code value} is null) under {@code key}. */
    public static synchronized void send(String topic, String key, byte[] value) {
        if (producer == null) {
            producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bootstrapServers(),
                            ProducerConfig.ACKS_CONFIG,
                            "all"),
                    new StringSerializer(),
                    new ByteArraySerializer());
        }
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An event for {@code aor} with {@code bindings}, accepted now by a test registrar. */
    public static RegistrationEvent event(String aor, Binding... bindings) {
        return new RegistrationEvent(aor, List.of(bindings), System.currentTimeMillis(), "test-registrar");
    }

    /** A binding of {@code contact} with {@code q}, expiring at {@code expiresAtMillis}. */
    public static Binding binding(String contact, double q, long expiresAtMillis) {
        return new Binding(contact, "", q, expiresAtMillis, "call-" + contact, 1, List.of(), null, null, -1, "test-ua");
    }

    private static synchronized void stop() {
        if (producer != null) producer.close();
        if (broker != null) broker.close();
    }
}
