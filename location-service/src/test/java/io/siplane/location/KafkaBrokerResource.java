package io.siplane.location;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points the service under test at the shared in-process broker ({@link TestKafka}) and a compacted
 * {@code sip.registrations} topic with several partitions, and makes the sweep and poll fast.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {
    public static final String TOPIC = "sip.registrations";

    @Override
    public Map<String, String> start() {
        String bootstrap = TestKafka.bootstrapServers();
        TestKafka.createCompactedTopic(TOPIC, 3);
        return Map.of(
                "kafka.bootstrap.servers", bootstrap,
                "location.sweep-interval", "200ms",
                "location.events.poll-timeout", "100ms");
    }

    @Override
    public void stop() {
        // The broker is shared with the plain tests of this JVM; TestKafka stops it at exit.
    }
}
