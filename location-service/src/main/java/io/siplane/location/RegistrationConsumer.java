package io.siplane.location;

import io.siplane.events.registration.RegistrationEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads every partition of the registration events topic from the beginning into a {@link LocationStore}, on
 * one dedicated thread, and then follows the topic (docs/adr/0006-location-service-state.md).
 *
 * <p>No consumer group: partitions are assigned manually and no offset is ever committed, because every
 * replica needs all AORs and rebuilds them from the compacted topic at each start. A record that is not an
 * event is logged, counted and skipped; it never stops the consumer. The same thread sweeps expired bindings,
 * so the store has a single writer.
 */
public final class RegistrationConsumer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RegistrationConsumer.class);

    private final ConsumerSettings settings;
    private final LocationStore store;
    private final CatchUpTracker tracker;
    private final ConsumerStats stats;
    private final Clock clock;
    private final EventDecoder decoder = new EventDecoder();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;

    public RegistrationConsumer(
            ConsumerSettings settings, LocationStore store, CatchUpTracker tracker, ConsumerStats stats, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.tracker = tracker;
        this.stats = stats;
        this.clock = clock;
        this.thread = new Thread(this::run, "location-consumer");
        this.thread.setDaemon(true);
    }

    /** Starts the consumer thread. */
    public void start() {
        thread.start();
    }

    /** Whether the consumer thread is running: false before {@link #start()}, after a fatal error or close. */
    public boolean alive() {
        return thread.isAlive();
    }

    /** Stops the consumer thread and waits (a poll timeout at most, in practice) for it to end. */
    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) c.wakeup();
        try {
            thread.join(settings.pollTimeout().multipliedBy(4).toMillis() + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(kafkaProperties(), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = c;
            if (!running) return;
            List<TopicPartition> partitions = awaitPartitions(c);
            assignFromBeginning(c, partitions);
            awaitEndOffsets(c, partitions);
            follow(c);
        } catch (WakeupException e) {
            if (running) LOG.error("consumer woken up while running", e);
        } catch (RuntimeException e) {
            // Fatal (e.g. authorisation): liveness goes DOWN and the orchestrator restarts the instance.
            LOG.errorf(e, "registration consumer stopped on topic %s", settings.topic());
        } finally {
            consumer = null;
        }
    }

    private Map<String, Object> kafkaProperties() {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "location-" + UUID.randomUUID());
        // No group.id: manual assignment and no commits, every replica reads everything (ADR 0006).
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // Fewer, larger fetches under load, at most fetch-max-wait of extra visibility delay at low load.
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, settings.fetchMinBytes());
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int)
                settings.fetchMaxWait().toMillis());
        return p;
    }

    /** The topic's partitions; waits, unready, while the topic does not exist or the broker is unreachable. */
    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, byte[]> c) {
        while (true) {
            try {
                List<TopicPartition> partitions = partitionsOf(c);
                if (!partitions.isEmpty()) return partitions;
                LOG.warnf("topic %s does not exist yet; waiting for it", settings.topic());
            } catch (TimeoutException e) {
                LOG.warnf("no metadata for topic %s yet: %s", settings.topic(), e.getMessage());
            }
            pause();
        }
    }

    private List<TopicPartition> partitionsOf(KafkaConsumer<String, byte[]> c) {
        List<PartitionInfo> infos = c.partitionsFor(settings.topic(), settings.metadataTimeout());
        List<TopicPartition> partitions = new ArrayList<>();
        if (infos != null) infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
        return partitions;
    }

    private static void assignFromBeginning(KafkaConsumer<String, byte[]> c, List<TopicPartition> added) {
        List<TopicPartition> all = new ArrayList<>(c.assignment());
        all.addAll(added);
        c.assign(all);
        c.seekToBeginning(added);
    }

    /** Captures the end offsets that readiness waits for (CatchUpTracker). */
    private void awaitEndOffsets(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions) {
        while (true) {
            try {
                Map<TopicPartition, Long> ends = c.endOffsets(partitions, settings.metadataTimeout());
                LOG.infof("reading %s from the beginning up to end offsets %s", settings.topic(), ends);
                tracker.start(ends);
                return;
            } catch (TimeoutException e) {
                LOG.warnf("no end offsets for topic %s yet: %s", settings.topic(), e.getMessage());
                pause();
            }
        }
    }

    private void follow(KafkaConsumer<String, byte[]> c) {
        long nextSweep = clock.millis() + settings.sweepInterval().toMillis();
        long nextRefresh = clock.millis() + settings.partitionRefreshInterval().toMillis();
        while (running) {
            for (ConsumerRecord<String, byte[]> r : c.poll(settings.pollTimeout())) handle(r);
            long lag = 0;
            for (TopicPartition tp : c.assignment()) {
                tracker.position(tp, c.position(tp));
                lag += c.currentLag(tp).orElse(0);
            }
            stats.lag.set(lag);
            long now = clock.millis();
            if (now >= nextSweep) {
                stats.bindingsExpired.addAndGet(store.sweep(now));
                nextSweep = now + settings.sweepInterval().toMillis();
            }
            if (now >= nextRefresh) {
                addNewPartitions(c);
                nextRefresh = now + settings.partitionRefreshInterval().toMillis();
            }
        }
    }

    private void handle(ConsumerRecord<String, byte[]> r) {
        try {
            if (r.value() == null) {
                // A tombstone: the registrar (or an operator) removed the AOR.
                if (r.key() == null) throw new EventDecoder.BadRecordException("tombstone without a key", null);
                store.remove(AorKey.canonical(r.key()));
            } else {
                RegistrationEvent event = decoder.decode(r.value());
                store.apply(event, clock.millis());
            }
            stats.eventsConsumed.incrementAndGet();
        } catch (RuntimeException e) {
            stats.badRecords.incrementAndGet();
            LOG.warnf(
                    "skipped a bad record at %s-%d offset %d (key %s): %s",
                    r.topic(), r.partition(), r.offset(), r.key(), e.getMessage());
        }
    }

    /** Partitions added to the topic after startup are read from their beginning. */
    private void addNewPartitions(KafkaConsumer<String, byte[]> c) {
        try {
            Set<TopicPartition> known = new HashSet<>(c.assignment());
            List<TopicPartition> added =
                    partitionsOf(c).stream().filter(tp -> !known.contains(tp)).toList();
            if (!added.isEmpty()) {
                LOG.infof("topic %s has new partitions %s; reading them from the beginning", settings.topic(), added);
                assignFromBeginning(c, added);
            }
        } catch (TimeoutException e) {
            LOG.debugf("partition refresh timed out: %s", e.getMessage());
        }
    }

    private void pause() {
        try {
            Thread.sleep(settings.pollTimeout().toMillis()); // a retry delay on the consumer's own thread
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
        if (!running) throw new WakeupException();
    }
}
