package io.siplane.sip.message.syntax;

import java.util.Arrays;
import java.util.Locale;

/**
 * An ordered, immutable list of {@code ;name[=value]} parameters (RFC 3261 §25.1 {@code generic-param},
 * {@code uri-parameter}). Names compare case-insensitively (§7.3.1, §19.1.4); values are kept exactly as
 * written, quotes included, so that a forwarded message carries them unchanged. A flag parameter (no
 * {@code =}) has a {@code null} value.
 */
public final class Parameters {
    public static final Parameters EMPTY = new Parameters(new String[0]);

    /** name0, value0, name1, value1, … */
    private final String[] pairs;

    private Parameters(String[] pairs) {
        this.pairs = pairs;
    }

    /** Builds from alternating names and values; for tests and literals. */
    public static Parameters of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) throw new IllegalArgumentException("names and values must pair up");
        return namesAndValues.length == 0 ? EMPTY : new Parameters(namesAndValues.clone());
    }

    static Parameters ofPairs(String[] pairs, int count) {
        return count == 0 ? EMPTY : new Parameters(Arrays.copyOf(pairs, count));
    }

    /** Takes {@code pairs} over when it is exactly full (the caller gives it up), else copies. */
    private static Parameters handOver(String[] pairs, int count) {
        return count == pairs.length ? new Parameters(pairs) : ofPairs(pairs, count);
    }

    public int size() {
        return pairs.length / 2;
    }

    public boolean isEmpty() {
        return pairs.length == 0;
    }

    public String name(int i) {
        return pairs[2 * i];
    }

    /** The value as written ({@code null} for a flag). */
    public String value(int i) {
        return pairs[2 * i + 1];
    }

    private int indexOf(String name) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (nameMatches(pairs[i], name)) return i;
        }
        return -1;
    }

    /** RFC 3261 §19.1.4 / RFC 4475 §3.1.1.3: an escaped name ({@code %6C%72}) equals its unescaped form. */
    private static boolean nameMatches(String stored, String wanted) {
        return stored.equalsIgnoreCase(wanted)
                || stored.indexOf('%') >= 0 && PercentEncoding.decode(stored).equalsIgnoreCase(wanted);
    }

    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    /** The value as written, or {@code null} when absent or a flag. */
    public String get(String name) {
        int i = indexOf(name);
        return i < 0 ? null : pairs[i + 1];
    }

    /** The value with surrounding quotes and quoted-pair escapes removed (RFC 3261 §25.1 quoted-string). */
    public String unquoted(String name) {
        String v = get(name);
        return v == null ? null : Quoting.unquote(v);
    }

    /** A copy with {@code name} set to {@code value} (replacing the first of that name, or appended). */
    public Parameters with(String name, String value) {
        int i = indexOf(name);
        String[] copy;
        if (i >= 0) {
            copy = pairs.clone();
            copy[i + 1] = value;
        } else {
            copy = Arrays.copyOf(pairs, pairs.length + 2);
            copy[pairs.length] = name;
            copy[pairs.length + 1] = value;
        }
        return new Parameters(copy);
    }

    /** A copy without any parameter named {@code name}. */
    public Parameters without(String name) {
        if (indexOf(name) < 0) return this;
        String[] copy = new String[pairs.length];
        int n = 0;
        for (int i = 0; i < pairs.length; i += 2) {
            if (!nameMatches(pairs[i], name)) {
                copy[n++] = pairs[i];
                copy[n++] = pairs[i + 1];
            }
        }
        return ofPairs(copy, n);
    }

    /** Appends {@code ;name=value…} as written. */
    public StringBuilder appendTo(StringBuilder sb) {
        for (int i = 0; i < pairs.length; i += 2) {
            sb.append(';').append(pairs[i]);
            if (pairs[i + 1] != null) sb.append('=').append(pairs[i + 1]);
        }
        return sb;
    }

    /** Parameter-list equality with case-insensitive names and values compared as given by {@code ci}. */
    public boolean sameAs(Parameters o) {
        if (size() != o.size()) return false;
        for (int i = 0; i < pairs.length; i += 2) {
            int j = o.indexOf(pairs[i]);
            if (j < 0) return false;
            String a = pairs[i + 1], b = o.pairs[j + 1];
            if (a == null ? b != null : b == null || !a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT)))
                return false;
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters p && sameAs(p);
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < pairs.length; i += 2)
            h += pairs[i].toLowerCase(Locale.ROOT).hashCode();
        return h;
    }

    @Override
    public String toString() {
        return appendTo(new StringBuilder()).toString();
    }

    /** Accumulates parameters while parsing. */
    public static final class Builder {
        // sized for the usual single parameter (a Via branch, a tag, lr); grows by doubling
        private String[] pairs = new String[2];
        private int n;
        /** True once build() handed {@code pairs} to a Parameters: copy before writing again. */
        private boolean shared;

        public Builder add(String name, String value) {
            if (n == pairs.length) pairs = Arrays.copyOf(pairs, n * 2);
            else if (shared) pairs = pairs.clone();
            shared = false;
            pairs[n++] = name;
            pairs[n++] = value;
            return this;
        }

        public Parameters build() {
            shared = n == pairs.length;
            return handOver(pairs, n);
        }
    }
}
