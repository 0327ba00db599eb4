package io.siplane.sip.sdp;

/** A {@code b=} line (RFC 8866 §5.8): {@code b=<bwtype>:<bandwidth>}, e.g. {@code AS:64}, {@code TIAS:64000}. */
public record Bandwidth(String type, long value) {
    public Bandwidth {
        SdpText.token(type, "bwtype");
        if (type.indexOf(':') >= 0) throw new IllegalArgumentException("bwtype contains ':': " + type);
        if (value < 0) throw new IllegalArgumentException("negative bandwidth: " + value);
    }

    /** The line's value, as written after {@code b=}. */
    @Override
    public String toString() {
        return type + ':' + value;
    }
}
