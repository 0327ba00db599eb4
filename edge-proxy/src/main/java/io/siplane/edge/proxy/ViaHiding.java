package io.siplane.edge.proxy;

import io.siplane.sip.message.Via;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Topology hiding of the inside's Via entries (ADR 0012): a request from a back end towards a UA leaves with one
 * Via only, the edge's, whose branch carries the back end's Via entries compressed and encrypted; the UA's response
 * brings the branch back and the edge restores them. Stateless: no table, survives restarts, any edge with the
 * cluster secret can restore.
 *
 * <p>Branch: {@code z9hG4bK} + {@value #PREFIX} + base64url(IV ‖ AES-128-GCM(deflate(vias))). The IV is derived
 * from the plaintext (HMAC-SHA256, "synthetic IV"), so the same Via entries give the same branch: a retransmission
 * or a CANCEL of the back end's INVITE carries the same branch as the INVITE, which the UA's transaction matching
 * needs (RFC 3261 §9.2, §17.2.3), while a new transaction (new inner branch) gives a new one. An IV repeats only
 * with the same plaintext, which GCM tolerates (the same ciphertext again). The GCM tag makes the branch
 * unforgeable: a response with a made-up branch cannot steer the edge to an arbitrary address.
 */
public final class ViaHiding {
    /** After the magic cookie: marks a branch that hides Via entries. */
    static final String PREFIX = "h.";

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MAX_BRANCH_CHARS = 4096;
    private static final int MAX_PLAIN_BYTES = 8192;
    private static final byte[] DICTIONARY =
            "SIP/2.0/UDP SIP/2.0/TCP ;branch=z9hG4bK;rport;received=;siplane-flow=".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec ivKey;

    /** @param secret the cluster-wide secret (the flow-token secret); separate keys are derived from it */
    public ViaHiding(byte[] secret) {
        this.encryptionKey = new SecretKeySpec(Arrays.copyOf(derive(secret, "via-hiding-enc"), 16), "AES");
        this.ivKey = new SecretKeySpec(derive(secret, "via-hiding-iv"), "HmacSHA256");
    }

    public static ViaHiding fromBase64(String secret) {
        return new ViaHiding(Base64.getDecoder().decode(secret.trim()));
    }

    /** Whether {@code branch} is one of ours that hides Via entries. */
    public static boolean isHidingBranch(String branch) {
        return branch != null && branch.startsWith(Via.MAGIC_COOKIE + PREFIX);
    }

    /** The branch that hides {@code vias} (top first). */
    public String hide(List<Via> vias) {
        StringBuilder sb = new StringBuilder(128 * vias.size());
        for (Via v : vias) {
            if (sb.length() > 0) sb.append('\n');
            sb.append(v);
        }
        byte[] plain = deflate(sb.toString().getBytes(StandardCharsets.UTF_8));
        try {
            byte[] iv = Arrays.copyOf(mac(plain), IV_BYTES);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = c.doFinal(plain);
            byte[] all = Arrays.copyOf(iv, IV_BYTES + sealed.length);
            System.arraycopy(sealed, 0, all, IV_BYTES, sealed.length);
            return Via.MAGIC_COOKIE + PREFIX + ENCODER.encodeToString(all);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required of every JVM", e);
        }
    }

    /** The Via entries a branch of ours hides, top first; empty for anything not made by {@link #hide}. */
    public Optional<List<Via>> restore(String branch) {
        if (!isHidingBranch(branch) || branch.length() > MAX_BRANCH_CHARS) return Optional.empty();
        try {
            byte[] all = DECODER.decode(branch.substring(Via.MAGIC_COOKIE.length() + PREFIX.length()));
            if (all.length <= IV_BYTES + TAG_BITS / 8) return Optional.empty();
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            byte[] plain = c.doFinal(all, IV_BYTES, all.length - IV_BYTES);
            String text = new String(inflate(plain), StandardCharsets.UTF_8);
            return Optional.of(Arrays.stream(text.split("\n")).map(Via::parse).toList());
        } catch (GeneralSecurityException | IllegalArgumentException | DataFormatException e) {
            return Optional.empty(); // forged, tampered, truncated, or not base64url
        } catch (RuntimeException e) {
            return Optional.empty(); // a Via that no longer parses (cannot happen for our own output)
        }
    }

    private static byte[] deflate(byte[] in) {
        Deflater d = new Deflater(Deflater.BEST_SPEED, true);
        try {
            d.setDictionary(DICTIONARY);
            d.setInput(in);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
            byte[] buf = new byte[256];
            // bounded: deflate of n bytes never takes more than n/256 + a few rounds of this buffer
            for (int i = 0; i < 4 + in.length / 16 && !d.finished(); i++) out.write(buf, 0, d.deflate(buf));
            if (!d.finished()) throw new IllegalStateException("deflate did not finish");
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    private static byte[] inflate(byte[] in) throws DataFormatException {
        Inflater inf = new Inflater(true);
        try {
            inf.setDictionary(DICTIONARY); // raw inflate: the dictionary is set up front, like on the deflate side
            inf.setInput(in);
            ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * 3);
            byte[] buf = new byte[512];
            // bounded by the output cap: every round either makes output or ends the loop
            for (int i = 0; i <= MAX_PLAIN_BYTES / buf.length + 1 && !inf.finished(); i++) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) throw new DataFormatException("truncated");
                out.write(buf, 0, n);
            }
            if (!inf.finished()) throw new DataFormatException("too long");
            return out.toByteArray();
        } finally {
            inf.end();
        }
    }

    private byte[] mac(byte[] plain) throws GeneralSecurityException {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(ivKey);
        return m.doFinal(plain);
    }

    private static byte[] derive(byte[] secret, String label) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(label.getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) 0);
            return sha.digest(secret);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
