package io.siplane.sip.sdp;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Parses SDP (RFC 8866) into a {@link SessionDescription}. It never throws on bad input: every problem is a
 * {@link SdpParseResult.Failure} with an {@link SdpParseError}, the line number and a detail.
 *
 * <p>What it accepts, and why:
 *
 * <ul>
 *   <li>Lines ended by CRLF or by a bare LF (RFC 8866 §5 asks parsers to tolerate lines ended by a single
 *       newline), and a last line with no line end. Empty lines at the very end
 *       are ignored; an empty line between fields is an error.
 *   <li>The order of RFC 8866 §5, strictly: {@code v=}, {@code o=}, {@code s=} first, then
 *       {@code i= u= e=* p=* c= b=*}, one or more {@code t=} (each with its {@code r=*} and {@code z=}), {@code k=},
 *       {@code a=*}, then media descriptions {@code m= i= c=* b=* k= a=*}. The RFC says the lines "MUST appear in
 *       exactly the order given"; the fixed order is also what makes {@code serialize(parse(x)) == x}.
 *   <li>A type letter outside that set fails the whole body: RFC 8866 §5 says a parser "MUST completely ignore or
 *       reject any session description that contains a type letter that it does not understand". Unknown
 *       <em>attributes</em>, on the other hand, are kept in place.
 *   <li>Fields inside {@code o=}, {@code c=}, {@code t=} and {@code m=} may be separated by more than one space (a
 *       common slip in the wild); such input parses but is written back with single spaces.
 *   <li>Text is UTF-8, the default charset of RFC 8866 §5; {@code a=charset} with another charset is not supported.
 *   <li>An empty {@code s=} is accepted, although RFC 8866 §5.3 says it "MUST NOT be empty": many user agents send it,
 *       and refusing the call for it would help no one.
 * </ul>
 *
 * <p>The body's size, line count and number of media descriptions are bounded by {@link SdpLimits}; the size is
 * checked before anything is decoded, the others while scanning.
 */
public final class SdpParser {
    private SdpParser() {}

    /** Parses with {@link SdpLimits#DEFAULT}. */
    public static SdpParseResult parse(String sdp) {
        return parse(sdp, SdpLimits.DEFAULT);
    }

    /** Parses with {@link SdpLimits#DEFAULT}. */
    public static SdpParseResult parse(byte[] sdp) {
        return parse(sdp, SdpLimits.DEFAULT);
    }

    public static SdpParseResult parse(String sdp, SdpLimits limits) {
        Objects.requireNonNull(sdp, "sdp");
        Objects.requireNonNull(limits, "limits");
        if (sdp.isEmpty()) return failure(SdpParseError.EMPTY, 0, "no input");
        long size = utf8Length(sdp, limits.maxBytes());
        if (size > limits.maxBytes()) return tooLarge(limits, "over");
        return parseText(sdp, limits);
    }

    public static SdpParseResult parse(byte[] sdp, SdpLimits limits) {
        Objects.requireNonNull(sdp, "sdp");
        Objects.requireNonNull(limits, "limits");
        if (sdp.length == 0) return failure(SdpParseError.EMPTY, 0, "no input");
        if (sdp.length > limits.maxBytes()) return tooLarge(limits, Integer.toString(sdp.length));
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(sdp);
        CharBuffer out = CharBuffer.allocate(sdp.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) result = decoder.flush(out);
        if (result.isError()) {
            int line = lineOfOffset(sdp, in.position());
            return failure(SdpParseError.NOT_UTF8, line, "invalid UTF-8 at octet " + in.position());
        }
        out.flip();
        return parseText(out.toString(), limits);
    }

