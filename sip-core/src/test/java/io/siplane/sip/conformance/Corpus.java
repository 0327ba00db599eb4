package io.siplane.sip.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.siplane.sip.message.HeaderField;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipMessage;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.parse.ParseFailure;
import io.siplane.sip.parse.ParseResult;
import io.siplane.sip.parse.SipParser;
import io.siplane.sip.parse.SipParser.Framing;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Loads corpus files from {@code src/test/resources/corpus} and parses them with the shared assertions. */
final class Corpus {
    static final SipParser PARSER = new SipParser();

    private Corpus() {}

    /** The bytes of {@code corpus/<path>}, exactly as stored. */
    static byte[] bytes(String path) {
        try (InputStream in = Corpus.class.getResourceAsStream("/corpus/" + path)) {
            if (in == null) throw new IllegalArgumentException("no corpus file " + path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Every bare LF becomes CRLF; existing CRLFs stay as they are. */
    static byte[] lfToCrlf(byte[] in) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(in.length + 64);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\n' && (i == 0 || in[i - 1] != '\r')) out.write('\r');
            out.write(in[i]);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Index of the first byte of the body (after the CRLFCRLF that ends the header section), or -1. */
    static int bodyStart(byte[] b) {
        for (int i = 0; i + 3 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') return i + 4;
        }
        return -1;
    }

    /**
     * A copy of a CRLF message whose {@code Content-Length} header (long form, exactly one) is replaced by the
     * length of the bytes after the empty line. For corpus files whose printed Content-Length is known to be
     * wrong.
     */
    static byte[] withCorrectContentLength(byte[] b) {
        int bodyStart = bodyStart(b);
        if (bodyStart < 0) throw new IllegalArgumentException("no empty line");
        String head = new String(b, 0, bodyStart, StandardCharsets.ISO_8859_1);
        String fixed = head.replaceFirst(
                "\nContent-Length: *\\d+\r\n", "\nContent-Length: " + (b.length - bodyStart) + "\r\n");
        if (fixed.equals(head)) throw new IllegalArgumentException("no Content-Length to fix");
        return concat(
                fixed.getBytes(StandardCharsets.ISO_8859_1), java.util.Arrays.copyOfRange(b, bodyStart, b.length));
    }

    static ParseResult parse(byte[] b, Framing framing) {
        return PARSER.parse(b, 0, b.length, framing);
    }

    /** Parses {@code b} with {@code framing} and asserts a message came out. */
    static SipMessage parsed(byte[] b, Framing framing) {
        ParseResult r = parse(b, framing);
        assertThat(r).as("parse result (%s)", describe(r)).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) r).message();
    }

    static SipMessage parsedDatagram(byte[] b) {
        return parsed(b, Framing.DATAGRAM);
    }

    /** Parses {@code b} with {@code framing} and asserts it failed. */
    static ParseFailure failed(byte[] b, Framing framing) {
        ParseResult r = parse(b, framing);
        assertThat(r).as("parse result (%s)", describe(r)).isInstanceOf(ParseResult.Failed.class);
        return ((ParseResult.Failed) r).failure();
    }

    static ParseFailure failedDatagram(byte[] b) {
        return failed(b, Framing.DATAGRAM);
    }

    static String describe(ParseResult r) {
        if (r instanceof ParseResult.Failed f)
            return f.failure().error() + ": " + f.failure().detail();
        if (r instanceof ParseResult.Parsed p) return "parsed " + p.message().startLine();
        return r.toString();
    }

    /**
     * RFC 3261 §8.2.6: the stateless answer carries {@code status}, the Via fields exactly as received, the
     * Call-ID as received and a To with a tag.
     */
    static SipResponse assertAnswer(ParseFailure f, int status) {
        assertThat(f.responseStatus()).as("responseStatus").isEqualTo(status);
        SipResponse resp = f.errorResponse().orElseThrow(() -> new AssertionError("no error response"));
        assertThat(resp.status()).isEqualTo(status);
        assertThat(resp.headerValues(HeaderName.VIA)).isEqualTo(values(f.headers(), HeaderName.VIA));
        assertThat(resp.headerValues(HeaderName.CALL_ID)).isEqualTo(values(f.headers(), HeaderName.CALL_ID));
        assertThat(resp.header(HeaderName.TO)).as("To of the answer").contains(";tag=");
        return resp;
    }

    /** The failure is to be dropped silently: no status, no answer (RFC 3261 §16.7, §17.2.3). */
    static void assertDropped(ParseFailure f) {
        assertThat(f.responseStatus()).isZero();
        assertThat(f.errorResponse()).isEmpty();
    }

    static List<String> values(List<HeaderField> fields, HeaderName name) {
        return fields.stream()
                .filter(h -> h.name().equals(name))
                .map(HeaderField::value)
                .toList();
    }
}
