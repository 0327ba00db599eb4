package io.siplane.sip.sdp;

import java.util.Optional;

/**
 * The media direction attributes of RFC 8866 §6.7 and their offer/answer rules (RFC 3264 §6.1).
 *
 * <p>Each value is a pair of flags: whether the describing side sends, and whether it receives.
 */
public enum Direction {
    SENDRECV("sendrecv", true, true),
    SENDONLY("sendonly", true, false),
    RECVONLY("recvonly", false, true),
    INACTIVE("inactive", false, false);

    /** RFC 8866 §6.7: with no direction attribute at media or session level, sendrecv is assumed. */
    public static final Direction DEFAULT = SENDRECV;

    private final String attributeName;
    private final boolean sends;
    private final boolean receives;

    Direction(String attributeName, boolean sends, boolean receives) {
        this.attributeName = attributeName;
        this.sends = sends;
        this.receives = receives;
    }

    /** The property attribute's name, e.g. {@code sendonly}. */
    public String attributeName() {
        return attributeName;
    }

    public Attribute toAttribute() {
        return Attribute.property(attributeName);
    }

    public boolean sends() {
        return sends;
    }

    public boolean receives() {
        return receives;
    }

    /** The direction named by a property attribute, if it is one of the four. */
    public static Optional<Direction> fromAttribute(Attribute attribute) {
        if (!attribute.isProperty()) return Optional.empty();
        for (Direction d : values()) {
            if (attribute.hasName(d.attributeName)) return Optional.of(d);
        }
        return Optional.empty();
    }

    /** The same stream seen from the other side: what one side sends, the other receives. */
    public Direction reversed() {
        return of(receives, sends);
    }

    /**
     * The direction an answerer who wants {@code this} puts in its answer to a stream offered as {@code offered}
     * (RFC 3264 §6.1): sendonly is answered recvonly or inactive, recvonly sendonly or inactive, inactive inactive,
     * and sendrecv anything. It is the offer seen from the answerer's side, narrowed to what the answerer wants.
     */
    public Direction answerTo(Direction offered) {
        Direction possible = offered.reversed();
        return of(sends && possible.sends, receives && possible.receives);
    }

    /** Whether an answer with this direction is allowed for a stream offered as {@code offered} (RFC 3264 §6.1). */
    public boolean isValidAnswerTo(Direction offered) {
        Direction possible = offered.reversed();
        return (!sends || possible.sends) && (!receives || possible.receives);
    }

    private static Direction of(boolean sends, boolean receives) {
        if (sends) return receives ? SENDRECV : SENDONLY;
        return receives ? RECVONLY : INACTIVE;
    }
}