    private static SdpParseResult parseText(String text, SdpLimits limits) {
        Run run = new Run(limits);
        int pos = 0;
        int lineNumber = 0;
        try {
            while (pos < text.length()) {
                int newline = text.indexOf('\n', pos);
                int end = newline < 0 ? text.length() : newline;
                lineNumber++;
                // Bounded before the line is handled, so a flood of short lines stops here.
                if (lineNumber > limits.maxLines()) {
                    throw new Malformed(SdpParseError.TOO_MANY_LINES, lineNumber, "over " + limits.maxLines());
                }
                int contentEnd = end > pos && text.charAt(end - 1) == '\r' ? end - 1 : end;
                String line = text.substring(pos, contentEnd);
                pos = newline < 0 ? text.length() : newline + 1;
                if (line.isEmpty()) {
                    if (onlyLineBreaks(text, pos)) break;
                    throw new Malformed(SdpParseError.MALFORMED_LINE, lineNumber, "empty line");
                }
                run.accept(line, lineNumber);
            }
            return new SdpParseResult.Success(run.finish(lineNumber));
        } catch (Malformed e) {
            return failure(e.error, e.lineNumber, e.getMessage());
        }
    }

    /** Where the parser is in RFC 8866 §5's order. */
    private enum State {
        EXPECT_VERSION,
        EXPECT_ORIGIN,
        EXPECT_SESSION_NAME,
        SESSION,
        MEDIA
    }

    /** The state of one parse; accepts one line at a time. */
    private static final class Run {
        private final SdpLimits limits;
        private final SessionDescription.Builder session = SessionDescription.builder();
        private State state = State.EXPECT_VERSION;
        /** Position in the order of the current level (session or media) of the last line seen, and its type. */
        private int lastRank;

        private char lastType;
        private int timingCount;
        private long timingStart;
        private long timingStop;
        private final List<String> repeats = new ArrayList<>();
        private String zone;
        private boolean timingOpen;
        private MediaDescription.Builder media;
        private int mediaCount;

        Run(SdpLimits limits) {
            this.limits = limits;
        }

