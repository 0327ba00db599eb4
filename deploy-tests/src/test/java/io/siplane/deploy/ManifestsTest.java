package io.siplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kubernetes manifests under deploy/k8s, rendered per kustomization and checked against the services' own
 * configuration sources (docs/adr/0013-manifest-tests.md). No cluster and no kubectl needed; when kubectl is on the
 * PATH, the minimal renderer is also compared with {@code kubectl kustomize}.
 */
class ManifestsTest {

    static final Path ROOT = locateRoot();
    static final Path K8S = ROOT.resolve("deploy/k8s");
    static final String NS = "siplane";
    static final List<String> KUSTOMIZATIONS = List.of("base", "overlays/dev", "overlays/prod");

    /** A siplane service: its module, its config interface and what each named container port carries. */
    record Svc(
            String name,
            String module,
            String configInterface,
            Class<? extends HasMetadata> kind,
            Map<String, String> portProperties,
            List<String> podIpProperties) {}

    static final String FD_OFFSET = "<jgroups bind port + FD_SOCK2 offset>";

    static final List<Svc> SERVICES = List.of(
            new Svc(
                    "edge-proxy",
                    "edge-proxy",
                    "io.siplane.edge.config.EdgeConfig",
                    io.fabric8.kubernetes.api.model.apps.Deployment.class,
                    Map.of(
                            "http",
                            "quarkus.http.port",
                            "sip-udp",
                            "edge.sip.port",
                            "sip-tcp",
                            "edge.sip.port",
                            "sip-int-udp",
                            "edge.sip.internal-port",
                            "sip-int-tcp",
                            "edge.sip.internal-port"),
                    List.of("edge.sip.host", "edge.sip.internal-host")),
            new Svc(
                    "registrar-service",
                    "registrar-service",
                    "io.siplane.registrar.config.RegistrarConfig",
                    io.fabric8.kubernetes.api.model.apps.Deployment.class,
                    Map.of(
                            "http",
                            "quarkus.http.port",
                            "sip-udp",
                            "registrar.sip.port",
                            "sip-tcp",
                            "registrar.sip.port"),
                    List.of("registrar.sip.host")),
            new Svc(
                    "location-service",
                    "location-service",
                    "io.siplane.location.config.LocationConfig",
                    io.fabric8.kubernetes.api.model.apps.Deployment.class,
                    Map.of("http", "quarkus.http.port"),
                    List.of()),
            new Svc(
                    "b2bua",
                    "b2bua",
                    "io.siplane.b2bua.config.B2buaConfig",
                    StatefulSet.class,
                    Map.of(
                            "http",
                            "quarkus.http.port",
                            "sip-udp",
                            "b2bua.sip.port",
                            "sip-tcp",
                            "b2bua.sip.port",
                            "jgroups",
                            "b2bua.cluster.bind-port",
                            "jgroups-fd",
                            FD_OFFSET),
                    List.of("b2bua.sip.host", "b2bua.cluster.bind-address")));

    /**
     * Properties the manifests set before the service has them (deploy/k8s/README.md, "Pending"): accepted here so
     * the manifests can be ready, reported on every run, never silent.
     */
    static final Map<String, Set<String>> PENDING_PROPERTIES = Map.of();

    /** HTTP endpoints the manifests call that the services do not serve yet (README, "Pending"). */
    static final Map<String, Set<String>> PENDING_ENDPOINTS = Map.of();

    static final Set<String> HEALTH_PATHS = Set.of("/q/health/live", "/q/health/ready");

    /** Service endpoints the hooks call beyond health, each checked to be routed in the module's sources. */
    static final Map<String, Set<String>> SERVED_ENDPOINTS = Map.of("b2bua", Set.of("/q/drain"));

    static final Map<String, ServiceConfig> CONFIG = new LinkedHashMap<>();
    static final Set<String> STILL_PENDING = new java.util.TreeSet<>();

    static {
        for (Svc s : SERVICES) CONFIG.put(s.name(), ServiceConfig.read(ROOT, s.module(), s.configInterface()));
    }

    @AfterAll
    static void reportPending() {
        if (!STILL_PENDING.isEmpty()) {
            System.out.println("[deploy-tests] set by the manifests, pending in the services (README, Pending):");
            STILL_PENDING.forEach(p -> System.out.println("[deploy-tests]   " + p));
        }
    }

