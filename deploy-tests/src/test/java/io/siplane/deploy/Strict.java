package io.siplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;

/**
 * Strict parsing of the built-in kinds into the fabric8 kubernetes-model. Jackson fails on unknown properties, but
 * fabric8 types collect unknown fields in {@code additionalProperties} instead of failing, so every parsed object
 * graph is also walked and any non-empty {@code additionalProperties} is a failure; finally the object is written
 * back and must equal the input (no field dropped or coerced: {@code replicas: "2"} or {@code cpu: 1} would differ).
 */
final class Strict {

    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

    private Strict() {}

    static boolean isBuiltIn(Map<String, Object> res) {
        return KINDS.containsKey(res.get("apiVersion") + "/" + res.get("kind"));
    }

    /** The resource as its fabric8 type; fails on any unknown, misplaced or coerced field. */
    static HasMetadata parse(Map<String, Object> res, String where) {
        Class<? extends HasMetadata> type = KINDS.get(res.get("apiVersion") + "/" + res.get("kind"));
        if (type == null) throw new AssertionError(where + ": not a known built-in kind: " + Kustomize.id(res));
        HasMetadata parsed;
        try {
            parsed = Yaml.MAPPER.convertValue(res, type);
        } catch (IllegalArgumentException e) {
            throw new AssertionError(where + ": " + Kustomize.id(res) + " does not parse: " + e.getMessage(), e);
        }
        noAdditionalProperties(parsed, where + " " + Kustomize.id(res));
        Object back = Yaml.normalize(Yaml.MAPPER.convertValue(parsed, Map.class));
        assertThat(back)
                .as("%s %s written back from %s", where, Kustomize.id(res), type.getSimpleName())
                .isEqualTo(Yaml.normalize(res));
        return parsed;
    }

    private static void noAdditionalProperties(Object o, String path) {
        if (o == null) return;
        if (o instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) noAdditionalProperties(l.get(i), path + "[" + i + "]");
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> noAdditionalProperties(v, path + "." + k));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) return;
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers())) continue;
            if (!m.getName().startsWith("get") || m.getDeclaringClass() == Object.class) continue;
            Object v;
            try {
                v = m.invoke(o);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (m.getName().equals("getAdditionalProperties")) {
                if (v instanceof Map<?, ?> extra && !extra.isEmpty())
                    throw new AssertionError(path + ": unknown field(s) " + extra.keySet() + " in "
                            + o.getClass().getSimpleName());
                continue;
            }
            noAdditionalProperties(v, path + "." + m.getName().substring(3));
        }
    }
}
