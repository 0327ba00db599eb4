package io.siplane.sip.parse;

import io.siplane.sip.message.HeaderField;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipMessage;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.StatusCodes;
import io.siplane.sip.message.syntax.SipChars;
import io.siplane.sip.message.syntax.SipParseException;
import io.siplane.sip.message.uri.SipUri;
import io.siplane.sip.message.uri.Uri;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The RFC 3261 §7 / §25 message parser. It never throws on bad input: every outcome is a {@link ParseResult}.
 *
 * <p>One parser serves both framings (RFC 3261 §18.3): a datagram is one message whose body is bounded by
 * Content-Length (extra octets are discarded, a missing Content-Length means "to the end"); a stream message
 * must wait until Content-Length bytes of body have arrived. Header fields keep the received bytes (see
 * {@link HeaderField}); the headers every element needs (Via, From, To, Call-ID, CSeq, Max-Forwards) are
 * parsed and validated here, so a broken one fails the message, while other headers are parsed on use
 * (graded errors, as sofia-sip does).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SipParser {
    /** How the bytes were framed on the wire. */
    public enum Framing {
        DATAGRAM,
        STREAM
    }

    private static final byte[] SIP_2_0 = "SIP/2.0".getBytes(StandardCharsets.US_ASCII);
    private static final HeaderField[] NO_FIELDS = new HeaderField[0];
    /** Reads eight bytes of a {@code byte[]} at once for {@link Run#indexOfLf}; byte order does not matter there. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final SipParserLimits limits;

    public SipParser() {
        this(SipParserLimits.DEFAULTS);
    }

    public SipParser(SipParserLimits limits) {
        this.limits = limits;
    }

    public SipParserLimits limits() {
        return limits;
    }

    /** Parses one datagram. */
    public ParseResult parseDatagram(byte[] buf) {
        return parse(buf, 0, buf.length, Framing.DATAGRAM);
    }

    /**
     * Parses the message at the start of {@code buf[off, off+len)}. The returned message may keep references to
     * {@code buf}: the caller must not modify those bytes afterwards.
     */
    public ParseResult parse(byte[] buf, int off, int len, Framing framing) {
        return new Run(buf, off, off + len, framing).parse();
    }

    /** One parse; holds the cursor so the steps can be small methods. */
    private final class Run {
        final byte[] b;
        final int start;
        final int end;
        final boolean stream;
        int p;
        boolean isRequest;
        SipMethod method;
        HeaderField[] fields = NO_FIELDS;
        int fieldCount;
        /** A start-line error found before the headers were read: headers are still read for the 4xx/5xx. */
        ParseError pendingError;

        String pendingDetail;

        /** Set by {@link #indexOfLf} when it passed a CR that is not followed by LF. */
        boolean bareCr;

        Run(byte[] b, int start, int end, Framing framing) {
            this.b = b;
            this.start = start;
            this.end = end;
            this.stream = framing == Framing.STREAM;
        }

        ParseResult parse() {
            if (!stream && end - start > limits.maxDatagramBytes())
                return fail(ParseError.BODY_TOO_LARGE, "datagram larger than " + limits.maxDatagramBytes(), false);
            p = start;
            // RFC 3261 §7.5: ignore CRLFs before the start line (also RFC 5626 keep-alives on streams).
            while (p < end && (b[p] == '\r' || b[p] == '\n')) p++;
            if (p == end) return stream ? new ParseResult.Incomplete(-1) : fail(ParseError.EMPTY, "empty", false);

            int lf = indexOfLf(p, Math.min(end, p + limits.maxStartLineBytes() + 2));
            if (lf < 0) {
                if (end - p > limits.maxStartLineBytes())
                    return fail(ParseError.START_LINE_TOO_LONG, "start line over " + limits.maxStartLineBytes(), false);
                return stream
                        ? new ParseResult.Incomplete(-1)
                        : fail(ParseError.TRUNCATED_HEADERS, "no line end", false);
            }
            int lineEnd = lf > p && b[lf - 1] == '\r' ? lf - 1 : lf;
            Object startLine = startLine(p, lineEnd);
            if (startLine instanceof ParseResult r) return r;
            p = lf + 1;

            int headerStart = p;
            int bodyStart = -1;
            fields = new HeaderField[16];
            while (bodyStart < 0) {
                if (p - headerStart > limits.maxHeaderBytes())
                    return fail(ParseError.HEADERS_TOO_LARGE, "header section over " + limits.maxHeaderBytes(), false);
                if (p >= end) {
                    if (stream) return new ParseResult.Incomplete(-1);
                    // A datagram that ends right after a complete header line has an empty body; RFC 5118 §4.10
                    // and RFC 4475 §3.1.2.15 archive such messages, and UDP gives the end of the message anyway.
                    bodyStart = end;
                    break;
                }
                byte c = b[p];
                if (c == '\n') {
                    bodyStart = p + 1;
                } else if (c == '\r' && p + 1 < end && b[p + 1] == '\n') {
                    bodyStart = p + 2;
                } else if (c == '\r' && p + 1 == end) {
                    if (stream) return new ParseResult.Incomplete(-1);
                    bodyStart = end;
                } else {
                    ParseResult r = headerLine(headerStart);
                    if (r != null) return r;
                }
            }
            return body(bodyStart, startLine);
        }

        /** Returns a ParseResult on a fatal error, else the parsed start line (Uri, or int status + reason). */
        Object startLine(int from, int to) {
            if (to - from > limits.maxStartLineBytes())
                return fail(ParseError.START_LINE_TOO_LONG, "start line over " + limits.maxStartLineBytes(), false);
            if (to - from >= 4
                    && regionEqualsIgnoreCase(from, "SIP/")
                    && to - from > 4
                    && SipChars.isDigit(b[from + 4])) return statusLine(from, to);
            isRequest = true;
            int sp1 = indexOf((byte) ' ', from, to);
            if (sp1 <= from) return fail(ParseError.MALFORMED_START_LINE, "no method", false);
            method = SipMethod.lookup(b, from, sp1 - from);
            if (method == null) {
                isRequest = false; // not even a method token: not recognisable as a request, drop it
                return fail(ParseError.MALFORMED_START_LINE, "method is not a token", false);
            }
            int sp2 = indexOf((byte) ' ', sp1 + 1, to);
            if (sp2 < 0 || sp2 == sp1 + 1 || indexOf((byte) ' ', sp2 + 1, to) >= 0 || sp2 + 1 == to) {
                // RFC 4475 §3.1.2.8–10: extra, missing or trailing SP; we are strict and answer 400
                pending(ParseError.MALFORMED_START_LINE, "request line is not Method SP Request-URI SP SIP-Version");
                return Boolean.TRUE;
            }
            if (!isSip20(sp2 + 1, to)) {
                pending(versionError(sp2 + 1, to), "unsupported SIP-Version");
                return Boolean.TRUE;
            }
            String uriText = new String(b, sp1 + 1, sp2 - sp1 - 1, StandardCharsets.UTF_8);
            try {
                Uri uri = Uri.parse(uriText);
                // RFC 3261 §19.1.5 / RFC 4475 §3.1.2.11: headers are not allowed in a Request-URI
                if (uri instanceof SipUri s && s.headers() != null) {
                    pending(ParseError.BAD_REQUEST_URI, "Request-URI carries headers");
                    return Boolean.TRUE;
                }
                return uri;
            } catch (SipParseException e) {
                pending(ParseError.BAD_REQUEST_URI, e.getMessage());
                return Boolean.TRUE;
            }
        }

        Object statusLine(int from, int to) {
            isRequest = false;
            int sp1 = indexOf((byte) ' ', from, to);
            if (sp1 < 0 || !isSip20(from, sp1))
                return fail(ParseError.MALFORMED_START_LINE, "bad status line version", false);
            int c = sp1 + 1;
            // RFC 3665 §3.9 prints "SIP/2.0  486": a response cannot be answered with an error, so dropping it
            // would only leave the peer retransmitting; we accept extra SP before the code.
            while (c < to && b[c] == ' ') c++;
            int code = 0, digits = 0;
            while (c < to && SipChars.isDigit(b[c]) && digits < 4) {
                code = code * 10 + (b[c++] - '0');
                digits++;
            }
            if (digits != 3 || code < 100 || code > 699 || (c < to && b[c] != ' '))
                return fail(ParseError.BAD_STATUS_CODE, "status code not in 100-699", false);
            // RFC 4475 §3.1.1.13: the reason phrase may be empty; we also accept a missing SP before it.
            int rs = c < to ? c + 1 : to;
            return new Object[] {code, reason(code, rs, to)};
        }

        String reason(int code, int from, int to) {
            if (StatusCodes.isStandard(code)) {
                String std = StatusCodes.reasonPhrase(code);
                if (std.length() == to - from && regionEquals(from, std))
                    return std; // no allocation for the usual case
            }
            return new String(b, from, to - from, StandardCharsets.UTF_8);
        }

        ParseError versionError(int from, int to) {
            // SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT: a well-formed other version earns 505, garbage 400
            int i = from;
            if (to - from < 7 || !regionEqualsIgnoreCase(from, "SIP/")) return ParseError.MALFORMED_START_LINE;
            i += 4;
            int d1 = i;
            while (i < to && SipChars.isDigit(b[i])) i++;
            if (i == d1 || i >= to || b[i] != '.') return ParseError.MALFORMED_START_LINE;
            int d2 = ++i;
            while (i < to && SipChars.isDigit(b[i])) i++;
            return i == to && i > d2 ? ParseError.VERSION_NOT_SUPPORTED : ParseError.MALFORMED_START_LINE;
        }

        void pending(ParseError e, String detail) {
            if (pendingError == null) {
                pendingError = e;
                pendingDetail = detail;
            }
        }

        /** Reads one (possibly folded) header line at {@code p}; advances {@code p}. Null when fine. */
        ParseResult headerLine(int headerStart) {
            int lineStart = p;
            if (SipChars.isWhitespace(b[p]))
                return fail(ParseError.MALFORMED_HEADER, "continuation line without a header", false);
            int i = p;
            while (i < end && SipChars.isToken(b[i])) i++;
            int nameEnd = i;
            while (i < end && SipChars.isWhitespace(b[i])) i++; // HCOLON = *( SP / HTAB ) ":" SWS
            int lf;
            if (i >= end || b[i] != ':' || nameEnd == lineStart) {
                lf = indexOfLf(i, end);
                if (lf < 0 && stream) return new ParseResult.Incomplete(-1);
                p = lf < 0 ? end : lf + 1;
                pending(ParseError.MALFORMED_HEADER, "header line without a token name and colon");
                return null;
            }
            int colon = i;
            // the logical line runs until a line break not followed by SP/HTAB (RFC 3261 §7.3.1 folding)
            int scanFrom = colon + 1;
            bareCr = false;
            int limit = Math.min(end, headerStart + limits.maxHeaderBytes() + 1);
            while (true) {
                lf = indexOfLf(scanFrom, limit);
                if (lf < 0) {
                    if (limit < end || end - headerStart > limits.maxHeaderBytes())
                        return fail(
                                ParseError.HEADERS_TOO_LARGE, "header section over " + limits.maxHeaderBytes(), false);
                    if (stream) return new ParseResult.Incomplete(-1);
                    lf = end; // a datagram may end without the final line break; the header still counts
                    break;
                }
                if (lf + 1 < end && SipChars.isWhitespace(b[lf + 1])) {
                    scanFrom = lf + 1;
                    continue;
                }
                if (lf + 1 == end && stream) return new ParseResult.Incomplete(-1); // a fold may follow
                break;
            }
            int lineEnd = lf;
            if (lineEnd > lineStart
                    && lineEnd <= end
                    && lineEnd - 1 >= 0
                    && lineEnd < end + 1
                    && lineEnd > colon
                    && b[lineEnd - 1] == '\r') lineEnd--;
            int vs = colon + 1;
            while (vs < lineEnd && (SipChars.isWhitespace(b[vs]) || b[vs] == '\r' || b[vs] == '\n')) vs++;
            int ve = lineEnd;
            while (ve > vs && (SipChars.isWhitespace(b[ve - 1]) || b[ve - 1] == '\r' || b[ve - 1] == '\n')) ve--;
            if (fieldCount == limits.maxHeaderCount())
                return fail(
                        ParseError.TOO_MANY_HEADERS, "more than " + limits.maxHeaderCount() + " header fields", false);
            HeaderName name = HeaderName.lookup(b, lineStart, nameEnd - lineStart);
            if (name == null)
                name = HeaderName.of(new String(b, lineStart, nameEnd - lineStart, StandardCharsets.US_ASCII));
            if (fieldCount == fields.length) fields = Arrays.copyOf(fields, fieldCount * 2);
            // the raw line keeps trailing whitespace out so the value bytes end where the line ends
            // a value without a fold or bare CR has no line break in it, so HeaderField need not look for one
            boolean mayHoldLineBreaks = scanFrom != colon + 1 || bareCr;
            fields[fieldCount++] = HeaderField.fromWire(name, b, lineStart, vs, Math.max(ve, vs), mayHoldLineBreaks);
            p = lf >= end ? end : lf + 1;
            return null;
        }

        ParseResult body(int bodyStart, Object startLine) {
            long contentLength = -1;
            for (int i = 0; i < fieldCount; i++) {
                HeaderField f = fields[i];
                if (f.name() != HeaderName.CONTENT_LENGTH) continue;
                long v = parseContentLength(f.value());
                if (v < 0) return failFraming(ParseError.BAD_CONTENT_LENGTH, "Content-Length is not a number");
                if (contentLength >= 0 && v != contentLength)
                    return failFraming(ParseError.BAD_CONTENT_LENGTH, "conflicting Content-Length values");
                contentLength = v;
            }
            if (contentLength > limits.maxBodyBytes())
                return failFraming(ParseError.BODY_TOO_LARGE, "body over " + limits.maxBodyBytes());
            int available = end - bodyStart;
            int bodyLen;
            if (stream) {
                // RFC 3261 §18.3: Content-Length is mandatory on streams; a missing one is taken as 0.
                bodyLen = contentLength < 0 ? 0 : (int) contentLength;
                if (available < bodyLen) return new ParseResult.Incomplete(bodyStart - start + bodyLen);
            } else if (contentLength < 0) {
                bodyLen = available; // §18.3: over UDP without Content-Length the body runs to the datagram's end
            } else if (contentLength > available) {
                return fail(
                        ParseError.TRUNCATED_BODY,
                        "Content-Length " + contentLength + " over " + available + " bytes available",
                        true);
            } else {
                bodyLen = (int) contentLength; // extra octets after it are discarded (RFC 4475 §3.1.1.8)
            }
            int consumed = stream ? bodyStart - start + bodyLen : end - start;
            if (pendingError != null) return fail(pendingError, pendingDetail, true, consumed);
            byte[] body = bodyLen == 0 ? new byte[0] : Arrays.copyOfRange(b, bodyStart, bodyStart + bodyLen);
            HeaderField[] f = fieldCount == fields.length ? fields : Arrays.copyOf(fields, fieldCount);
            SipMessage msg;
            if (isRequest) msg = SipRequest.fromWire(method, (Uri) startLine, f, body);
            else {
                Object[] status = (Object[]) startLine;
                msg = SipResponse.fromWire((Integer) status[0], (String) status[1], f, body);
            }
            ParseResult invalid = validate(msg, consumed);
            return invalid != null ? invalid : new ParseResult.Parsed(msg, consumed);
        }

        /** Parses the headers no element can do without; graded errors per RFC 4475 §3.1.2 and §3.3. */
        ParseResult validate(SipMessage msg, int consumed) {
            try {
                msg.vias();
            } catch (SipParseException e) {
                return fail(
                        msg.hasHeader(HeaderName.VIA) ? ParseError.INVALID_HEADER : ParseError.MISSING_HEADER,
                        "Via: " + e.getMessage(),
                        true,
                        consumed);
            }
            HeaderName current = null;
            try {
                current = HeaderName.FROM;
                msg.from();
                current = HeaderName.TO;
                msg.to();
                current = HeaderName.CALL_ID;
                msg.callId();
                current = HeaderName.CSEQ;
                msg.cseq();
                current = HeaderName.MAX_FORWARDS;
                msg.maxForwards();
            } catch (SipParseException e) {
                ParseError err = msg.hasHeader(current) ? ParseError.INVALID_HEADER : ParseError.MISSING_HEADER;
                return fail(err, current + ": " + e.getMessage(), true, consumed);
            }
            if (msg instanceof SipRequest r && !r.cseq().method().equals(r.method()))
                return fail(
                        ParseError.CSEQ_METHOD_MISMATCH,
                        "CSeq method " + r.cseq().method() + " differs from " + r.method(),
                        true,
                        consumed);
            return null;
        }

        ParseResult fail(ParseError e, String detail, boolean framingIntact) {
            // a datagram always ends where it ends, whatever went wrong inside it
            boolean intact = framingIntact || !stream;
            return fail(e, detail, intact, intact ? end - start : -1);
        }

        ParseResult failFraming(ParseError e, String detail) {
            // A datagram still ends where it ends; a stream has lost its framing.
            return stream ? fail(e, detail, false, -1) : fail(e, detail, true, end - start);
        }

        ParseResult fail(ParseError e, String detail, boolean framingIntact, int consumed) {
            List<HeaderField> f = List.of(Arrays.copyOf(fields, fieldCount));
            return new ParseResult.Failed(
                    new ParseFailure(e, detail, isRequest, method, f, framingIntact, framingIntact ? consumed : -1));
        }

        /**
         * The first LF in {@code [from, to)}, or -1; sets {@link #bareCr} when it passes a CR not followed by LF.
         * One compare per byte in the usual case: only bytes up to CR (controls, and non-ASCII as signed bytes)
         * are looked at twice.
         */
        int indexOfLf(int from, int to) {
            byte[] b = this.b;
            int i = from;
            // Eight bytes per step while none of them is below 0x0E: header text is mostly printable (RFC 3261
            // §25 TEXT-UTF8 / LWS), and CR and LF are 0x0D / 0x0A. A step that might hold one (or any control
            // byte) ends the fast loop; the byte loop below then decides exactly.
            while (i + 8 <= to && !mayHoldControl((long) LONGS.get(b, i))) i += 8;
            for (; i < to; i++) {
                byte c = b[i];
                if (c <= '\r') {
                    if (c == '\n') return i;
                    if (c == '\r' && (i + 1 >= to || b[i + 1] != '\n')) bareCr = true;
                }
            }
            return -1;
        }

        /**
         * True when some byte of {@code x} may be below 0x0E (never false when one is): the classic
         * "has a byte less than n" test, {@code (x - n * 0x01..01) & ~x & 0x80..80}, with n = 0x0E.
         */
        static boolean mayHoldControl(long x) {
            return ((x - 0x0E0E0E0E0E0E0E0EL) & ~x & 0x8080808080808080L) != 0;
        }

        int indexOf(byte c, int from, int to) {
            for (int i = from; i < to; i++) {
                if (b[i] == c) return i;
            }
            return -1;
        }

        boolean isSip20(int from, int to) {
            if (to - from != SIP_2_0.length) return false;
            for (int i = 0; i < SIP_2_0.length; i++) {
                int c = b[from + i];
                if (c >= 'a' && c <= 'z') c -= 32; // RFC 3261 §7.1: SIP-Version is case-insensitive
                if (c != SIP_2_0[i]) return false;
            }
            return true;
        }

        boolean regionEquals(int from, String s) {
            for (int i = 0; i < s.length(); i++) {
                if (b[from + i] != s.charAt(i)) return false;
            }
            return true;
        }

        boolean regionEqualsIgnoreCase(int from, String s) {
            if (from + s.length() > end) return false;
            for (int i = 0; i < s.length(); i++) {
                int c = b[from + i];
                if (c >= 'a' && c <= 'z') c -= 32;
                if (c != s.charAt(i)) return false;
            }
            return true;
        }
    }

    /** {@code Content-Length = 1*DIGIT}; -1 for anything else (RFC 4475 §3.1.2.3: never use a bad value). */
    static long parseContentLength(String v) {
        if (v.isEmpty() || v.length() > 10) return -1;
        long n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
