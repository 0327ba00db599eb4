package io.siplane.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one service can be configured with, read from its sources: the keys of
 * {@code src/main/resources/application.properties} (profile keys count as names, only unprofiled values as
 * values) and the properties of its {@code @ConfigMapping} interface with their {@code @WithDefault} values. The
 * interface is read with regular expressions: nested interfaces become groups, methods become kebab-case properties,
 * {@code @WithName} renames, a {@code Map} return type is a map property (any sub-key).
 */
final class ServiceConfig {

    /** Quarkus properties the manifests may set, beyond those in the sources (the extension must be present). */
    static final Map<String, String> FRAMEWORK = Map.of(
            "quarkus.http.port", "quarkus-vertx-http",
            "quarkus.otel.exporter.otlp.endpoint", "quarkus-opentelemetry",
            "quarkus.otel.resource.attributes", "quarkus-opentelemetry");

    final String module;
    /** Property name → default value (null when none). */
    final Map<String, String> properties = new LinkedHashMap<>();
    /** Prefixes of map properties: any {@code prefix.key} exists. */
    final Set<String> mapPrefixes = new LinkedHashSet<>();

    final String pom;

    private ServiceConfig(String module, String pom) {
        this.module = module;
        this.pom = pom;
    }

    static ServiceConfig read(Path root, String module, String configInterface) {
        Path dir = root.resolve(module);
        ServiceConfig c = new ServiceConfig(module, readString(dir.resolve("pom.xml")));
        Path source = dir.resolve("src/main/java").resolve(configInterface.replace('.', '/') + ".java");
        c.readConfigMapping(readString(source), source);
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve("src/main/resources/application.properties"))) {
            props.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith("%")) {
                c.properties.putIfAbsent(key.substring(key.indexOf('.') + 1), null);
            } else {
                c.properties.put(key, props.getProperty(key));
            }
        }
        return c;
    }

    /** The property an environment variable sets (SmallRye: non-alphanumerics as '_', upper case), if any. */
    Optional<String> propertyOf(String env) {
        for (String p : properties.keySet()) {
            if (toEnv(p).equals(env)) return Optional.of(p);
        }
        for (String p : mapPrefixes) {
            if (env.startsWith(toEnv(p) + "_")) return Optional.of(p + ".*");
        }
        for (String p : FRAMEWORK.keySet()) {
            if (toEnv(p).equals(env)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** Whether the extension a framework property needs is a dependency of the service. */
    boolean hasExtensionFor(String property) {
        String ext = FRAMEWORK.get(property);
        return ext == null || ext.equals("quarkus-vertx-http") || pom.contains("<artifactId>" + ext + "</artifactId>");
    }

    static String toEnv(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    // ---- @ConfigMapping source ----

    private static final Pattern PREFIX = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)[^{]*\\{");
    private static final Pattern METHOD =
            Pattern.compile("((?:@\\w+(?:\\((?:[^()\"]|\"(?:[^\"\\\\]|\\\\.)*\")*\\))?\\s+)*)"
                    + "([\\w.]+(?:<[^;(){}]*>)?)\\s+(\\w+)\\(\\)\\s*;");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\(\\s*\"([^\"]*)\"\\s*\\)");
    private static final Pattern WITH_DEFAULT = Pattern.compile("@WithDefault\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\)");

    private void readConfigMapping(String source, Path where) {
        String code = source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)^\\s*//.*$", " ");
        Matcher pm = PREFIX.matcher(code);
        if (!pm.find()) throw new AssertionError(where + ": no @ConfigMapping(prefix = ...)");
        Map<String, String> bodies = new LinkedHashMap<>();
        Matcher im = INTERFACE.matcher(code);
        String top = null;
        while (im.find()) {
            int open = im.end() - 1;
            bodies.put(im.group(1), code.substring(open + 1, matchingBrace(code, open)));
            if (top == null) top = im.group(1);
        }
        if (top == null) throw new AssertionError(where + ": no interface");
        readGroup(top, pm.group(1), bodies, where);
        if (properties.isEmpty()) throw new AssertionError(where + ": no property found");
    }

    private void readGroup(String name, String prefix, Map<String, String> bodies, Path where) {
        String body = withoutNestedBlocks(bodies.get(name));
        Matcher m = METHOD.matcher(body);
        while (m.find()) {
            String annotations = m.group(1);
            String type = m.group(2);
            String rawType = type.replaceAll("<.*", "");
            Matcher wn = WITH_NAME.matcher(annotations);
            String prop = prefix + "." + (wn.find() ? wn.group(1) : kebab(m.group(3)));
            if (bodies.containsKey(rawType)) {
                readGroup(rawType, prop, bodies, where);
            } else if (rawType.equals("Map")) {
                mapPrefixes.add(prop);
            } else {
                Matcher wd = WITH_DEFAULT.matcher(annotations);
                properties.put(prop, wd.find() ? wd.group(1) : null);
            }
        }
    }

    private static String withoutNestedBlocks(String body) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (char ch : body.toCharArray()) {
            if (ch == '{') depth++;
            if (depth == 0) out.append(ch);
            if (ch == '}') depth--;
        }
        return out.toString();
    }

    private static int matchingBrace(String s, int open) {
        Deque<Integer> stack = new ArrayDeque<>();
        for (int i = open; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '{') stack.push(i);
            else if (ch == '}') {
                stack.pop();
                if (stack.isEmpty()) return i;
            }
        }
        throw new AssertionError("unbalanced braces");
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