        void accept(String line, int lineNumber) throws Malformed {
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '\0' || c == '\r') {
                    String which = c == '\0' ? "NUL" : "CR not followed by LF";
                    throw new Malformed(SdpParseError.ILLEGAL_CHARACTER, lineNumber, which + " at column " + (i + 1));
                }
            }
            char type = line.charAt(0);
            if (line.length() < 2 || line.charAt(1) != '=' || type < 'a' || type > 'z') {
                throw new Malformed(SdpParseError.MALFORMED_LINE, lineNumber, "expected <type>=<value>: " + clip(line));
            }
            if (rank(type, false) < 0) {
                throw new Malformed(SdpParseError.UNKNOWN_TYPE, lineNumber, "type letter '" + type + "'");
            }
            String value = line.substring(2);
            try {
                switch (state) {
                    case EXPECT_VERSION -> version(type, value, lineNumber);
                    case EXPECT_ORIGIN -> origin(type, value, lineNumber);
                    case EXPECT_SESSION_NAME -> sessionName(type, value, lineNumber);
                    case SESSION -> sessionLine(type, value, lineNumber);
                    case MEDIA -> mediaLine(type, value, lineNumber);
                }
            } catch (IllegalArgumentException e) {
                // The model's constructors refuse what cannot be written back; say which line held it.
                throw new Malformed(errorFor(type), lineNumber, e.getMessage());
            }
        }

        private void version(char type, String value, int lineNumber) throws Malformed {
            if (type != 'v') throw new Malformed(SdpParseError.MISSING_LINE, lineNumber, "the first line must be v=");
            if (!value.equals("0")) {
                throw new Malformed(SdpParseError.INVALID_VERSION, lineNumber, "v=" + clip(value) + ", expected v=0");
            }
            state = State.EXPECT_ORIGIN;
        }

        private void origin(char type, String value, int lineNumber) throws Malformed {
            if (type != 'o') throw new Malformed(SdpParseError.MISSING_LINE, lineNumber, "o= must follow v=");
            String[] f = fields(value);
            if (f.length != 6) {
                throw new Malformed(SdpParseError.INVALID_ORIGIN, lineNumber, "o= needs 6 fields, found " + f.length);
            }
            if (!SdpText.isDigits(f[1]) || !SdpText.isDigits(f[2])) {
                throw new Malformed(
                        SdpParseError.INVALID_ORIGIN, lineNumber, "sess-id and sess-version must be digits");
            }
            session.origin(new Origin(f[0], f[1], f[2], f[3], f[4], f[5]));
            state = State.EXPECT_SESSION_NAME;
        }

        private void sessionName(char type, String value, int lineNumber) throws Malformed {
            if (type != 's') throw new Malformed(SdpParseError.MISSING_LINE, lineNumber, "s= must follow o=");
            session.sessionName(value);
            state = State.SESSION;
            lastRank = 0;
        }

        private void sessionLine(char type, String value, int lineNumber) throws Malformed {
            if (type == 'm') {
                startMedia(value, lineNumber);
                return;
            }
            int rank = rank(type, false);
            checkOrder(type, rank, lineNumber, "session");
            switch (type) {
                case 'i' -> session.information(value);
                case 'u' -> session.uri(value);
                case 'e' -> session.addEmail(value);
                case 'p' -> session.addPhone(value);
                case 'c' -> session.connection(connection(value, lineNumber));
                case 'b' -> session.addBandwidth(bandwidth(value, lineNumber));
                case 't' -> startTiming(value, lineNumber);
                case 'r' -> repeat(value, lineNumber);
                case 'z' -> zone(value, lineNumber);
                case 'k' -> session.key(value);
                case 'a' -> session.addAttribute(attribute(value, lineNumber));
                default -> throw new Malformed(
                        SdpParseError.OUT_OF_ORDER, lineNumber, type + "= may appear only once, at the start");
            }
            lastRank = rank;
            lastType = type;
        }

        private void mediaLine(char type, String value, int lineNumber) throws Malformed {
            if (type == 'm') {
                session.addMedia(media.build());
                startMedia(value, lineNumber);
                return;
            }
            int rank = rank(type, true);
            if (rank < 0) {
                throw new Malformed(
                        SdpParseError.OUT_OF_ORDER, lineNumber, type + "= is not allowed in a media description");
            }
            checkOrder(type, rank, lineNumber, "media");
            switch (type) {
                case 'i' -> media.information(value);
                case 'c' -> media.addConnection(connection(value, lineNumber));
                case 'b' -> media.addBandwidth(bandwidth(value, lineNumber));
                case 'k' -> media.key(value);
                default -> media.addAttribute(attribute(value, lineNumber));
            }
            lastRank = rank;
            lastType = type;
        }

        /** Refuses a line that comes after one it should precede, or repeats one allowed once at this level. */
        private void checkOrder(char type, int rank, int lineNumber, String level) throws Malformed {
            if (rank < lastRank) {
                throw new Malformed(
                        SdpParseError.OUT_OF_ORDER,
                        lineNumber,
                        type + "= after " + lastType + "= in the " + level + " section (RFC 8866 §5 order)");
            }
            boolean once = type == 'i' || type == 'u' || type == 'k' || (type == 'c' && state == State.SESSION);
            if (once && type == lastType) {
                throw new Malformed(SdpParseError.DUPLICATE_LINE, lineNumber, "second " + type + "= in the " + level);
            }
        }

        private void startTiming(String value, int lineNumber) throws Malformed {
            closeTiming();
            String[] f = fields(value);
            long start = f.length == 2 ? time(f[0]) : -1;
            long stop = f.length == 2 ? time(f[1]) : -1;
            if (start < 0 || stop < 0) {
                throw new Malformed(SdpParseError.INVALID_TIMING, lineNumber, "expected t=<start-time> <stop-time>");
            }
            timingStart = start;
            timingStop = stop;
            timingOpen = true;
        }

        private void repeat(String value, int lineNumber) throws Malformed {
            if (!timingOpen || zone != null) {
                throw new Malformed(SdpParseError.OUT_OF_ORDER, lineNumber, "r= must follow t= or another r=");
            }
            if (value.isBlank()) throw new Malformed(SdpParseError.INVALID_TIMING, lineNumber, "empty r=");
            repeats.add(value);
        }

        private void zone(String value, int lineNumber) throws Malformed {
            if (!timingOpen) throw new Malformed(SdpParseError.OUT_OF_ORDER, lineNumber, "z= must follow t= or r=");
            if (zone != null) throw new Malformed(SdpParseError.DUPLICATE_LINE, lineNumber, "second z=");
            if (value.isBlank()) throw new Malformed(SdpParseError.INVALID_TIMING, lineNumber, "empty z=");
            zone = value;
        }

        private void closeTiming() {
            if (!timingOpen) return;
            session.addTiming(new Timing(timingStart, timingStop, repeats, Optional.ofNullable(zone)));
            timingCount++;
            repeats.clear();
            zone = null;
            timingOpen = false;
        }

        private void startMedia(String value, int lineNumber) throws Malformed {
            closeTiming();
            if (timingCount == 0) {
                throw new Malformed(SdpParseError.MISSING_LINE, lineNumber, "no t= before the first m=");
            }
            if (mediaCount == limits.maxMediaDescriptions()) {
                throw new Malformed(SdpParseError.TOO_MANY_MEDIA, lineNumber, "over " + limits.maxMediaDescriptions());
            }
            media = mediaField(value, lineNumber);
            mediaCount++;
            state = State.MEDIA;
            lastRank = 0;
            lastType = 'm';
        }

        SessionDescription finish(int lineCount) throws Malformed {
            int next = lineCount + 1;
            switch (state) {
                case EXPECT_VERSION -> throw new Malformed(SdpParseError.EMPTY, 0, "only line breaks");
                case EXPECT_ORIGIN -> throw new Malformed(SdpParseError.MISSING_LINE, next, "no o= line");
                case EXPECT_SESSION_NAME -> throw new Malformed(SdpParseError.MISSING_LINE, next, "no s= line");
                case SESSION -> {
                    closeTiming();
                    if (timingCount == 0) throw new Malformed(SdpParseError.MISSING_LINE, next, "no t= line");
                }
                case MEDIA -> session.addMedia(media.build());
            }
            return session.build();
        }
    }

    /**
     * The position of a type letter in RFC 8866 §5's order at session or media level; -1 when the letter is unknown
     * ({@code media == false}) or not allowed in a media description.
     */
    private static int rank(char type, boolean media) {
        if (media) {
            return switch (type) {
                case 'i' -> 1;
                case 'c' -> 2;
                case 'b' -> 3;
                case 'k' -> 4;
                case 'a' -> 5;
                case 'm' -> 6;
                default -> -1;
            };
        }
        // A time description's lines (t, r, z) share one rank; their order within it is checked separately.
        return switch (type) {
            case 'v', 'o', 's' -> 0;
            case 'i' -> 1;
            case 'u' -> 2;
            case 'e' -> 3;
            case 'p' -> 4;
            case 'c' -> 5;
            case 'b' -> 6;
            case 't', 'r', 'z' -> 7;
            case 'k' -> 8;
            case 'a' -> 9;
            case 'm' -> 10;
            default -> -1;
        };
    }

    private static Connection connection(String value, int lineNumber) throws Malformed {
        String[] f = fields(value);
        if (f.length != 3) {
            throw new Malformed(
                    SdpParseError.INVALID_CONNECTION,
                    lineNumber,
                    "c= needs <nettype> <addrtype> <connection-address>, found " + f.length + " fields");
        }
        return new Connection(f[0], f[1], f[2]);
    }

    private static Bandwidth bandwidth(String value, int lineNumber) throws Malformed {
        int colon = value.indexOf(':');
        String digits = colon < 0 ? "" : value.substring(colon + 1);
        // 18 digits always fit a long, so no overflow to handle.
        if (colon <= 0 || !SdpText.isDigits(digits) || digits.length() > 18) {
            throw new Malformed(
                    SdpParseError.INVALID_BANDWIDTH, lineNumber, "expected b=<bwtype>:<bandwidth>: " + clip(value));
        }
        return new Bandwidth(value.substring(0, colon), Long.parseLong(digits));
    }

    private static Attribute attribute(String value, int lineNumber) throws Malformed {
        int colon = value.indexOf(':');
        String name = colon < 0 ? value : value.substring(0, colon);
        if (name.isEmpty() || name.indexOf(' ') >= 0 || name.indexOf('\t') >= 0) {
            throw new Malformed(SdpParseError.INVALID_ATTRIBUTE, lineNumber, "no attribute name: " + clip(value));
        }
        return colon < 0 ? Attribute.property(name) : Attribute.of(name, value.substring(colon + 1));
    }

    private static MediaDescription.Builder mediaField(String value, int lineNumber) throws Malformed {
        String[] f = fields(value);
        if (f.length < 4) {
            throw new Malformed(
                    SdpParseError.INVALID_MEDIA,
                    lineNumber,
                    "m= needs <media> <port> <proto> and at least one <fmt>, found " + f.length + " fields");
        }
        String portField = f[1];
        int slash = portField.indexOf('/');
        int port = portNumber(slash < 0 ? portField : portField.substring(0, slash));
        if (port < 0) {
            throw new Malformed(
                    SdpParseError.INVALID_MEDIA, lineNumber, "port is not a number 0-65535: " + clip(portField));
        }
        Integer portCount = null;
        if (slash >= 0) {
            portCount = portNumber(portField.substring(slash + 1));
            if (portCount < 1) {
                throw new Malformed(SdpParseError.INVALID_MEDIA, lineNumber, "bad number of ports: " + clip(portField));
            }
        }
        return MediaDescription.builder()
                .media(f[0])
                .port(port)
                .portCount(portCount)
                .protocol(f[2])
                .formats(List.of(f).subList(3, f.length));
    }

    /** A port 0–65535, or -1. */
    private static int portNumber(String s) {
        if (s.length() > 5) return -1;
        int n = RtpMap.smallNumber(s);
        return n > MediaDescription.MAX_PORT ? -1 : n;
    }

    /** An NTP time of at most 18 digits (enough until the year 31 billion), or -1. */
    private static long time(String s) {
        if (!SdpText.isDigits(s) || s.length() > 18) return -1;
        return Long.parseLong(s);
    }

    /** The fields of a line separated by spaces; runs of spaces and leading or trailing ones are tolerated. */
    private static String[] fields(String value) {
        String stripped = value.strip();
        return stripped.isEmpty() ? new String[0] : stripped.split(" +");
    }

    private static SdpParseError errorFor(char type) {
        return switch (type) {
            case 'o' -> SdpParseError.INVALID_ORIGIN;
            case 'c' -> SdpParseError.INVALID_CONNECTION;
            case 'b' -> SdpParseError.INVALID_BANDWIDTH;
            case 't', 'r', 'z' -> SdpParseError.INVALID_TIMING;
            case 'm' -> SdpParseError.INVALID_MEDIA;
            case 'a' -> SdpParseError.INVALID_ATTRIBUTE;
            default -> SdpParseError.MALFORMED_LINE;
        };
    }

    private static boolean onlyLineBreaks(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\r' && c != '\n') return false;
        }
        return true;
    }

    /** The UTF-8 length of {@code s}, counting stops once past {@code limit}. */
    private static long utf8Length(String s, int limit) {
        long n = 0;
        for (int i = 0; i < s.length() && n <= limit; i++) {
            char c = s.charAt(i);
            if (c < 0x80) n += 1;
            else if (c < 0x800 || Character.isSurrogate(c)) n += 2; // a surrogate pair is 4 octets in all
            else n += 3;
        }
        return n;
    }

    private static int lineOfOffset(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') line++;
        }
        return line;
    }

    private static SdpParseResult tooLarge(SdpLimits limits, String size) {
        return failure(SdpParseError.TOO_LARGE, 0, size + " octets, limit " + limits.maxBytes());
    }

    private static SdpParseResult failure(SdpParseError error, int lineNumber, String detail) {
        return new SdpParseResult.Failure(error, lineNumber, detail);
    }

    /** Enough of a bad value for a log line; a hostile peer's kilobyte-long line is not copied into it. */
    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /**
     * Carries a failure from deep in the parse to {@link #parseText}, where it becomes a {@link SdpParseResult}. It
     * never leaves this class, and has no stack trace to fill.
     */
    private static final class Malformed extends Exception {
        final SdpParseError error;
        final int lineNumber;

        Malformed(SdpParseError error, int lineNumber, String detail) {
            super(detail, null, false, false);
            this.error = error;
            this.lineNumber = lineNumber;
        }
    }
}
