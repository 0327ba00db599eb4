package io.siplane.systemtest;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The registration path as the tests run it: a KRaft broker, location-service, registrar-service and the
 * edge-proxy, each its own packaged JVM on free loopback ports, wired together, started in dependency order and
 * awaited until ready.
 */
final class RegistrationSystem implements AutoCloseable {
    static final String ADMIN_TOKEN = "system-test-admin-token";

    final KafkaBroker kafka;
    final QuarkusService location;
    final QuarkusService registrar;
    final QuarkusService edge;
    final int edgeSipPort = Ports.free();

    /**
     * @param registrarConfig extra registrar properties, overriding the defaults here
     */
    RegistrationSystem(Path work, Path logs, Map<String, String> registrarConfig) {
        kafka = new KafkaBroker(work.resolve("kafka"), logs);
        location = QuarkusService.of(
                "location-service", "location", Map.of("kafka.bootstrap.servers", kafka.bootstrap()), logs);
        int registrarSip = Ports.free();
        Map<String, String> reg = new HashMap<>(Map.of(
                "registrar.kafka.bootstrap-servers",
                kafka.bootstrap(),
                "registrar.sip.port",
                Integer.toString(registrarSip),
                "registrar.auth.nonce-secret",
                "c3lzdGVtLXRlc3Qtbm9uY2Utc2VjcmV0LTMyYnl0ZXM=",
                "registrar.admin.token",
                ADMIN_TOKEN,
                "registrar.instance-id",
                "registrar-1"));
        reg.putAll(registrarConfig);
        registrar = QuarkusService.of("registrar-service", "registrar", reg, logs);
        edge = QuarkusService.of(
                "edge-proxy",
                "edge",
                Map.of(
                        "edge.sip.port", Integer.toString(edgeSipPort),
                        "edge.registrar.instances", "127.0.0.1:" + registrarSip,
                        "edge.flow-token.secret", "c3lzdGVtLXRlc3QtZmxvdy10b2tlbi1zZWNyZXQ=",
                        "edge.instance-id", "edge-1",
                        "edge.health.interval", "500ms"),
                logs);
    }

    RegistrationSystem start() throws Exception {
        kafka.start();
        location.startAndAwaitReady(Duration.ofSeconds(120));
        registrar.startAndAwaitReady(Duration.ofSeconds(120));
        edge.startAndAwaitReady(Duration.ofSeconds(120));
        return this;
    }

    InetSocketAddress edgeAddress() {
        return new InetSocketAddress("127.0.0.1", edgeSipPort);
    }

    @Override
    public void close() throws Exception {
        for (ManagedProcess p : new ManagedProcess[] {edge, registrar, location}) p.stop();
        kafka.close();
    }
}
