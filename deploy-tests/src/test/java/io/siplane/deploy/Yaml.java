package io.siplane.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Multi-document YAML as plain maps, and the small map helpers the manifest checks use. */
final class Yaml {

    /** Fails on unknown properties (fabric8 types absorb them in additionalProperties; see {@link Strict}). */
    static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private Yaml() {}

    /** Every non-empty document of a file, in order. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(Path file) {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (MappingIterator<Object> it = MAPPER.readerFor(Object.class).readValues(file.toFile())) {
            while (it.hasNextValue()) {
                Object doc = it.nextValue();
                if (doc == null) continue;
                if (!(doc instanceof Map)) throw new AssertionError(file + ": a document is not a map: " + doc);
                docs.add((Map<String, Object>) doc);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file + ": " + e.getMessage(), e);
        }
        return docs;
    }

    /** The one document of a file. */
    static Map<String, Object> document(Path file) {
        List<Map<String, Object>> docs = documents(file);
        if (docs.size() != 1) throw new AssertionError(file + ": expected one document, found " + docs.size());
        return docs.get(0);
    }

    /** The value at a dotted path of map keys, or null. */
    @SuppressWarnings("unchecked")
    static <T> T at(Map<String, Object> map, String path) {
        Object cur = map;
        for (String key : path.split("\\.")) {
            if (!(cur instanceof Map)) return null;
            cur = ((Map<String, Object>) cur).get(key);
        }
        return (T) cur;
    }

    static String str(Map<String, Object> map, String path) {
        Object v = at(map, path);
        return v == null ? null : v.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> map, String path) {
        Object v = at(map, path);
        return v instanceof Map ? (Map<String, Object>) v : Map.of();
    }

    /** A deep copy, so that patches never change what another overlay reads. */
    @SuppressWarnings("unchecked")
    static <T> T copy(T value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put((String) k, copy(v)));
            return (T) out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(copy(v)));
            return (T) out;
        }
        return value;
    }

    /** Numbers as BigDecimal (Integer vs Long vs Double do not matter when comparing documents). */
    static Object normalize(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put((String) k, normalize(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(normalize(v)));
            return out;
        }
        if (value instanceof Number n) return new BigDecimal(n.toString()).stripTrailingZeros();
        return value;
    }
}
