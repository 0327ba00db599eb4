package io.siplane.edge.flow;

import io.siplane.sip.transport.Flow;
import io.siplane.sip.transport.TransportType;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encodes and verifies {@link FlowToken}s: a compact binary form of the token followed by an HMAC-SHA256 over it,
 * truncated to {@value #MAC_BYTES} bytes (96 bits: forging one takes 2^95 tries on average, each a SIP request the
 * edge answers with 403), all base64url without padding, so the result is a valid SIP URI user part (RFC 3261
 * §25.1 {@code unreserved}).
 *
 * <p>Layout: version (1), transport (1), edge id (length-prefixed UTF-8), remote address (length-prefixed IP
 * bytes + 2-byte port), local address (same; length 0 when unknown), connection id (8), MAC. The secret is shared
 * by every edge instance, so that any instance can verify any token and tell which instance holds the flow.
 *
 * <p>Thread-safe: a {@link Mac} is made per call (cheap next to a SIP message's parse).
 */
public final class FlowTokenCodec {
    /** Truncated HMAC length; RFC 2104 §5 allows truncation to no less than half the hash (here 96 of 256 bits). */
    public static final int MAC_BYTES = 12;

    private static final byte VERSION = 1;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** Longest token accepted for decoding: a long edge id and two IPv6 addresses fit easily. */
    private static final int MAX_TOKEN_CHARS = 512;

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    /** @param secret the HMAC key, at least 16 bytes */
    public FlowTokenCodec(byte[] secret) {
        if (secret.length < 16) throw new IllegalArgumentException("flow-token secret must be at least 16 bytes");
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** Decodes a base64 secret as configured ({@code edge.flow-token.secret}). */
    public static FlowTokenCodec fromBase64(String secret) {
        return new FlowTokenCodec(Base64.getDecoder().decode(secret.trim()));
    }

    public String encode(FlowToken token) {
        Flow f = token.flow();
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(VERSION);
        out.write(f.transport().ordinal());
        byte[] id = token.edgeId().getBytes(StandardCharsets.UTF_8);
        if (id.length > 255) throw new IllegalArgumentException("edge id too long");
        out.write(id.length);
        out.writeBytes(id);
        writeAddress(out, f.remote());
        writeAddress(out, f.local());
        out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(f.connectionId()).array());
        byte[] payload = out.toByteArray();
        byte[] mac = mac(payload);
        byte[] all = Arrays.copyOf(payload, payload.length + MAC_BYTES);
        System.arraycopy(mac, 0, all, payload.length, MAC_BYTES);
        return ENCODER.encodeToString(all);
    }

    /**
     * The token, when {@code text} is one this edge's secret signed and it is well formed; empty for anything else
     * (forged, tampered, truncated, not base64url, unknown version).
     */
    public Optional<FlowToken> decode(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_TOKEN_CHARS) return Optional.empty();
        byte[] all;
        try {
            all = DECODER.decode(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (all.length <= MAC_BYTES) return Optional.empty();
        byte[] payload = Arrays.copyOf(all, all.length - MAC_BYTES);
        byte[] mac = Arrays.copyOfRange(all, payload.length, all.length);
        // constant time, so response timing does not leak how much of a forged MAC was right
        if (!MessageDigest.isEqual(mac, Arrays.copyOf(mac(payload), MAC_BYTES))) return Optional.empty();
        try {
            return Optional.of(parse(ByteBuffer.wrap(payload)));
        } catch (RuntimeException | UnknownHostException e) {
            return Optional.empty(); // signed by us but unreadable: a token of a newer version
        }
    }

    private static FlowToken parse(ByteBuffer in) throws UnknownHostException {
        if (in.get() != VERSION) throw new IllegalArgumentException("unknown token version");
        TransportType transport = TransportType.values()[in.get()];
        byte[] id = new byte[in.get() & 0xff];
        in.get(id);
        InetSocketAddress remote = readAddress(in);
        InetSocketAddress local = readAddress(in);
        long connectionId = in.getLong();
        if (in.hasRemaining() || remote == null) throw new IllegalArgumentException("malformed token");
        return new FlowToken(new String(id, StandardCharsets.UTF_8), new Flow(transport, local, remote, connectionId));
    }

    private static void writeAddress(ByteArrayOutputStream out, InetSocketAddress a) {
        if (a == null || a.getAddress() == null) {
            out.write(0);
            return;
        }
        byte[] ip = a.getAddress().getAddress();
        out.write(ip.length);
        out.writeBytes(ip);
        out.write(a.getPort() >>> 8);
        out.write(a.getPort() & 0xff);
    }

    private static InetSocketAddress readAddress(ByteBuffer in) throws UnknownHostException {
        int len = in.get() & 0xff;
        if (len == 0) return null;
        if (len != 4 && len != 16) throw new IllegalArgumentException("bad address length");
        byte[] ip = new byte[len];
        in.get(ip);
        int port = in.getShort() & 0xffff;
        return new InetSocketAddress(InetAddress.getByAddress(ip), port);
    }

    private byte[] mac(byte[] payload) {
        // doFinal resets the Mac to its initialised state, so each thread keeps one (Mac is not thread-safe):
        // Mac.getInstance + init per call (provider lookup, key schedule) was ≈ 9 % of the edge's CPU.
        return macs.get().doFinal(payload);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }
}
