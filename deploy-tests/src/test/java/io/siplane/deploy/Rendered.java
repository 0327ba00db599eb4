package io.siplane.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One rendered kustomization: the raw documents, the built-in ones parsed strictly, and lookups. */
final class Rendered {

    final String name;
    final List<Map<String, Object>> raw;
    final List<HasMetadata> typed = new ArrayList<>();
    final List<Map<String, Object>> custom = new ArrayList<>();

    Rendered(String name, List<Map<String, Object>> raw) {
        this.name = name;
        this.raw = raw;
        for (Map<String, Object> r : raw) {
            if (Strict.isBuiltIn(r)) typed.add(Strict.parse(r, name));
            else custom.add(r);
        }
    }

    static Rendered of(Path k8s, String dir, Kustomize kustomize) {
        return new Rendered(dir, kustomize.build(k8s.resolve(dir)));
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return typed.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream()
                .filter(r -> r.getMetadata().getName().equals(name))
                .findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name)
                .orElseThrow(() -> new AssertionError(this.name + ": no " + type.getSimpleName() + " " + name));
    }

    List<Map<String, Object>> custom(String kind) {
        return custom.stream().filter(r -> kind.equals(r.get("kind"))).toList();
    }

    Map<String, String> configMapData(String name) {
        ConfigMap cm = get(ConfigMap.class, name);
        return cm.getData() == null ? Map.of() : cm.getData();
    }

    Map<String, String> secretData(String name) {
        Secret s = get(Secret.class, name);
        Map<String, String> out = new LinkedHashMap<>();
        if (s.getStringData() != null) out.putAll(s.getStringData());
        if (s.getData() != null) {
            s.getData()
                    .forEach((k, v) ->
                            out.put(k, new String(java.util.Base64.getDecoder().decode(v))));
        }
        return out;
    }

    /** Workloads (Deployments and StatefulSets) by name. */
    Map<String, HasMetadata> workloads() {
        Map<String, HasMetadata> m = new LinkedHashMap<>();
        all(Deployment.class).forEach(d -> m.put(d.getMetadata().getName(), d));
        all(StatefulSet.class).forEach(s -> m.put(s.getMetadata().getName(), s));
        return m;
    }

    static PodTemplateSpec template(HasMetadata workload) {
        if (workload instanceof Deployment d) return d.getSpec().getTemplate();
        if (workload instanceof StatefulSet s) return s.getSpec().getTemplate();
        throw new IllegalArgumentException(workload.getKind());
    }

    static int replicas(HasMetadata workload) {
        Integer r = workload instanceof Deployment d
                ? d.getSpec().getReplicas()
                : ((StatefulSet) workload).getSpec().getReplicas();
        return r == null ? 1 : r;
    }

    static Container container(HasMetadata workload, String name) {
        return template(workload).getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(workload.getMetadata().getName() + ": no container " + name));
    }

    /** Workloads whose pod labels a label map selects. */
    List<HasMetadata> selected(Map<String, String> selector) {
        if (selector == null || selector.isEmpty()) return List.of();
        return workloads().values().stream()
                .filter(w -> {
                    Map<String, String> labels = template(w).getMetadata().getLabels();
                    return labels != null && labels.entrySet().containsAll(selector.entrySet());
                })
                .toList();
    }

    List<HasMetadata> selected(LabelSelector selector) {
        if (selector.getMatchExpressions() != null
                && !selector.getMatchExpressions().isEmpty())
            throw new AssertionError(name + ": matchExpressions are not checked; use matchLabels");
        return selected(selector.getMatchLabels());
    }

    /** The Service a cluster DNS name ({@code name.namespace.svc[.cluster.local]}) names. */
    Service serviceForHost(String host) {
        String[] parts = host.split("\\.");
        if (parts.length < 3 || !parts[2].equals("svc") || !(parts.length == 3 || host.endsWith(".svc.cluster.local")))
            throw new AssertionError(name + ": " + host + " is not a Service DNS name");
        Service s = get(Service.class, parts[0]);
        if (!s.getMetadata().getNamespace().equals(parts[1]))
            throw new AssertionError(name + ": " + host + " names namespace " + parts[1]);
        return s;
    }
}