    /** Whether a main source file of {@code module} names {@code path} as a string literal. */
    static boolean routedIn(String module, String path) {
        try (Stream<java.nio.file.Path> files =
                java.nio.file.Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
            return files.filter(f -> f.toString().endsWith(".java")).anyMatch(f -> {
                try {
                    return java.nio.file.Files.readString(f).contains("\"" + path + "\"");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void rendersStrictlyAndMatchesTheServicesConfiguration(String dir) {
        Rendered r = Rendered.of(K8S, dir, new Kustomize());

        // Kinds and namespaces.
        for (Map<String, Object> res : r.raw) {
            String id = Kustomize.id(res);
            if (!Strict.isBuiltIn(res)) {
                assertThat(res.get("apiVersion")).as("%s: %s", dir, id).isEqualTo("kafka.strimzi.io/v1beta2");
            }
            if (!"Namespace".equals(res.get("kind"))) {
                assertThat(Yaml.str(res, "metadata.namespace"))
                        .as("%s: namespace of %s", dir, id)
                        .isEqualTo(NS);
            }
        }
        r.get(Namespace.class, NS);

        Map<String, Map<String, String>> effective = new LinkedHashMap<>();
        for (Svc s : SERVICES) effective.put(s.name(), checkService(r, s));
        checkReferencesBetweenServices(r, effective);
        checkServices(r);
        checkSecrets(r);
        checkDisruptionBudgetsAndAutoscalers(r);
        checkNetworkPolicies(r);
        checkStrimzi(r, effective);
    }

    /** One service's workload; returns its effective configuration (source defaults overridden by the env). */
    private Map<String, String> checkService(Rendered r, Svc s) {
        String where = r.name + " " + s.name();
        HasMetadata w = r.workloads().get(s.name());
        assertThat(w).as("%s: workload", where).isInstanceOf(s.kind());
        PodSpec pod = Rendered.template(w).getSpec();
        assertThat(pod.getContainers()).as("%s: containers", where).hasSize(1);
        Container c = Rendered.container(w, s.name());
        assertThat(c.getImage()).as("%s: image", where).isEqualTo("siplane/" + s.name() + ":0.1.0");

        // Environment: every variable names a real property of this service.
        ServiceConfig cfg = CONFIG.get(s.name());
        Map<String, String> env = env(r, c, where);
        Map<String, String> eff = new TreeMap<>();
        cfg.properties.forEach((k, v) -> {
            if (v != null) eff.put(k, v);
        });
        env.forEach((name, value) -> {
            var prop = cfg.propertyOf(name);
            if (prop.isEmpty()) {
                String pending = PENDING_PROPERTIES.getOrDefault(s.name(), Set.of()).stream()
                        .filter(p -> ServiceConfig.toEnv(p).equals(name))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(where + ": env " + name
                                + " is no configuration property of " + s.module()
                                + " (application.properties, " + s.configInterface() + ")"));
                STILL_PENDING.add(s.name() + ": property " + pending + " (env " + name + ")");
                eff.put(pending, value);
                return;
            }
            if (!cfg.hasExtensionFor(prop.get()))
                STILL_PENDING.add(s.name() + ": " + prop.get() + " needs the " + ServiceConfig.FRAMEWORK.get(prop.get())
                        + " extension");
            eff.put(prop.get(), value);
        });

        // Ports: each named container port carries the configured port of its property.
        int fdOffset = fdSockOffset();
        Set<String> seen = new LinkedHashSet<>();
        for (ContainerPort p : c.getPorts()) {
            String prop = s.portProperties().get(p.getName());
            assertThat(prop)
                    .as("%s: container port %s is not one the test knows", where, p.getName())
                    .isNotNull();
            int expected = prop.equals(FD_OFFSET)
                    ? Integer.parseInt(eff.get("b2bua.cluster.bind-port")) + fdOffset
                    : Integer.parseInt(required(eff, prop, where));
            assertThat(p.getContainerPort())
                    .as("%s: port %s = %s", where, p.getName(), prop)
                    .isEqualTo(expected);
            assertThat(p.getProtocol())
                    .as("%s: protocol of %s", where, p.getName())
                    .isEqualTo(p.getName().endsWith("-udp") ? "UDP" : "TCP");
            seen.add(p.getName());
        }
        Set<String> needed = new LinkedHashSet<>(s.portProperties().keySet());
        if (s.name().equals("edge-proxy") && !eff.containsKey("edge.sip.internal-host")) {
            needed.removeAll(Set.of("sip-int-udp", "sip-int-tcp"));
        }
        assertThat(seen).as("%s: container ports", where).containsExactlyInAnyOrderElementsOf(needed);

        // Listening addresses: the pod IP, never the loopback default.
        for (String prop : s.podIpProperties()) {
            assertThat(eff.get(prop)).as("%s: %s", where, prop).isEqualTo("field:status.podIP");
        }

        // Probes.
        probe(c.getLivenessProbe(), "/q/health/live", where + " liveness");
        probe(c.getReadinessProbe(), "/q/health/ready", where + " readiness");
        if (c.getStartupProbe() != null) probe(c.getStartupProbe(), "/q/health/live", where + " startup");

        // Lifecycle hooks: health paths or endpoints listed as pending.
        if (c.getLifecycle() != null) {
            for (LifecycleHandler h : Stream.of(
                            c.getLifecycle().getPreStop(), c.getLifecycle().getPostStart())
                    .filter(java.util.Objects::nonNull)
                    .toList()) {
                assertThat(h.getExec()).as("%s: hooks are HTTP calls", where).isNull();
                assertThat(h.getSleep()).as("%s: no sleeping hooks", where).isNull();
                HTTPGetAction get = h.getHttpGet();
                assertThat(get.getPort().getStrVal()).as("%s: hook port", where).isEqualTo("http");
                if (SERVED_ENDPOINTS.getOrDefault(s.name(), Set.of()).contains(get.getPath())) {
                    assertThat(routedIn(s.module(), get.getPath()))
                            .as("%s: hook path %s is routed in %s's sources", where, get.getPath(), s.module())
                            .isTrue();
                } else if (!HEALTH_PATHS.contains(get.getPath())) {
                    assertThat(PENDING_ENDPOINTS.getOrDefault(s.name(), Set.of()))
                            .as("%s: hook path %s is served or listed as pending", where, get.getPath())
                            .contains(get.getPath());
                    STILL_PENDING.add(s.name() + ": endpoint GET " + get.getPath());
                }
            }
        }
        if (s.name().equals("b2bua")) {
            assertThat(c.getLifecycle().getPreStop())
                    .as("%s: preStop drain", where)
                    .isNotNull();
            long grace = pod.getTerminationGracePeriodSeconds();
            assertThat(grace)
                    .as("%s: grace period for calls", where)
                    .isGreaterThanOrEqualTo(r.name.equals("overlays/dev") ? 60 : 3600);
        }

        // Resources: requests and limits for CPU and memory, requests within limits.
        for (String res : List.of("cpu", "memory")) {
            Quantity req = c.getResources().getRequests().get(res);
            Quantity lim = c.getResources().getLimits().get(res);
            assertThat(req).as("%s: %s request", where, res).isNotNull();
            assertThat(lim).as("%s: %s limit", where, res).isNotNull();
            assertThat(req.getNumericalAmount())
                    .as("%s: %s request <= limit", where, res)
                    .isLessThanOrEqualTo(lim.getNumericalAmount());
        }
        for (Volume v : pod.getVolumes() == null ? List.<Volume>of() : pod.getVolumes()) {
            if (v.getConfigMap() != null) r.configMapData(v.getConfigMap().getName());
            if (v.getSecret() != null) r.get(Secret.class, v.getSecret().getSecretName());
        }
        return eff;
    }

    /** The container's environment: name → value, or "field:path", "secret:name/key"; referenced objects exist. */
    private static Map<String, String> env(Rendered r, Container c, String where) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
            assertThat(from.getPrefix()).as("%s: envFrom prefix", where).isNull();
            if (from.getConfigMapRef() != null)
                env.putAll(r.configMapData(from.getConfigMapRef().getName()));
            if (from.getSecretRef() != null) {
                r.secretData(from.getSecretRef().getName())
                        .keySet()
                        .forEach(k -> env.put(k, "secret:" + from.getSecretRef().getName() + "/" + k));
            }
        }
        Set<String> explicit = new LinkedHashSet<>();
        for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
            assertThat(explicit.add(e.getName()))
                    .as("%s: env %s set twice", where, e.getName())
                    .isTrue();
            assertThat(e.getValue() == null || !e.getValue().contains("$("))
                    .as("%s: no $(VAR) expansion", where)
                    .isTrue();
            EnvVarSource src = e.getValueFrom();
            if (src == null) {
                env.put(e.getName(), e.getValue());
            } else if (src.getFieldRef() != null) {
                env.put(e.getName(), "field:" + src.getFieldRef().getFieldPath());
            } else if (src.getConfigMapKeyRef() != null) {
                var ref = src.getConfigMapKeyRef();
                Map<String, String> data = r.configMapData(ref.getName());
                assertThat(data)
                        .as("%s: ConfigMap %s key %s", where, ref.getName(), ref.getKey())
                        .containsKey(ref.getKey());
                env.put(e.getName(), data.get(ref.getKey()));
            } else if (src.getSecretKeyRef() != null) {
                var ref = src.getSecretKeyRef();
                assertThat(r.secretData(ref.getName()))
                        .as("%s: Secret %s key %s", where, ref.getName(), ref.getKey())
                        .containsKey(ref.getKey());
                env.put(e.getName(), "secret:" + ref.getName() + "/" + ref.getKey());
            } else {
                fail(where + ": unsupported valueFrom of " + e.getName());
            }
        }
        return env;
    }

    private static void probe(Probe p, String path, String where) {
        assertThat(p).as(where).isNotNull();
        assertThat(p.getHttpGet()).as(where + " is an HTTP GET").isNotNull();
        assertThat(p.getHttpGet().getPath()).as(where + " path").isEqualTo(path);
        assertThat(p.getHttpGet().getPort().getStrVal()).as(where + " port").isEqualTo("http");
    }

    private static String required(Map<String, String> eff, String prop, String where) {
        String v = eff.get(prop);
        assertThat(v).as("%s: %s has a value", where, prop).isNotNull();
        return v;
    }

    /** FD_SOCK2 listens at the transport's bind port plus this offset (b2bua/src/main/resources/jgroups-kube.xml). */
    private static int fdSockOffset() {
        String xml = ServiceConfig.readString(ROOT.resolve("b2bua/src/main/resources/jgroups-kube.xml"));
        Matcher m = Pattern.compile("<FD_SOCK2\\b[^>]*?\\boffset=\"(\\d+)\"").matcher(xml);
        return m.find() ? Integer.parseInt(m.group(1)) : 100;
    }

    // ------------------------------------------------------------------------------------------------------------

    /** Host names, URLs and addresses one service uses to reach another, against the Services that exist. */
    private void checkReferencesBetweenServices(Rendered r, Map<String, Map<String, String>> eff) {
        Map<String, String> edge = eff.get("edge-proxy");
        Map<String, String> registrar = eff.get("registrar-service");
        Map<String, String> location = eff.get("location-service");
        Map<String, String> b2bua = eff.get("b2bua");
        String where = r.name;

        // edge → registrars: host:port of a Service in front of the registrar pods, on the registrar's SIP port.
        String regProtocol =
                edge.getOrDefault("edge.registrar.transport", "udp").toUpperCase();
        for (String inst : edge.get("edge.registrar.instances").split(",")) {
            String host = inst.substring(0, inst.lastIndexOf(':'));
            int port = Integer.parseInt(inst.substring(inst.lastIndexOf(':') + 1));
            assertThat(port)
                    .as("%s: edge.registrar.instances port", where)
                    .isEqualTo(Integer.parseInt(registrar.get("registrar.sip.port")));
            servicePort(r, r.serviceForHost(host), port, regProtocol, "registrar-service", where);
        }

        // edge → b2buas: id@pod.service.ns.svc.cluster.local:port; id = pod name = b2bua.instance-id.
        StatefulSet sts = r.get(StatefulSet.class, "b2bua");
        Service headless = r.get(Service.class, sts.getSpec().getServiceName());
        String b2bList = edge.get("edge.b2bua.instances");
        assertThat(b2bList).as("%s: edge.b2bua.instances", where).isNotBlank();
        assertThat(b2bua.get("b2bua.instance-id"))
                .as("%s: b2bua.instance-id", where)
                .isEqualTo("field:metadata.name");
        Pattern entry = Pattern.compile(
                "(b2bua-(\\d+))@(b2bua-\\d+)\\.([a-z0-9-]+)\\.([a-z0-9-]+)\\.svc\\.cluster\\.local:(\\d+)");
        int listed = 0;
        for (String inst : b2bList.split(",")) {
            Matcher m = entry.matcher(inst.trim());
            assertThat(m.matches())
                    .as("%s: edge.b2bua.instances entry %s", where, inst)
                    .isTrue();
            assertThat(m.group(1))
                    .as("%s: id of %s is its pod name", where, inst)
                    .isEqualTo(m.group(3));
            assertThat(Integer.parseInt(m.group(2)))
                    .as("%s: ordinals in order", where)
                    .isEqualTo(listed++);
            assertThat(m.group(1)).startsWith(sts.getMetadata().getName() + "-");
            assertThat(m.group(4))
                    .as("%s: %s names the StatefulSet's Service", where, inst)
                    .isEqualTo(headless.getMetadata().getName());
            assertThat(m.group(5)).isEqualTo(NS);
            assertThat(Integer.parseInt(m.group(6)))
                    .as("%s: b2bua SIP port", where)
                    .isEqualTo(Integer.parseInt(b2bua.get("b2bua.sip.port")));
        }
        int maxB2bua = r.find(HorizontalPodAutoscaler.class, "b2bua")
                .map(h -> h.getSpec().getMaxReplicas())
                .orElse(Rendered.replicas(sts));
        assertThat(listed)
                .as("%s: the edge lists every b2bua the StatefulSet/HPA may run", where)
                .isGreaterThanOrEqualTo(maxB2bua);

        // b2bua cluster: kube stack, DNS_PING on the headless Service of the StatefulSet.
        assertThat(b2bua.get("b2bua.cluster.stack"))
                .as("%s: b2bua.cluster.stack", where)
                .isEqualTo("kube");
        assertThat(ROOT.resolve("b2bua/src/main/resources/jgroups-kube.xml")).exists();
        String xml = ServiceConfig.readString(ROOT.resolve("b2bua/src/main/resources/jgroups-kube.xml"));
        assertThat(xml).contains("<dns.DNS_PING dns_query=\"${b2bua.jgroups.dns_query}\"");
        assertThat(ServiceConfig.readString(
                        ROOT.resolve("b2bua/src/main/java/io/siplane/b2bua/state/CacheManagers.java")))
                .contains("\"b2bua.jgroups.dns_query\", s.dnsQuery()");
        assertThat(b2bua.get("b2bua.cluster.dns-query"))
                .as("%s: DNS_PING query", where)
                .isEqualTo(headless.getMetadata().getName() + "." + NS + ".svc.cluster.local");
        assertThat(headless.getSpec().getClusterIP()).as("%s: headless", where).isEqualTo("None");
        assertThat(headless.getSpec().getPublishNotReadyAddresses())
                .as("%s: publishNotReadyAddresses", where)
                .isTrue();
        servicePort(r, headless, Integer.parseInt(b2bua.get("b2bua.cluster.bind-port")), "TCP", "b2bua", where);

        // The B2BUA's Contact is the edge's public address, never a pod address.
        assertThat(b2bua.get("b2bua.sip.contact-host"))
                .as("%s: b2bua contact host", where)
                .isEqualTo(edge.get("edge.sip.advertised-host"))
                .doesNotStartWith("field:");
        assertThat(b2bua.get("b2bua.sip.contact-port"))
                .as("%s: b2bua contact port", where)
                .isEqualTo(edge.get("edge.sip.advertised-port"));

        // b2bua → location-service.
        URI loc = URI.create(b2bua.get("b2bua.routing.location-url"));
        assertThat(loc.getPort()).isEqualTo(Integer.parseInt(location.get("quarkus.http.port")));
        servicePort(r, r.serviceForHost(loc.getHost()), loc.getPort(), "TCP", "location-service", where);

        // Secrets: the flow-token key and the registrar's secrets come from a Secret.
        assertThat(edge.get("edge.flow-token.secret")).startsWith("secret:");
        assertThat(registrar.get("registrar.auth.nonce-secret")).startsWith("secret:");
        assertThat(registrar.get("registrar.admin.token")).startsWith("secret:");

        // OpenTelemetry: every service exports to the collector's OTLP gRPC port.
        for (var e : eff.entrySet()) {
            String endpoint = e.getValue().get("quarkus.otel.exporter.otlp.endpoint");
            assertThat(endpoint).as("%s: %s OTLP endpoint", where, e.getKey()).isNotNull();
            URI u = URI.create(endpoint);
            Service collector = r.serviceForHost(u.getHost());
            assertThat(collector.getSpec().getPorts())
                    .as("%s: collector port %s", where, u.getPort())
                    .anyMatch(p -> p.getPort() == u.getPort());
            assertThat(r.selected(collector.getSpec().getSelector())).isNotEmpty();
        }
    }

    /** The Service has this port/protocol and selects the pods of the named workload, whose port it targets. */
    private static void servicePort(Rendered r, Service svc, int port, String protocol, String workload, String where) {
        ServicePort sp = svc.getSpec().getPorts().stream()
                .filter(p -> p.getPort() == port && p.getProtocol().equals(protocol))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        where + ": Service " + svc.getMetadata().getName() + " has no " + protocol + " port " + port));
        assertThat(r.selected(svc.getSpec().getSelector()).stream()
                        .map(w -> w.getMetadata().getName()))
                .as("%s: Service %s selects %s", where, svc.getMetadata().getName(), workload)
                .contains(workload);
        assertThat(sp.getTargetPort()).isNotNull();
    }

    /** Every Service selects pods, and each of its ports targets a container port of them (same number, protocol). */
    private static void checkServices(Rendered r) {
        for (Service svc : r.all(Service.class)) {
            String where = r.name + " Service " + svc.getMetadata().getName();
            List<HasMetadata> pods = r.selected(svc.getSpec().getSelector());
            assertThat(pods).as("%s selects existing pod labels", where).isNotEmpty();
            for (ServicePort sp : svc.getSpec().getPorts()) {
                for (HasMetadata w : pods) {
                    List<ContainerPort> ports = Rendered.template(w).getSpec().getContainers().stream()
                            .flatMap(c -> c.getPorts().stream())
                            .toList();
                    var target = sp.getTargetPort();
                    ContainerPort cp = ports.stream()
                            .filter(p -> target.getStrVal() != null
                                    ? target.getStrVal().equals(p.getName())
                                    : target.getIntVal().equals(p.getContainerPort()))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError(where + ": targetPort " + target + " is no port of "
                                    + w.getMetadata().getName()));
                    assertThat(cp.getProtocol())
                            .as("%s port %s protocol", where, sp.getName())
                            .isEqualTo(sp.getProtocol());
                    assertThat(cp.getContainerPort())
                            .as("%s port %s number", where, sp.getName())
                            .isEqualTo(sp.getPort());
                }
            }
        }
        Service edge = r.get(Service.class, "edge-proxy");
        assertThat(edge.getSpec().getType()).isIn("LoadBalancer", "NodePort");
        assertThat(edge.getSpec().getExternalTrafficPolicy())
                .as("source addresses preserved")
                .isEqualTo("Local");
        assertThat(edge.getSpec().getPorts().stream().map(p -> p.getProtocol() + "/" + p.getPort()))
                .containsExactlyInAnyOrder("UDP/5060", "TCP/5060");
    }

    /** Secrets hold placeholders only: never a real secret in the repository. */
    private static void checkSecrets(Rendered r) {
        for (Secret s : r.all(Secret.class)) {
            r.secretData(s.getMetadata().getName()).forEach((k, v) -> assertThat(v)
                    .as(
                            "%s: Secret %s key %s is a placeholder",
                            r.name, s.getMetadata().getName(), k)
                    .startsWith("CHANGE-ME"));
        }
    }

    private static void checkDisruptionBudgetsAndAutoscalers(Rendered r) {
        for (PodDisruptionBudget pdb : r.all(PodDisruptionBudget.class)) {
            String where = r.name + " PDB " + pdb.getMetadata().getName();
            assertThat(r.selected(pdb.getSpec().getSelector()))
                    .as(where + " selects pods")
                    .hasSize(1);
            assertThat(pdb.getSpec().getMaxUnavailable().getIntVal())
                    .as(where + " maxUnavailable")
                    .isEqualTo(1);
        }
        for (String name : List.of("edge-proxy", "b2bua")) r.get(PodDisruptionBudget.class, name);
        for (HorizontalPodAutoscaler hpa : r.all(HorizontalPodAutoscaler.class)) {
            String where = r.name + " HPA " + hpa.getMetadata().getName();
            var ref = hpa.getSpec().getScaleTargetRef();
            HasMetadata w = r.workloads().get(ref.getName());
            assertThat(w).as(where + " target").isNotNull();
            assertThat(ref.getKind()).isEqualTo(w.getKind());
            assertThat(ref.getApiVersion()).isEqualTo(w.getApiVersion());
            int min = hpa.getSpec().getMinReplicas();
            int max = hpa.getSpec().getMaxReplicas();
            assertThat(min).as(where + " min <= max").isBetween(1, max);
            assertThat(Rendered.replicas(w))
                    .as(where + " replicas within bounds")
                    .isBetween(min, max);
            assertThat(hpa.getSpec().getMetrics())
                    .as(where + " on CPU")
                    .anyMatch(m ->
                            m.getResource() != null && m.getResource().getName().equals("cpu"));
        }
    }

    /**
     * Default deny; every container port of a siplane pod is admitted by some policy; only the edge's SIP port is
     * open to everyone; policies select existing pods (or Strimzi's).
     */
    private static void checkNetworkPolicies(Rendered r) {
        List<NetworkPolicy> policies = r.all(NetworkPolicy.class);
        assertThat(policies.stream()
                        .anyMatch(p -> matchLabels(p).isEmpty()
                                && p.getSpec().getIngress().isEmpty()
                                && p.getSpec().getPolicyTypes().contains("Ingress")))
                .as(r.name + ": a default-deny ingress policy")
                .isTrue();
        for (NetworkPolicy p : policies) {
            String where = r.name + " NetworkPolicy " + p.getMetadata().getName();
            Map<String, String> sel = matchLabels(p);
            boolean strimzi = sel.keySet().stream().anyMatch(k -> k.startsWith("strimzi.io/"));
            if (!sel.isEmpty() && !strimzi)
                assertThat(r.selected(sel)).as(where + " selects pods").isNotEmpty();
            for (NetworkPolicyIngressRule rule : p.getSpec().getIngress()) {
                if (rule.getFrom().isEmpty()) {
                    assertThat(sel)
                            .as(where + ": open to everyone")
                            .isEqualTo(Map.of("app.kubernetes.io/name", "edge-proxy"));
                    assertThat(rule.getPorts())
                            .as(where + ": open ports")
                            .allMatch(pp -> pp.getPort().getIntVal() == 5060);
                }
                rule.getFrom().forEach(peer -> {
                    assertThat(peer.getIpBlock())
                            .as(where + ": no ipBlock peers")
                            .isNull();
                    assertThat(peer.getNamespaceSelector())
                            .as(where + ": same namespace peers")
                            .isNull();
                    assertThat(r.selected(peer.getPodSelector()))
                            .as(where + ": peer selects pods")
                            .isNotEmpty();
                });
            }
        }
        for (Svc s : SERVICES) {
            HasMetadata w = r.workloads().get(s.name());
            Map<String, String> labels = Rendered.template(w).getMetadata().getLabels();
            for (ContainerPort cp : Rendered.container(w, s.name()).getPorts()) {
                boolean admitted = policies.stream()
                        .filter(p -> p.getSpec().getPodSelector().getMatchLabels() != null
                                && labels.entrySet()
                                        .containsAll(p.getSpec()
                                                .getPodSelector()
                                                .getMatchLabels()
                                                .entrySet()))
                        .flatMap(p -> p.getSpec().getIngress().stream())
                        .flatMap(rule -> rule.getPorts().stream())
                        .anyMatch((NetworkPolicyPort pp) ->
                                pp.getPort().getIntVal().equals(cp.getContainerPort())
                                        && pp.getProtocol().equals(cp.getProtocol()));
                assertThat(admitted)
                        .as(
                                "%s: %s port %s/%s admitted by a NetworkPolicy",
                                r.name, s.name(), cp.getProtocol(), cp.getContainerPort())
                        .isTrue();
            }
        }
    }

    private static Map<String, String> matchLabels(NetworkPolicy p) {
        Map<String, String> m = p.getSpec().getPodSelector().getMatchLabels();
        return m == null ? Map.of() : m;
    }

    /** Strimzi resources as maps: required fields, KRaft, topics matching the services' configured topics. */
    private static void checkStrimzi(Rendered r, Map<String, Map<String, String>> eff) {
        List<Map<String, Object>> kafkas = r.custom("Kafka");
        assertThat(kafkas).as(r.name + ": one Kafka").hasSize(1);
        Map<String, Object> kafka = kafkas.get(0);
        String cluster = Yaml.str(kafka, "metadata.name");
        allowedKeys(kafka, Set.of("apiVersion", "kind", "metadata", "spec"), "Kafka");
        allowedKeys(
                Yaml.map(kafka, "spec"),
                Set.of("kafka", "entityOperator", "cruiseControl", "kafkaExporter"),
                "Kafka.spec");
        allowedKeys(
                Yaml.map(kafka, "spec.kafka"),
                Set.of(
                        "version",
                        "metadataVersion",
                        "listeners",
                        "config",
                        "authorization",
                        "rack",
                        "resources",
                        "logging",
                        "metricsConfig",
                        "template"),
                "Kafka.spec.kafka");
        assertThat(Yaml.map(kafka, "metadata.annotations"))
                .containsEntry("strimzi.io/kraft", "enabled")
                .containsEntry("strimzi.io/node-pools", "enabled");
        assertThat(Yaml.map(kafka, "spec.entityOperator")).containsKey("topicOperator");
        List<Map<String, Object>> listeners = Yaml.at(kafka, "spec.kafka.listeners");
        assertThat(listeners).isNotEmpty();
        for (Map<String, Object> l : listeners) {
            allowedKeys(
                    l,
                    Set.of("name", "port", "type", "tls", "authentication", "configuration", "networkPolicyPeers"),
                    "listener");
            assertThat(l).containsKeys("name", "port", "type", "tls");
        }
        Map<String, Object> kcfg = Yaml.map(kafka, "spec.kafka.config");
        int minIsr = ((Number) kcfg.get("min.insync.replicas")).intValue();

        int brokers = 0;
        boolean controllers = false;
        for (Map<String, Object> pool : r.custom("KafkaNodePool")) {
            allowedKeys(
                    Yaml.map(pool, "spec"),
                    Set.of("replicas", "roles", "storage", "resources", "jvmOptions", "template"),
                    "KafkaNodePool.spec");
            assertThat(Yaml.str(pool, "metadata.labels.strimzi.io/cluster")).isNull(); // dotted path guard
            assertThat(Yaml.map(pool, "metadata.labels")).containsEntry("strimzi.io/cluster", cluster);
            List<String> roles = Yaml.at(pool, "spec.roles");
            assertThat(roles).isNotEmpty().isSubsetOf("controller", "broker");
            int replicas = ((Number) Yaml.at(pool, "spec.replicas")).intValue();
            if (roles.contains("broker")) brokers += replicas;
            controllers |= roles.contains("controller") && replicas > 0;
            assertThat(Yaml.str(pool, "spec.storage")).isNotNull();
            assertThat(Yaml.map(pool, "spec.storage")).containsKey("type");
        }
        assertThat(brokers).as(r.name + ": brokers").isPositive();
        assertThat(controllers).as(r.name + ": KRaft controllers").isTrue();
        assertThat(minIsr).as(r.name + ": min.insync.replicas").isBetween(1, Math.max(1, brokers - 1));

        // Bootstrap servers of the services: <cluster>-kafka-bootstrap on a plain listener.
        Set<String> bootstrap = new LinkedHashSet<>();
        for (Map<String, Object> l : listeners) {
            if (Boolean.FALSE.equals(l.get("tls")) && "internal".equals(l.get("type")))
                bootstrap.add(cluster + "-kafka-bootstrap." + NS + ".svc.cluster.local:" + l.get("port"));
        }
        assertThat(bootstrap)
                .contains(
                        eff.get("registrar-service").get("registrar.kafka.bootstrap-servers"),
                        eff.get("location-service").get("kafka.bootstrap.servers"));

        Map<String, Map<String, Object>> topics = new LinkedHashMap<>();
        for (Map<String, Object> t : r.custom("KafkaTopic")) {
            allowedKeys(Yaml.map(t, "spec"), Set.of("topicName", "partitions", "replicas", "config"), "KafkaTopic");
            assertThat(Yaml.map(t, "metadata.labels")).containsEntry("strimzi.io/cluster", cluster);
            String name = Yaml.str(t, "spec.topicName");
            assertThat(name)
                    .as("KafkaTopic %s topicName", Yaml.str(t, "metadata.name"))
                    .isNotBlank();
            int replicas = ((Number) Yaml.at(t, "spec.replicas")).intValue();
            assertThat(replicas).as("%s: %s replicas", r.name, name).isBetween(1, brokers);
            assertThat(((Number) Yaml.at(t, "spec.partitions")).intValue()).isPositive();
            int topicMinIsr = ((Number) Yaml.at(t, "spec.config.min.insync.replicas") == null
                    ? minIsr
                    : ((Number) Yaml.map(t, "spec.config").get("min.insync.replicas")).intValue());
            assertThat(topicMinIsr)
                    .as("%s: %s min.insync.replicas", r.name, name)
                    .isBetween(1, Math.max(1, replicas - 1));
            topics.put(name, t);
        }
        Map<String, String> cleanup = new LinkedHashMap<>();
        cleanup.put(eff.get("registrar-service").get("registrar.kafka.registrations-topic"), "compact");
        cleanup.put(eff.get("registrar-service").get("registrar.kafka.subscribers-topic"), "compact");
        cleanup.put(eff.get("location-service").get("location.events.topic"), "compact");
        cleanup.put("sip.calls", "delete");
        cleanup.forEach((topic, policy) -> {
            assertThat(topics).as("%s: KafkaTopic %s", r.name, topic).containsKey(topic);
            assertThat(Yaml.map(topics.get(topic), "spec.config").get("cleanup.policy"))
                    .as("%s: %s cleanup.policy", r.name, topic)
                    .isEqualTo(policy);
        });
    }

    private static void allowedKeys(Map<String, Object> map, Set<String> allowed, String where) {
        assertThat(map.keySet()).as(where + " fields").isSubsetOf(allowed);
    }

    // ------------------------------------------------------------------------------------------------------------

    @Test
    void devRunsOneOfEverythingWithoutAutoscaling() {
        Rendered r = Rendered.of(K8S, "overlays/dev", new Kustomize());
        r.workloads()
                .forEach((name, w) -> assertThat(Rendered.replicas(w)).as(name).isEqualTo(1));
        assertThat(r.all(HorizontalPodAutoscaler.class)).isEmpty();
        assertThat(r.configMapData("otel-collector-config").get("config.yaml")).contains("debug:");
    }

    @Test
    void prodRunsRedundantlyWithBudgetsAndAutoscalers() {
        Rendered r = Rendered.of(K8S, "overlays/prod", new Kustomize());
        for (Svc s : SERVICES) {
            HasMetadata w = r.workloads().get(s.name());
            assertThat(Rendered.replicas(w)).as(s.name()).isGreaterThanOrEqualTo(2);
            r.get(PodDisruptionBudget.class, s.name());
            assertThat(r.get(HorizontalPodAutoscaler.class, s.name()).getSpec().getMinReplicas())
                    .as(s.name() + " HPA min")
                    .isGreaterThanOrEqualTo(2);
        }
        assertThat(Rendered.replicas(r.get(StatefulSet.class, "b2bua"))).isEqualTo(3);
        assertThat(r.configMapData("b2bua-config")).containsEntry("B2BUA_CLUSTER_OWNERS", "2");
        for (Map<String, Object> t : r.custom("KafkaTopic")) {
            assertThat(((Number) Yaml.at(t, "spec.replicas")).intValue()).isEqualTo(3);
        }
    }

    /**
     * Every YAML file under deploy/k8s parses (built-in kinds strictly, patches included) and is used by base, dev or
     * prod: no forgotten file.
     */
    @Test
    void everyManifestFileParsesAndIsUsed() throws IOException {
        Kustomize k = new Kustomize();
        for (String dir : KUSTOMIZATIONS) k.build(K8S.resolve(dir));
        List<Path> files;
        try (Stream<Path> s = Files.walk(K8S)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .map(Path::normalize)
                    // An operator's own overlays with real secrets (README, "Secrets"), ignored by git.
                    .filter(p -> !K8S.relativize(p).toString().matches("overlays/[^/]+-local/.*"))
                    .sorted()
                    .toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            for (Map<String, Object> doc : Yaml.documents(f)) {
                assertThat(doc).as(f + " document").containsKeys("apiVersion", "kind");
                if (Strict.isBuiltIn(doc) && !"delete".equals(doc.get("$patch"))) {
                    Strict.parse(doc, K8S.relativize(f).toString());
                }
            }
        }
        assertThat(k.filesRead).as("files used by base, dev and prod").containsAll(files);
    }

    /** README's "Pending" section names everything the manifests use ahead of the services. */
    @Test
    void readmeListsWhatIsPending() {
        String readme = ServiceConfig.readString(K8S.resolve("README.md"));
        String pending = readme.substring(readme.indexOf("## Pending"));
        PENDING_PROPERTIES
                .values()
                .forEach(ps -> ps.forEach(p -> assertThat(pending).contains("`" + p + "`")));
        PENDING_ENDPOINTS
                .values()
                .forEach(ps -> ps.forEach(p -> assertThat(pending).contains("`" + p)));
        ServiceConfig.FRAMEWORK.keySet().stream()
                .filter(p -> CONFIG.values().stream().anyMatch(c -> !c.hasExtensionFor(p)))
                .forEach(p -> assertThat(pending).contains("`" + p + "`"));
    }

    /** The minimal renderer agrees with kubectl's kustomize, when kubectl is installed. */
    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void rendersLikeKubectlKustomize(String dir) throws Exception {
        assumeTrue(onPath("kubectl"), "kubectl not on the PATH");
        Path out = Files.createTempFile("kustomize", ".yaml");
        try {
            Process p = new ProcessBuilder(
                            "kubectl", "kustomize", K8S.resolve(dir).toString())
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            assumeTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize did not finish");
            assertThat(p.exitValue()).as("kubectl kustomize " + dir).isZero();
            Map<String, Object> theirs = new TreeMap<>();
            Yaml.documents(out).forEach(d -> theirs.put(Kustomize.id(d), Yaml.normalize(d)));
            Map<String, Object> ours = new TreeMap<>();
            new Kustomize().build(K8S.resolve(dir)).forEach(d -> ours.put(Kustomize.id(d), Yaml.normalize(d)));
            assertThat(ours.keySet()).isEqualTo(theirs.keySet());
            ours.forEach((id, doc) -> assertThat(doc).as(dir + " " + id).isEqualTo(theirs.get(id)));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, command))) return true;
        }
        return false;
    }

    private static Path locateRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isDirectory(p.resolve("deploy/k8s")) && Files.isRegularFile(p.resolve("pom.xml"))) return p;
            p = p.getParent();
        }
        throw new UncheckedIOException(
                new IOException("deploy/k8s not found above " + Path.of("").toAbsolutePath()));
    }

    @SuppressWarnings("unused")
    private static List<String> names(List<? extends HasMetadata> l) {
        List<String> out = new ArrayList<>();
        l.forEach(x -> out.add(x.getMetadata().getName()));
        return out;
    }
}
