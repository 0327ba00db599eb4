package io.siplane.registrar;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.util.Map;

/** A real single-node KRaft broker in the test JVM (no container engine on the build machines). */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    private static volatile EmbeddedKafkaBroker broker;
    private static volatile String bootstrap;

    @Override
    public Map<String, String> start() {
        broker = new EmbeddedKafkaBroker()
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(p -> {
                    p.put("offsets.topic.replication.factor", "1");
                    p.put("transaction.state.log.replication.factor", "1");
                    p.put("transaction.state.log.min.isr", "1");
                    p.put("group.initial.rebalance.delay.ms", "0");
                })
                .start();
        String listeners = broker.getAdvertisedListeners();
        bootstrap = listeners.substring(listeners.indexOf("://") + 3).split(",")[0];
        return Map.of("registrar.kafka.bootstrap-servers", bootstrap);
    }

    /** Where the broker listens, {@code host:port}. */
    public static String bootstrap() {
        return bootstrap;
    }

    /** Stops the broker for the tests of Kafka being unavailable; the rest of the run has no broker. */
    public static void stopBroker() {
        EmbeddedKafkaBroker b = broker;
        if (b != null && b.isRunning()) {
            b.close();
        }
    }

    @Override
    public void stop() {
        stopBroker();
    }
}
