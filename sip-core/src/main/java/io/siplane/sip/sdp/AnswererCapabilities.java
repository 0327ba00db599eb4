package io.siplane.sip.sdp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an answerer can do, for {@link OfferAnswer}: its codecs in order of preference, the direction it wants, how
 * many codecs it answers per stream and which transport protocols it accepts.
 */
public final class AnswererCapabilities {
    /** No bound on the number of codecs answered per stream. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    private final List<Codec> codecs;
    private final Direction direction;
    private final int maxCodecsPerStream;
    private final Set<String> protocols;

    private AnswererCapabilities(Builder b) {
        this.codecs = List.copyOf(b.codecs);
        this.direction = Objects.requireNonNull(b.direction, "direction");
        if (b.maxCodecsPerStream < 1) throw new IllegalArgumentException("maxCodecsPerStream must be positive");
        this.maxCodecsPerStream = b.maxCodecsPerStream;
        this.protocols = Set.copyOf(b.protocols);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Shorthand: these codecs, in this order of preference, sendrecv, any protocol. */
    public static AnswererCapabilities of(Codec... codecs) {
        return builder().codecs(List.of(codecs)).build();
    }

    /** In order of preference; the answer lists common codecs in this order. */
    public List<Codec> codecs() {
        return codecs;
    }

    /** The direction the answerer wants; narrowed per stream by the offer (RFC 3264 §6.1). */
    public Direction direction() {
        return direction;
    }

    /**
     * The most media codecs (not counting telephone-event and other auxiliary formats) answered per stream; 1 answers
     * with a single codec, which spares the offerer switching codecs mid-call (RFC 3264 §6.1 allows any subset).
     */
    public int maxCodecsPerStream() {
        return maxCodecsPerStream;
    }

    /** The transport protocols accepted ({@code RTP/AVP}, ...); empty means any. */
    public Set<String> protocols() {
        return protocols;
    }

    /** Whether a stream with this protocol can be accepted; protocol names compare without case. */
    public boolean supportsProtocol(String protocol) {
        return protocols.isEmpty() || protocols.stream().anyMatch(p -> p.equalsIgnoreCase(protocol));
    }

    public static final class Builder {
        private final List<Codec> codecs = new ArrayList<>();
        private Direction direction = Direction.SENDRECV;
        private int maxCodecsPerStream = UNLIMITED;
        private final Set<String> protocols = new LinkedHashSet<>();

        private Builder() {}

        public Builder codecs(List<Codec> codecs) {
            this.codecs.clear();
            this.codecs.addAll(codecs);
            return this;
        }

        public Builder addCodec(Codec codec) {
            codecs.add(Objects.requireNonNull(codec));
            return this;
        }

        /** Defaults to {@link Direction#SENDRECV}; {@link Direction#SENDONLY} puts the other side on hold. */
        public Builder direction(Direction direction) {
            this.direction = direction;
            return this;
        }

        /** Defaults to {@link AnswererCapabilities#UNLIMITED}. */
        public Builder maxCodecsPerStream(int maxCodecsPerStream) {
            this.maxCodecsPerStream = maxCodecsPerStream;
            return this;
        }

        /** Defaults to none, meaning any protocol. */
        public Builder protocols(Set<String> protocols) {
            this.protocols.clear();
            this.protocols.addAll(protocols);
            return this;
        }

        public AnswererCapabilities build() {
            return new AnswererCapabilities(this);
        }
    }
}
