package io.siplane.sip.dialog;

import io.siplane.sip.message.CSeq;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The byte form of a {@link DialogState}, for a cluster that keeps dialogs in a distributed cache. Compact
 * (a typical dialog takes about 200 bytes), versioned, and checked: a flipped bit, a cut-off value or another
 * format is rejected with a {@link DialogCodecException} naming the problem, never decoded into a wrong dialog.
 *
 * <p>Version 1 layout:
 *
 * <pre>
 *   magic    2 bytes  0xD1 0xA6
 *   version  1 byte   1
 *   role     1 byte   1 = UAC, 2 = UAS
 *   state    1 byte   1 = EARLY, 2 = CONFIRMED, 3 = TERMINATED
 *   flags    1 byte   bit 0 = secure; other bits 0
 *   localSeq + 1, remoteSeq + 1, initialCseq       unsigned LEB128 varints (0 = empty sequence number)
 *   callId, localTag, remoteTag, localUri, remoteUri, remoteTarget    varint byte length + UTF-8
 *   route count (varint), then each route          varint byte length + UTF-8
 *   CRC-32C  4 bytes  big-endian, over every byte before it
 * </pre>
 *
 * <p>Enum values have explicit codes, so reordering an enum never changes stored data. A new field means a new
 * version; {@link #decode} keeps reading every older version.
 */
public final class DialogCodec {
    /** The version {@link #encode} writes. */
    public static final int VERSION = 1;

    private static final byte MAGIC_0 = (byte) 0xD1;
    private static final byte MAGIC_1 = (byte) 0xA6;
    private static final int HEADER_LENGTH = 6;
    private static final int CRC_LENGTH = 4;
    private static final int FLAG_SECURE = 1;

    private DialogCodec() {}

    public static byte[] encode(DialogState s) {
        Writer w = new Writer(
                64 + 2 * s.remoteTarget().length() + 48 * s.routeSet().size());
        w.put(MAGIC_0);
        w.put(MAGIC_1);
        w.put((byte) VERSION);
        w.put(roleCode(s.role()));
        w.put(stateCode(s.state()));
        w.put((byte) (s.secure() ? FLAG_SECURE : 0));
        w.varint(s.localSeq() + 1);
        w.varint(s.remoteSeq() + 1);
        w.varint(s.initialCseq());
        w.string(s.callId());
        w.string(s.localTag());
        w.string(s.remoteTag());
        w.string(s.localUri());
        w.string(s.remoteUri());
        w.string(s.remoteTarget());
        w.varint(s.routeSet().size());
        for (String r : s.routeSet()) w.string(r);
        CRC32C crc = new CRC32C();
        crc.update(w.buf, 0, w.len);
        w.int32((int) crc.getValue());
        return w.toArray();
    }

    /**
     * @throws DialogCodecException when the bytes are not a dialog state: wrong magic, unknown version,
     *     checksum mismatch, truncated or trailing data, invalid UTF-8, unknown codes or out-of-range values
     */
    public static DialogState decode(byte[] bytes) {
        if (bytes == null) throw new DialogCodecException("no dialog state bytes (null)");
        if (bytes.length < HEADER_LENGTH + CRC_LENGTH)
            throw new DialogCodecException("dialog state too short: " + bytes.length + " bytes");
        if (bytes[0] != MAGIC_0 || bytes[1] != MAGIC_1)
            throw new DialogCodecException(String.format(
                    "not a dialog state: magic 0x%02X%02X, expected 0x%02X%02X", bytes[0], bytes[1], MAGIC_0, MAGIC_1));
        int version = bytes[2] & 0xFF;
        if (version != VERSION)
            throw new DialogCodecException(
                    "unsupported dialog state version " + version + " (this build reads " + VERSION + ")");
        int end = bytes.length - CRC_LENGTH;
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, end);
        int stored = ByteBuffer.wrap(bytes, end, CRC_LENGTH).getInt();
        if ((int) crc.getValue() != stored)
            throw new DialogCodecException("dialog state corrupted: CRC-32C mismatch over " + end + " bytes");
        try {
            return readV1(new Reader(bytes, 3, end));
        } catch (DialogCodecException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // DialogState's own checks (empty Call-ID, sequence number out of range…)
            throw new DialogCodecException("invalid dialog state: " + e.getMessage(), e);
        }
    }

    private static DialogState readV1(Reader r) {
        DialogState.Role role = role(r.u8());
        DialogState.State state = state(r.u8());
        int flags = r.u8();
        if ((flags & ~FLAG_SECURE) != 0)
            throw new DialogCodecException("unknown flags 0x" + Integer.toHexString(flags));
        long localSeq = r.varint() - 1;
        long remoteSeq = r.varint() - 1;
        long initialCseq = r.varint();
        String callId = r.string();
        String localTag = r.string();
        String remoteTag = r.string();
        String localUri = r.string();
        String remoteUri = r.string();
        String remoteTarget = r.string();
        long count = r.varint();
        // Each route takes at least one byte: a count above what is left is corruption, not a reason to allocate.
        if (count > r.remaining()) throw new DialogCodecException("route count " + count + " exceeds the data");
        List<String> routes = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) routes.add(r.string());
        if (r.remaining() != 0) throw new DialogCodecException(r.remaining() + " unexpected bytes after the routes");
        return new DialogState(
                role,
                state,
                callId,
                localTag,
                remoteTag,
                localSeq,
                remoteSeq,
                initialCseq,
                localUri,
                remoteUri,
                remoteTarget,
                (flags & FLAG_SECURE) != 0,
                routes);
    }

    private static byte roleCode(DialogState.Role role) {
        return switch (role) {
            case UAC -> 1;
            case UAS -> 2;
        };
    }

    private static DialogState.Role role(int code) {
        return switch (code) {
            case 1 -> DialogState.Role.UAC;
            case 2 -> DialogState.Role.UAS;
            default -> throw new DialogCodecException("unknown role code " + code);
        };
    }

    private static byte stateCode(DialogState.State state) {
        return switch (state) {
            case EARLY -> 1;
            case CONFIRMED -> 2;
            case TERMINATED -> 3;
        };
    }

    private static DialogState.State state(int code) {
        return switch (code) {
            case 1 -> DialogState.State.EARLY;
            case 2 -> DialogState.State.CONFIRMED;
            case 3 -> DialogState.State.TERMINATED;
            default -> throw new DialogCodecException("unknown state code " + code);
        };
    }

    private static final class Writer {
        byte[] buf;
        int len;

        Writer(int capacity) {
            buf = new byte[capacity];
        }

        void ensure(int n) {
            if (len + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }

        void put(byte b) {
            ensure(1);
            buf[len++] = b;
        }

        void varint(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[len++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[len++] = (byte) v;
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
        }

        void int32(int v) {
            ensure(4);
            buf[len++] = (byte) (v >>> 24);
            buf[len++] = (byte) (v >>> 16);
            buf[len++] = (byte) (v >>> 8);
            buf[len++] = (byte) v;
        }

        byte[] toArray() {
            return Arrays.copyOf(buf, len);
        }
    }

    private static final class Reader {
        /** Five 7-bit groups hold every value the format stores (sequence numbers and lengths below 2**32). */
        private static final int MAX_VARINT_BYTES = 5;

        private final byte[] buf;
        private final int end;
        private int pos;

        Reader(byte[] buf, int pos, int end) {
            this.buf = buf;
            this.pos = pos;
            this.end = end;
        }

        int remaining() {
            return end - pos;
        }

        int u8() {
            if (pos >= end) throw truncated();
            return buf[pos++] & 0xFF;
        }

        long varint() {
            long v = 0;
            for (int i = 0; i < MAX_VARINT_BYTES; i++) {
                int b = u8();
                v |= (long) (b & 0x7F) << (7 * i);
                if ((b & 0x80) == 0) {
                    // Sequence numbers + 1 and lengths never exceed 2**31.
                    if (v > CSeq.MAX_NUMBER + 1) throw new DialogCodecException("value out of range: " + v);
                    return v;
                }
            }
            throw new DialogCodecException("varint longer than " + MAX_VARINT_BYTES + " bytes at offset " + pos);
        }

        String string() {
            long n = varint();
            if (n > remaining())
                throw new DialogCodecException("string of " + n + " bytes at offset " + pos + " exceeds the data");
            int len = (int) n;
            try {
                String s = StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(buf, pos, len))
                        .toString();
                pos += len;
                return s;
            } catch (CharacterCodingException e) {
                throw new DialogCodecException("invalid UTF-8 in string at offset " + pos, e);
            }
        }

        private DialogCodecException truncated() {
            return new DialogCodecException("dialog state truncated at offset " + pos);
        }
    }
}
