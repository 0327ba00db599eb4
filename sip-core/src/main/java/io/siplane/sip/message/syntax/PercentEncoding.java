package io.siplane.sip.message.syntax;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The {@code escaped = "%" HEXDIG HEXDIG} rule of RFC 3261 §25.1. */
public final class PercentEncoding {
    private PercentEncoding() {}

    /**
     * Decodes %HH escapes. RFC 3261 §19.1.4: escaped and unescaped forms are equivalent when comparing.
     * A {@code %} not followed by two hex digits is kept literally (RFC 4475 §3.1.1.3: % is not an escape
     * where the grammar has no {@code escaped}). {@code %00} decodes to NUL and does not shorten the string
     * (RFC 4475 §3.1.1.4).
     */
    public static String decode(String s) {
        int pct = s.indexOf('%');
        if (pct < 0) return s;
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '%' && i + 2 < in.length && SipChars.isHexDigit(in[i + 1]) && SipChars.isHexDigit(in[i + 2])) {
                out.write(Character.digit(in[i + 1], 16) << 4 | Character.digit(in[i + 2], 16));
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Escapes every character outside {@code allowed} (and every non-ASCII byte) as %HH. */
    public static String encode(String s, java.util.function.IntPredicate allowed) {
        StringBuilder sb = null;
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean ok = b < 128 && allowed.test(b);
            if (!ok && sb == null) {
                sb = new StringBuilder(bytes.length + 8);
                sb.append(new String(bytes, 0, i, StandardCharsets.UTF_8));
            }
            if (sb != null) {
                if (ok) sb.append((char) b);
                else
                    sb.append('%')
                            .append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return sb == null ? s : sb.toString();
    }
}
