package io.siplane.sip.message;

import io.siplane.sip.message.syntax.SipChars;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A request method. Methods are case-sensitive (RFC 3261 §7.1). The standard methods are singletons, so
 * {@code ==} works for them; {@link #valueOf} returns the singleton for a standard name and a new instance
 * for an extension method (RFC 4475 §3.1.1.2: any token is a valid method).
 */
public final class SipMethod {
    public static final SipMethod INVITE = new SipMethod("INVITE", true);
    public static final SipMethod ACK = new SipMethod("ACK", true);
    public static final SipMethod BYE = new SipMethod("BYE", true);
    public static final SipMethod CANCEL = new SipMethod("CANCEL", true);
    public static final SipMethod REGISTER = new SipMethod("REGISTER", true);
    public static final SipMethod OPTIONS = new SipMethod("OPTIONS", true);
    /** RFC 3262. */
    public static final SipMethod PRACK = new SipMethod("PRACK", true);
    /** RFC 6086. */
    public static final SipMethod INFO = new SipMethod("INFO", true);
    /** RFC 6665. */
    public static final SipMethod SUBSCRIBE = new SipMethod("SUBSCRIBE", true);
    /** RFC 6665. */
    public static final SipMethod NOTIFY = new SipMethod("NOTIFY", true);
    /** RFC 3903. */
    public static final SipMethod PUBLISH = new SipMethod("PUBLISH", true);
    /** RFC 3515. */
    public static final SipMethod REFER = new SipMethod("REFER", true);
    /** RFC 3428. */
    public static final SipMethod MESSAGE = new SipMethod("MESSAGE", true);
    /** RFC 3311. */
    public static final SipMethod UPDATE = new SipMethod("UPDATE", true);

    /** Every standard method, in the order above. */
    public static final List<SipMethod> STANDARD = List.of(
            INVITE, ACK, BYE, CANCEL, REGISTER, OPTIONS, PRACK, INFO, SUBSCRIBE, NOTIFY, PUBLISH, REFER, MESSAGE,
            UPDATE);

    private final String name;
    private final byte[] bytes;
    private final boolean standard;

    private SipMethod(String name, boolean standard) {
        this.name = name;
        this.bytes = name.getBytes(StandardCharsets.US_ASCII);
        this.standard = standard;
    }

    /**
     * The method named {@code name}: a singleton for a standard method, else a new extension method.
     *
     * @throws IllegalArgumentException when {@code name} is not a token
     */
    public static SipMethod valueOf(String name) {
        for (SipMethod m : STANDARD) {
            if (m.name.equals(name)) return m;
        }
        if (!SipChars.isToken(name)) throw new IllegalArgumentException("method is not a token: " + name);
        return new SipMethod(name, false);
    }

    /** The standard method spelled exactly by {@code s} from {@code from} to its end, or null. */
    static SipMethod standard(String s, int from) {
        int len = s.length() - from;
        for (SipMethod m : STANDARD) {
            if (m.name.length() == len && s.startsWith(m.name, from)) return m;
        }
        return null;
    }

    /**
     * The method spelled by {@code len} bytes at {@code off}, without allocating for a standard method; or
     * {@code null} when the bytes are not a token.
     */
    public static SipMethod lookup(byte[] buf, int off, int len) {
        for (SipMethod m : STANDARD) {
            if (m.bytes.length == len && java.util.Arrays.equals(m.bytes, 0, len, buf, off, off + len)) return m;
        }
        if (len == 0) return null;
        for (int i = off; i < off + len; i++) {
            if (!SipChars.isToken(buf[i])) return null;
        }
        return new SipMethod(new String(buf, off, len, StandardCharsets.US_ASCII), false);
    }

    public String name() {
        return name;
    }

    /** True for the methods of RFC 3261 and the extensions listed above. */
    public boolean isStandard() {
        return standard;
    }

    /** RFC 3261 §12.1: INVITE (and SUBSCRIBE/REFER, RFC 6665 §4.1) create dialogs. */
    public boolean createsDialog() {
        return this == INVITE || this == SUBSCRIBE || this == REFER;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof SipMethod m && m.name.equals(name);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
