package io.siplane.registrar.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siplane.events.registration.RegistrationEvent;
import io.siplane.registrar.BindingView;
import io.siplane.registrar.RegistrarMetrics;
import io.siplane.registrar.RegistrationPublisher;
import io.siplane.registrar.config.RegistrarConfig;
import io.siplane.registrar.subscriber.Subscriber;
import io.siplane.registrar.subscriber.SubscriberStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * The registrar's Kafka side, with the plain Kafka client (ADR 0007):
 *
 * <ul>
 *   <li>one idempotent producer with {@code acks=all} for both topics; a registration publish completes from
 *       the producer's callback when the broker acknowledged, a subscriber publish blocks its (worker) thread
 *       until then; both bounded by {@code registrar.kafka.publish-timeout};
 *   <li>one consumer on its own thread ({@code registrar-views}) that reads both compacted topics from the
 *       beginning into the {@link BindingView} and the {@link SubscriberStore}, without a consumer group;
 *   <li>readiness: the topics read up to their end offsets as of start, and the producer has metadata.
 * </ul>
 *
 * <p>Nothing here logs a record value: subscriber records hold HA1 values.
 */
public final class KafkaEvents implements RegistrationPublisher, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaEvents.class);

    /** Kafka record header naming the JSON schema version of a registration event. */
    public static final String SCHEMA_HEADER = "schema-version";

    private static final byte[] SCHEMA_VERSION_BYTES =
            Integer.toString(RegistrationEvent.SCHEMA_VERSION).getBytes(StandardCharsets.US_ASCII);

    private final RegistrarConfig.Kafka config;
    private final ObjectMapper json;
    private final BindingView bindings;
    private final SubscriberStore subscribers;
    private final RegistrarMetrics metrics;
    private final KafkaProducer<String, String> producer;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Runnable onCaughtUp;
    private volatile boolean producerConnected;
    private volatile boolean caughtUp;
    private volatile boolean provisioned;
    private KafkaConsumer<String, String> consumer;
    private Thread viewsThread;

    public KafkaEvents(
            RegistrarConfig.Kafka config,
            String clientId,
            ObjectMapper json,
            BindingView bindings,
            SubscriberStore subscribers,
            RegistrarMetrics metrics,
            Runnable onCaughtUp) {
        this.config = config;
        this.json = json;
        this.bindings = bindings;
        this.subscribers = subscribers;
        this.metrics = metrics;
        this.onCaughtUp = onCaughtUp;
        this.producer = new KafkaProducer<>(producerProperties(config, clientId));
    }

    static Properties producerProperties(RegistrarConfig.Kafka config, String clientId) {
        int timeoutMs = (int) config.publishTimeout().toMillis();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        // ADR 0005: a change is acknowledged by every in-sync replica before the 200 OK; idempotence keeps
        // the producer's own retries from duplicating or reordering records of one AOR.
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // A short linger batches concurrent REGISTERs into one produce request (broker CPU per record).
        p.put(ProducerConfig.LINGER_MS_CONFIG, (int) config.linger().toMillis());
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, config.batchSize());
        // A dead broker must surface as a 503 within the publish timeout, not after the 2-minute default.
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
        // The client requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
        p.put(
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                Math.max(1, timeoutMs - (int) config.linger().toMillis()));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }

    /** Starts the views thread: topic creation, producer metadata, then reading both topics. */
    public void start() {
        viewsThread = new Thread(this::runViews, "registrar-views");
        viewsThread.setDaemon(true);
        viewsThread.start();
    }

    /**
     * Ready: both topics read to their end as of start, start-up provisioning done, and the producer found the
     * brokers.
     */
    public boolean ready() {
        return caughtUp && provisioned && producerConnected;
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    public boolean producerConnected() {
        return producerConnected;
    }

    @Override
    public CompletionStage<Long> publish(RegistrationEvent event) {
        String value;
        try {
            value = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("registration event not serialisable", e);
        }
        ProducerRecord<String, String> record = new ProducerRecord<>(config.registrationsTopic(), event.aor(), value);
        record.headers().add(SCHEMA_HEADER, SCHEMA_VERSION_BYTES);
        CompletableFuture<Long> ack = new CompletableFuture<>();
        long start = System.nanoTime();
        try {
            // delivery.timeout.ms (= the publish timeout) bounds the callback: the producer always calls it,
            // with a TimeoutException when the broker did not acknowledge in time.
            producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    producerConnected = true;
                    metrics.publishLatency(System.nanoTime() - start);
                    ack.complete(metadata.offset());
                } else {
                    ack.completeExceptionally(failed(record.topic(), failure));
                }
            });
        } catch (org.apache.kafka.common.KafkaException e) {
            ack.completeExceptionally(failed(record.topic(), e));
        }
        return ack;
    }

    private PublishException failed(String topic, Throwable cause) {
        metrics.publishFailed(topic);
        LOG.warnf("publish to %s not acknowledged: %s", topic, cause.toString());
        return new PublishException("not acknowledged by the broker", cause);
    }

    /**
     * Writes a subscriber (or, for {@code null}, a tombstone) and waits for the acknowledgement, then applies
     * it locally so this instance reads its own write.
     */
    public void publishSubscriber(String aor, Subscriber subscriber) throws PublishException {
        String value;
        try {
            value = subscriber == null ? null : json.writeValueAsString(subscriber);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("subscriber not serialisable", e);
        }
        RecordMetadata metadata = send(new ProducerRecord<>(config.subscribersTopic(), aor, value));
        subscribers.apply(aor, subscriber, metadata.offset());
    }

    private RecordMetadata send(ProducerRecord<String, String> record) throws PublishException {
        long start = System.nanoTime();
        try {
            Future<RecordMetadata> ack = producer.send(record);
            // delivery.timeout.ms bounds the ack already; the extra second only guards against a client bug.
            RecordMetadata metadata = ack.get(config.publishTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            producerConnected = true;
            metrics.publishLatency(System.nanoTime() - start);
            return metadata;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            metrics.publishFailed(record.topic());
            throw new PublishException("interrupted while waiting for the broker", e);
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            metrics.publishFailed(record.topic());
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            LOG.warnf("publish to %s not acknowledged: %s", record.topic(), cause.toString());
            throw new PublishException("not acknowledged by the broker", cause);
        }
    }

    private void runViews() {
        while (running.get()) {
            try {
                if (consumer == null) {
                    initialise();
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    applyRecord(r);
                }
                if (!caughtUp && atEnd()) {
                    caughtUp = true;
                    LOG.infof(
                            "views caught up: %d AORs with bindings, %d subscribers",
                            bindings.size(), subscribers.count());
                    // Provisioning publishes and waits for acks: on its own thread so the views keep reading
                    // (and see those writes); readiness waits for it.
                    Thread provisioning = new Thread(
                            () -> {
                                try {
                                    onCaughtUp.run();
                                } finally {
                                    provisioned = true;
                                }
                            },
                            "registrar-provisioning");
                    provisioning.setDaemon(true);
                    provisioning.start();
                }
            } catch (WakeupException e) {
                break;
            } catch (RuntimeException e) {
                if (!running.get()) {
                    break;
                }
                LOG.warnf("Kafka views: %s; retrying", e.toString());
                LockSupport.parkNanos(Duration.ofSeconds(1).toNanos()); // back off before the next attempt
            }
        }
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    private Map<TopicPartition, Long> endOffsetsAtStart;

    private void initialise() {
        if (config.createTopics()) {
            createTopics();
        }
        producer.partitionsFor(config.registrationsTopic());
        producerConnected = true;
        KafkaConsumer<String, String> c = new KafkaConsumer<>(consumerProperties());
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(config.registrationsTopic(), config.subscribersTopic())) {
                List<PartitionInfo> infos = c.partitionsFor(topic);
                if (infos == null || infos.isEmpty()) {
                    throw new IllegalStateException("topic " + topic + " does not exist");
                }
                infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            endOffsetsAtStart = c.endOffsets(partitions);
        } catch (RuntimeException e) {
            c.close(Duration.ZERO);
            throw e;
        }
        consumer = c;
    }

    private boolean atEnd() {
        for (Map.Entry<TopicPartition, Long> e : endOffsetsAtStart.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void applyRecord(ConsumerRecord<String, String> r) {
        if (r.key() == null) {
            return;
        }
        try {
            if (r.topic().equals(config.registrationsTopic())) {
                if (bindings.holdsAtOrAfter(r.key(), r.offset())) {
                    // Our own acknowledged publish (or an older record): apply() would ignore it. Skipping the
                    // JSON decoding spares the consumer thread a second decode of every own REGISTER.
                    return;
                }
                RegistrationEvent event = r.value() == null
                        ? new RegistrationEvent(r.key(), List.of(), r.timestamp(), "tombstone")
                        : json.readValue(r.value(), RegistrationEvent.class);
                bindings.apply(event, r.offset());
            } else {
                Subscriber s = r.value() == null ? null : json.readValue(r.value(), Subscriber.class);
                subscribers.apply(r.key(), s, r.offset());
            }
        } catch (JsonProcessingException | RuntimeException e) {
            // Skip a record this version cannot read; never log its value (subscriber records hold HA1).
            LOG.warnf("skipping unreadable record %s-%d@%d", r.topic(), r.partition(), r.offset());
        }
    }

    private void createTopics() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) config.publishTimeout().toMillis() * 2);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int)
                config.publishTimeout().toMillis());
        try (Admin admin = Admin.create(p)) {
            for (String topic : List.of(config.registrationsTopic(), config.subscribersTopic())) {
                NewTopic t = new NewTopic(topic, config.partitions(), config.replicationFactor())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                try {
                    admin.createTopics(List.of(t)).all().get();
                    LOG.infof("created compacted topic %s", topic);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic, e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Properties consumerProperties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        // No group: every instance reads every partition of both topics (a full view per instance).
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        // Fewer, larger fetches under load; at most fetch-max-wait of extra lag at low load.
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, config.fetchMinBytes());
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int)
                config.fetchMaxWait().toMillis());
        return p;
    }

    @Override
    public void close() {
        running.set(false);
        if (consumer != null) {
            consumer.wakeup();
        }
        if (viewsThread != null) {
            try {
                viewsThread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ofSeconds(2));
    }
}
