package io.siplane.sip.sdp;

import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link SessionDescription} as SDP text: one line per field, each ended by CRLF (RFC 8866 §5), in the order
 * RFC 8866 §5 fixes. The parser enforces the same order, so for well-formed input with CRLF line endings
 * {@code serialize(parse(x))} is {@code x}, byte for byte.
 */
public final class SdpSerializer {
    private static final String CRLF = "\r\n";

    private SdpSerializer() {}

    public static String serialize(SessionDescription sdp) {
        StringBuilder out = new StringBuilder(256 + 256 * sdp.media().size());
        line(out, 'v', Integer.toString(sdp.version()));
        line(out, 'o', sdp.origin().toString());
        line(out, 's', sdp.sessionName());
        sdp.information().ifPresent(v -> line(out, 'i', v));
        sdp.uri().ifPresent(v -> line(out, 'u', v));
        sdp.emails().forEach(v -> line(out, 'e', v));
        sdp.phones().forEach(v -> line(out, 'p', v));
        sdp.connection().ifPresent(c -> line(out, 'c', c.toString()));
        sdp.bandwidths().forEach(b -> line(out, 'b', b.toString()));
        for (Timing t : sdp.timings()) {
            line(out, 't', t.startTime() + " " + t.stopTime());
            t.repeatTimes().forEach(r -> line(out, 'r', r));
            t.zoneAdjustments().ifPresent(z -> line(out, 'z', z));
        }
        sdp.key().ifPresent(v -> line(out, 'k', v));
        sdp.attributes().forEach(a -> line(out, 'a', a.toString()));
        sdp.media().forEach(m -> writeMedia(m, out));
        return out.toString();
    }

    /** The SDP as UTF-8, the charset RFC 8866 §5 assumes when there is no {@code a=charset}. */
    public static byte[] encode(SessionDescription sdp) {
        return serialize(sdp).getBytes(StandardCharsets.UTF_8);
    }

    static void writeMedia(MediaDescription m, StringBuilder out) {
        out.append("m=").append(m.media()).append(' ').append(m.port());
        m.portCount().ifPresent(n -> out.append('/').append(n));
        out.append(' ').append(m.protocol());
        m.formats().forEach(f -> out.append(' ').append(f));
        out.append(CRLF);
        m.information().ifPresent(v -> line(out, 'i', v));
        m.connections().forEach(c -> line(out, 'c', c.toString()));
        m.bandwidths().forEach(b -> line(out, 'b', b.toString()));
        m.key().ifPresent(v -> line(out, 'k', v));
        m.attributes().forEach(a -> line(out, 'a', a.toString()));
    }

    private static void line(StringBuilder out, char type, String value) {
        out.append(type).append('=').append(value).append(CRLF);
    }
}
