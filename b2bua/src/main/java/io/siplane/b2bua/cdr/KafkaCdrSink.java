package io.siplane.b2bua.cdr;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * CDRs as JSON on a Kafka topic, keyed by the call id, with a plain {@link KafkaProducer} (acks=all, idempotent).
 * {@link #send} only queues the record (bounded): {@code KafkaProducer.send} may block while it has no metadata
 * (broker down), and that wait must not hold a call's lane, let alone a Netty thread. One sender thread hands the
 * records to the producer. A CDR that cannot be queued or is not acknowledged is logged and counted, never more:
 * a CDR never fails a call.
 */
public final class KafkaCdrSink implements CdrSink {
    private static final Logger LOG = Logger.getLogger(KafkaCdrSink.class);
    private static final int QUEUE = 10_000;

    /** Counts the outcome of each CDR. */
    public interface Outcomes {
        Outcomes NONE = new Outcomes() {};

        default void sent() {}

        default void failed(String reason) {}
    }

    private final String topic;
    private final KafkaProducer<String, byte[]> producer;
    private final ObjectMapper json;
    private final Outcomes outcomes;
    private final ThreadPoolExecutor sender;

    public KafkaCdrSink(String bootstrapServers, String topic, ObjectMapper json, Outcomes outcomes) {
        this.topic = topic;
        this.json = json;
        this.outcomes = outcomes;
        this.producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                        ProducerConfig.LINGER_MS_CONFIG, "5",
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000",
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000",
                        ProducerConfig.CLIENT_ID_CONFIG, "b2bua-cdr"),
                new StringSerializer(),
                new ByteArraySerializer());
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "b2bua-cdr-sender");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void send(Cdr cdr) {
        try {
            sender.execute(() -> produce(cdr));
        } catch (RejectedExecutionException full) {
            LOG.warnf("CDR of call %s dropped: %d CDRs waiting for Kafka", cdr.callId(), QUEUE);
            outcomes.failed("queue-full");
        }
    }

    private void produce(Cdr cdr) {
        try {
            producer.send(new ProducerRecord<>(topic, cdr.callId(), json.writeValueAsBytes(cdr)), (meta, err) -> {
                if (err == null) {
                    outcomes.sent();
                } else {
                    LOG.warnf("CDR of call %s not written to %s: %s", cdr.callId(), topic, err.toString());
                    outcomes.failed("kafka");
                }
            });
        } catch (Exception e) {
            LOG.warnf("CDR of call %s not written to %s: %s", cdr.callId(), topic, e.toString());
            outcomes.failed("kafka");
        }
    }

    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
