package io.siplane.systemtest;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
    final List<QuarkusService> b2buas = new ArrayList<>();
    final int edgeSipPort = Ports.free();
    /** Every port only the inside may know: back-end SIP, HTTP, JGroups and Kafka (topology hiding checks). */
    final List<Integer> internalPorts = new ArrayList<>();

    /**
     * @param registrarConfig extra registrar properties, overriding the defaults here
     */
    RegistrationSystem(Path work, Path logs, Map<String, String> registrarConfig) {
        this(work, logs, registrarConfig, 0);
    }

    /**
     * @param b2buaInstances B2BUA instances to run as one Infinispan cluster on loopback, behind the edge (0: the
     *     registration path only)
     */
    RegistrationSystem(Path work, Path logs, Map<String, String> registrarConfig, int b2buaInstances) {
        kafka = new KafkaBroker(work.resolve("kafka"), logs);
        location = QuarkusService.of(
                "location-service", "location", Map.of("kafka.bootstrap.servers", kafka.bootstrap()), logs);
        int registrarSip = Ports.free();
        internalPorts.addAll(List.of(registrarSip, kafka.port, kafka.controllerPort, location.httpPort));
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
        internalPorts.add(registrar.httpPort);
        List<Integer> jgroups = new ArrayList<>();
        for (int i = 0; i < b2buaInstances; i++) jgroups.add(Ports.free());
        internalPorts.addAll(jgroups);
        String initialHosts = String.join(
                ",", jgroups.stream().map(p -> "127.0.0.1[" + p + "]").toList());
        List<String> pool = new ArrayList<>();
        for (int i = 1; i <= b2buaInstances; i++) {
            int sip = Ports.free();
            pool.add("b2bua-" + i + "@127.0.0.1:" + sip);
            internalPorts.add(sip);
            Map<String, String> b = new HashMap<>();
            b.put("b2bua.instance-id", "b2bua-" + i);
            b.put("b2bua.sip.host", "127.0.0.1");
            b.put("b2bua.sip.port", Integer.toString(sip));
            // the B2BUA's Contact names the edge (DESIGN.md), which routes by the b2bua= parameter
            b.put("b2bua.sip.contact-host", "127.0.0.1");
            b.put("b2bua.sip.contact-port", Integer.toString(edgeSipPort));
            b.put("b2bua.cluster.bind-address", "127.0.0.1");
            b.put("b2bua.cluster.bind-port", Integer.toString(jgroups.get(i - 1)));
            b.put("b2bua.cluster.initial-hosts", initialHosts);
            b.put("b2bua.cluster.min-members", Integer.toString(b2buaInstances));
            b.put("b2bua.routing.location-url", location.baseUrl());
            b.put("b2bua.cdr.bootstrap-servers", kafka.bootstrap()); // CDRs go to this test's broker, nowhere else
            b2buas.add(QuarkusService.of("b2bua", "b2bua-" + i, b, logs));
        }
        Map<String, String> e = new HashMap<>(Map.of(
                "edge.sip.port", Integer.toString(edgeSipPort),
                "edge.registrar.instances", "127.0.0.1:" + registrarSip,
                "edge.flow-token.secret", "c3lzdGVtLXRlc3QtZmxvdy10b2tlbi1zZWNyZXQ=",
                "edge.instance-id", "edge-1",
                "edge.health.interval", "500ms"));
        if (!pool.isEmpty()) e.put("edge.b2bua.instances", String.join(",", pool));
        edge = QuarkusService.of("edge-proxy", "edge", e, logs);
    }

    /** Starts everything in dependency order; if any part fails, stops what was started (by PID) and rethrows. */
    RegistrationSystem start() throws Exception {
        try {
            kafka.start();
            location.startAndAwaitReady(Duration.ofSeconds(120));
            registrar.startAndAwaitReady(Duration.ofSeconds(120));
            for (QuarkusService b : b2buas) b.start(); // they form their cluster together, so start all, then await
            for (QuarkusService b : b2buas) b.startAndAwaitReady(Duration.ofSeconds(120), false);
            edge.startAndAwaitReady(Duration.ofSeconds(120));
        } catch (Exception | Error e) {
            try {
                close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return this;
    }

    InetSocketAddress edgeAddress() {
        return new InetSocketAddress("127.0.0.1", edgeSipPort);
    }

    @Override
    public void close() throws Exception {
        edge.stop();
        for (QuarkusService b : b2buas) b.stop();
        registrar.stop();
        location.stop();
        kafka.close();
    }
}
