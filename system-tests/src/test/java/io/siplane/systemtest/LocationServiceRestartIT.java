package io.siplane.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siplane.events.registration.Binding;
import io.siplane.events.registration.RegistrationEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3: "Restart the location service: every live binding is back and no expired one." The packaged
 * location-service runs as its own JVM against a real KRaft broker; it is killed with SIGKILL (no clean
 * shutdown) and started again, and must serve exactly the live bindings once ready.
 */
class LocationServiceRestartIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int AORS = 40;

    @TempDir
    static Path work;

    static KafkaBroker kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = new KafkaBroker(work.resolve("kafka"), Logs.dir(LocationServiceRestartIT.class)).start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (kafka != null) kafka.close();
    }

    @Test
    void afterAKillAndRestartEveryLiveBindingIsBackAndNoExpiredOne() throws Exception {
        long now = System.currentTimeMillis();
        List<String> live = new ArrayList<>();
        List<String> expiring = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < AORS; i++) {
                String aor = "sip:user" + i + "@example.com";
                // every third AOR's only binding expires 3 s from now: gone by the time we look after the restart
                boolean shortLived = i % 3 == 0;
                long expiresAt = now + (shortLived ? 3_000 : 3_600_000);
                (shortLived ? expiring : live).add(aor);
                publish(producer, new RegistrationEvent(aor, List.of(binding(i, expiresAt)), now, "test"));
            }
            producer.flush();
        }

        QuarkusService location = QuarkusService.of(
                "location-service",
                "location",
                Map.of("kafka.bootstrap.servers", kafka.bootstrap()),
                Logs.dir(LocationServiceRestartIT.class));
        try {
            location.startAndAwaitReady(Duration.ofSeconds(90));
            for (String aor : live) assertThat(lookup(location, aor)).isEqualTo(200);

            location.kill(); // kill -9
            assertThat(location.isAlive()).isFalse();
            await().atMost(Duration.ofSeconds(10)).until(() -> System.currentTimeMillis() > now + 3_500);

            location.startAndAwaitReady(Duration.ofSeconds(90));
            for (String aor : live) {
                assertThat(lookup(location, aor))
                        .as("live %s after restart", aor)
                        .isEqualTo(200);
                JsonNode b = JSON.readTree(
                                location.get("/v1/locations/" + enc(aor)).body())
                        .get("bindings");
                assertThat(b).hasSize(1);
                assertThat(b.get(0).get("contact").asText()).startsWith("sip:" + aor.substring(4, aor.indexOf('@')));
            }
            for (String aor : expiring)
                assertThat(lookup(location, aor)).as("expired %s", aor).isEqualTo(404);
        } finally {
            location.stop();
        }
    }

    static Binding binding(int i, long expiresAt) {
        return new Binding(
                "sip:user" + i + "@192.0.2." + (i % 250 + 1) + ":5060",
                "",
                1.0,
                expiresAt,
                "call-" + i + "@test",
                1,
                List.of("<sip:edge@127.0.0.1;lr>"),
                "UDP:192.0.2.1:5060",
                null,
                -1,
                "system-test");
    }

    int lookup(QuarkusService location, String aor) {
        return location.get("/v1/locations/" + enc(aor)).statusCode();
    }

    static String enc(String aor) {
        return URLEncoder.encode(aor, StandardCharsets.UTF_8);
    }

    static void publish(KafkaProducer<String, String> producer, RegistrationEvent e) throws Exception {
        producer.send(new ProducerRecord<>("sip.registrations", e.aor(), JSON.writeValueAsString(e)))
                .get(30, TimeUnit.SECONDS);
    }

    static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }
}
