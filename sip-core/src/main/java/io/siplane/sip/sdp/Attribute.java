package io.siplane.sip.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * An {@code a=} line (RFC 8866 §5.13): a property attribute {@code a=<name>} or a value attribute
 * {@code a=<name>:<value>}.
 *
 * <p>The value is everything after the first colon, kept as written. {@code a=x} and {@code a=x:} are different
 * attributes and both survive a round trip. Attributes this package does not understand are kept in place, as RFC 8866
 * §5 asks ("An SDP parser MUST ignore any attribute it doesn't understand").
 */
public final class Attribute {
    /** {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]} (RFC 8866 §6.6). */
    public static final String RTPMAP = "rtpmap";
    /** {@code a=fmtp:<format> <format specific parameters>} (RFC 8866 §6.15). */
    public static final String FMTP = "fmtp";
    /** {@code a=rtcp-fb:<payload type or *> ...} (RFC 4585 §4.2). */
    public static final String RTCP_FB = "rtcp-fb";
    /** {@code a=ptime:<packet time>} in milliseconds (RFC 8866 §6.4). */
    public static final String PTIME = "ptime";
    /** {@code a=maxptime:<maximum packet time>} (RFC 8866 §6.5). */
    public static final String MAXPTIME = "maxptime";

    private final String name;
    private final String value;

    private Attribute(String name, String value) {
        this.name = SdpText.token(name, "attribute name");
        if (name.indexOf(':') >= 0) throw new IllegalArgumentException("attribute name contains ':': " + name);
        this.value = value == null ? null : SdpText.text(value, "attribute value");
    }

    /** A value attribute, {@code a=name:value}. */
    public static Attribute of(String name, String value) {
        return new Attribute(name, Objects.requireNonNull(value, "value"));
    }

    /** A property attribute, {@code a=name}, such as {@code a=sendonly} or {@code a=rtcp-mux}. */
    public static Attribute property(String name) {
        return new Attribute(name, null);
    }

    public String name() {
        return name;
    }

    /** The text after the first colon; empty for a property attribute. */
    public Optional<String> value() {
        return Optional.ofNullable(value);
    }

    public boolean isProperty() {
        return value == null;
    }

    /**
     * Whether this attribute is called {@code other}, ignoring ASCII case: the grammar's {@code attribute-name} is a
     * {@code token}, and accepting {@code a=SendOnly} costs nothing.
     */
    public boolean hasName(String other) {
        return name.equalsIgnoreCase(other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attribute a && name.equals(a.name) && Objects.equals(value, a.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, value);
    }

    /** The line's value, as written after {@code a=}. */
    @Override
    public String toString() {
        return value == null ? name : name + ':' + value;
    }
}
