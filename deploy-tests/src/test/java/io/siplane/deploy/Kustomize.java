package io.siplane.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A minimal Kustomize: the subset deploy/k8s uses, so that the overlays render in the build without kubectl.
 *
 * <p>Supported kustomization fields: {@code apiVersion}, {@code kind}, {@code resources} (YAML files or directories
 * holding a kustomization.yaml) and {@code patches} with only a {@code path} to a strategic-merge patch (one or more
 * documents, each naming its target by apiVersion, kind, metadata.name and metadata.namespace). Anything else fails,
 * so a kustomization never silently means more than this renders.
 *
 * <p>Strategic merge: maps merge key by key, a null value removes a key, a top-level {@code $patch: delete} removes
 * the resource. Lists of built-in kinds merge by their Kubernetes merge key for {@code containers},
 * {@code initContainers}, {@code env}, {@code volumes} (name) and {@code volumeMounts} (mountPath); other lists are
 * replaced, and a patch that touches a {@code ports} list is refused (Kubernetes merges container ports by
 * containerPort alone, which cannot tell UDP 5060 from TCP 5060). Custom resources (Strimzi) merge like a JSON merge
 * patch: maps merged, lists replaced. These are kustomize's own rules for these cases; the test compares with
 * {@code kubectl kustomize} when kubectl is on the PATH.
 */
final class Kustomize {

    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "resources", "patches");
    private static final Set<String> BUILT_IN_API_VERSIONS =
            Set.of("v1", "apps/v1", "policy/v1", "autoscaling/v2", "networking.k8s.io/v1");
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name",
            "initContainers", "name",
            "env", "name",
            "volumes", "name",
            "volumeMounts", "mountPath");

    /** Every file a build read: kustomizations, resources and patches. */
    final Set<Path> filesRead = new LinkedHashSet<>();

    /** The resources of the kustomization in {@code dir}, patched. */
    List<Map<String, Object>> build(Path dir) {
        Path kfile = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(kfile)) throw new AssertionError("no kustomization.yaml in " + dir);
        filesRead.add(kfile.normalize());
        Map<String, Object> k = Yaml.document(kfile);
        for (String field : k.keySet()) {
            if (!FIELDS.contains(field))
                throw new AssertionError(kfile + ": field '" + field + "' is outside the supported subset " + FIELDS);
        }
        if (!"Kustomization".equals(k.get("kind"))) throw new AssertionError(kfile + ": kind is not Kustomization");

        List<Map<String, Object>> out = new ArrayList<>();
        for (Object r : list(k.get("resources"), kfile)) {
            Path p = dir.resolve((String) r).normalize();
            if (Files.isDirectory(p)) {
                out.addAll(build(p));
            } else {
                filesRead.add(p);
                for (Map<String, Object> doc : Yaml.documents(p)) add(out, Yaml.copy(doc), p);
            }
        }
        for (Object patch : list(k.get("patches"), kfile)) {
            if (!(patch instanceof Map<?, ?> pm) || !pm.keySet().equals(Set.of("path")))
                throw new AssertionError(kfile + ": only patches with a path are supported: " + patch);
            Path p = dir.resolve((String) pm.get("path")).normalize();
            filesRead.add(p);
            for (Map<String, Object> doc : Yaml.documents(p)) apply(out, doc, p);
        }
        return out;
    }

    static String id(Map<String, Object> res) {
        return res.get("kind") + "/" + Objects.requireNonNullElse(Yaml.str(res, "metadata.namespace"), "") + "/"
                + Yaml.str(res, "metadata.name");
    }

    private static String group(Object apiVersion) {
        String v = String.valueOf(apiVersion);
        int slash = v.indexOf('/');
        return slash < 0 ? "" : v.substring(0, slash);
    }

    private static void add(List<Map<String, Object>> out, Map<String, Object> res, Path from) {
        for (Map<String, Object> r : out) {
            if (id(r).equals(id(res))) throw new AssertionError(from + ": " + id(res) + " is defined twice");
        }
        out.add(res);
    }

    private static void apply(List<Map<String, Object>> resources, Map<String, Object> patch, Path from) {
        String id = id(patch);
        Iterator<Map<String, Object>> it = resources.iterator();
        while (it.hasNext()) {
            Map<String, Object> target = it.next();
            if (!id(target).equals(id) || !group(target.get("apiVersion")).equals(group(patch.get("apiVersion"))))
                continue;
            if ("delete".equals(patch.get("$patch"))) {
                if (patch.keySet().stream().anyMatch(key -> !Set.of("apiVersion", "kind", "metadata", "$patch")
                        .contains(key)))
                    throw new AssertionError(from + ": a delete patch of " + id + " carries other fields");
                it.remove();
                return;
            }
            boolean builtIn = BUILT_IN_API_VERSIONS.contains(String.valueOf(target.get("apiVersion")));
            merge(target, patch, builtIn, from + " " + id);
            return;
        }
        throw new AssertionError(from + ": patch target " + id + " does not exist");
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> target, Map<String, Object> patch, boolean builtIn, String where) {
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            String key = e.getKey();
            Object pv = e.getValue();
            if (key.startsWith("$")) throw new AssertionError(where + ": directive " + key + " is not supported here");
            if (pv == null) {
                target.remove(key);
                continue;
            }
            Object tv = target.get(key);
            if (pv instanceof Map && tv instanceof Map) {
                merge((Map<String, Object>) tv, (Map<String, Object>) pv, builtIn, where + "." + key);
            } else if (pv instanceof List && builtIn && "ports".equals(key)) {
                throw new AssertionError(where + ": patching a ports list is outside the supported subset");
            } else if (pv instanceof List && tv instanceof List && builtIn && MERGE_KEYS.containsKey(key)) {
                mergeList((List<Object>) tv, (List<Object>) pv, MERGE_KEYS.get(key), where + "." + key);
            } else {
                target.put(key, Yaml.copy(pv));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void mergeList(List<Object> target, List<Object> patch, String mergeKey, String where) {
        for (Object p : patch) {
            Map<String, Object> pm = (Map<String, Object>) p;
            Object key = pm.get(mergeKey);
            if (key == null) throw new AssertionError(where + ": an element lacks its merge key " + mergeKey);
            Map<String, Object> existing = null;
            for (Object t : target) {
                if (key.equals(((Map<String, Object>) t).get(mergeKey))) existing = (Map<String, Object>) t;
            }
            if (existing == null) target.add(Yaml.copy(pm));
            else merge(existing, pm, true, where + "[" + key + "]");
        }
    }

    private static List<?> list(Object value, Path where) {
        if (value == null) return List.of();
        if (!(value instanceof List<?> l)) throw new AssertionError(where + ": expected a list, got " + value);
        return l;
    }

    /** Resources by {@link #id}, for lookups. */
    static Map<String, Map<String, Object>> byId(List<Map<String, Object>> resources) {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        resources.forEach(r -> m.put(id(r), r));
        return m;
    }
}
