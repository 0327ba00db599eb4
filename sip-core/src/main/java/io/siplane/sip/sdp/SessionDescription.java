package io.siplane.sip.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A session description (RFC 8866 §5): the session-level lines, one or more time descriptions and zero or more
 * {@link MediaDescription}s.
 *
 * <pre>
 * v=  o=  s=  i=*  u=*  e=*  p=*  c=*  b=*  (t= r=* z=*)+  k=*  a=*  (m= ...)*
 * </pre>
 *
 * <p>Immutable; change it through {@link #toBuilder()}. {@link #toString()} is the SDP text with CRLF line endings.
 */
public final class SessionDescription {
    /** RFC 8866 §5.1: "there is no minor version number"; {@code v=0} is the only version. */
    public static final int VERSION = 0;

    /** RFC 8866 §5.3 recommends {@code s=-} (or a single space) when a session has no name. */
    public static final String NO_NAME = "-";

    private final Origin origin;
    private final String sessionName;
    private final String information;
    private final String uri;
    private final List<String> emails;
    private final List<String> phones;
    private final Connection connection;
    private final List<Bandwidth> bandwidths;
    private final List<Timing> timings;
    private final String key;
    private final AttributeList attributes;
    private final List<MediaDescription> media;

    private SessionDescription(Builder b) {
        this.origin = Objects.requireNonNull(b.origin, "origin");
        this.sessionName = SdpText.text(b.sessionName, "s= value");
        this.information = SdpText.textOrNull(b.information, "i= value");
        this.uri = SdpText.textOrNull(b.uri, "u= value");
        this.emails = List.copyOf(b.emails);
        emails.forEach(e -> SdpText.text(e, "e= value"));
        this.phones = List.copyOf(b.phones);
        phones.forEach(p -> SdpText.text(p, "p= value"));
        this.connection = b.connection;
        this.bandwidths = List.copyOf(b.bandwidths);
        // RFC 8866 §5: one or more time descriptions; SIP uses t=0 0 (RFC 3264 §5).
        this.timings = b.timings.isEmpty() ? List.of(Timing.unbounded()) : List.copyOf(b.timings);
        this.key = SdpText.textOrNull(b.key, "k= value");
        this.attributes = new AttributeList(b.attributes);
        this.media = List.copyOf(b.media);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Always {@value #VERSION}; the parser refuses other versions. */
    public int version() {
        return VERSION;
    }

    public Origin origin() {
        return origin;
    }

    public String sessionName() {
        return sessionName;
    }

    public Optional<String> information() {
        return Optional.ofNullable(information);
    }

    public Optional<String> uri() {
        return Optional.ofNullable(uri);
    }

    public List<String> emails() {
        return emails;
    }

    public List<String> phones() {
        return phones;
    }

    /** The session-level {@code c=} line, the default for media descriptions without their own. */
    public Optional<Connection> connection() {
        return Optional.ofNullable(connection);
    }

    public List<Bandwidth> bandwidths() {
        return bandwidths;
    }

    /** One or more time descriptions; {@code t=0 0} in SIP. */
    public List<Timing> timings() {
        return timings;
    }

    /** The obsolete {@code k=} line (RFC 8866 §5.12), kept so that a relay passes it on. */
    public Optional<String> key() {
        return Optional.ofNullable(key);
    }

    /** The session-level {@code a=} lines in their order. */
    public List<Attribute> attributes() {
        return attributes.all();
    }

    public List<Attribute> attributes(String name) {
        return attributes.named(name);
    }

    public Optional<Attribute> attribute(String name) {
        return attributes.first(name);
    }

    public List<MediaDescription> media() {
        return media;
    }

    /** The session-level direction attribute, if present. */
    public Optional<Direction> direction() {
        return attributes.direction();
    }

    /**
     * The direction of a stream: its own attribute, else the session-level one, else sendrecv (RFC 8866 §6.7: a
     * media-level direction overrides the session-level one; with neither, sendrecv is assumed).
     */
    public Direction direction(MediaDescription m) {
        return m.direction().or(this::direction).orElse(Direction.DEFAULT);
    }

    /** Where a stream's media goes: its first {@code c=} line, else the session-level one (RFC 8866 §5.7). */
    public Optional<Connection> connection(MediaDescription m) {
        return m.connections().isEmpty()
                ? connection()
                : Optional.of(m.connections().get(0));
    }

    /** Whether some stream has a non-zero port, i.e. the description accepts or offers any media at all. */
    public boolean hasActiveMedia() {
        return media.stream().anyMatch(m -> !m.isRejected());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionDescription s
                && origin.equals(s.origin)
                && sessionName.equals(s.sessionName)
                && Objects.equals(information, s.information)
                && Objects.equals(uri, s.uri)
                && emails.equals(s.emails)
                && phones.equals(s.phones)
                && Objects.equals(connection, s.connection)
                && bandwidths.equals(s.bandwidths)
                && timings.equals(s.timings)
                && Objects.equals(key, s.key)
                && attributes.equals(s.attributes)
                && media.equals(s.media);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, sessionName, connection, attributes, media);
    }

    /** The SDP text, CRLF line endings; the same as {@link SdpSerializer#serialize}. */
    @Override
    public String toString() {
        return SdpSerializer.serialize(this);
    }

    /** Builds a {@link SessionDescription}; only the origin is required. */
    public static final class Builder {
        private Origin origin;
        private String sessionName = NO_NAME;
        private String information;
        private String uri;
        private final List<String> emails = new ArrayList<>();
        private final List<String> phones = new ArrayList<>();
        private Connection connection;
        private final List<Bandwidth> bandwidths = new ArrayList<>();
        private final List<Timing> timings = new ArrayList<>();
        private String key;
        private final List<Attribute> attributes = new ArrayList<>();
        private final List<MediaDescription> media = new ArrayList<>();

        private Builder() {}

        private Builder(SessionDescription s) {
            origin = s.origin;
            sessionName = s.sessionName;
            information = s.information;
            uri = s.uri;
            emails.addAll(s.emails);
            phones.addAll(s.phones);
            connection = s.connection;
            bandwidths.addAll(s.bandwidths);
            timings.addAll(s.timings);
            key = s.key;
            attributes.addAll(s.attributes.all());
            media.addAll(s.media);
        }

        public Builder origin(Origin origin) {
            this.origin = origin;
            return this;
        }

        /** Defaults to {@value SessionDescription#NO_NAME}. */
        public Builder sessionName(String sessionName) {
            this.sessionName = sessionName;
            return this;
        }

        public Builder information(String information) {
            this.information = information;
            return this;
        }

        public Builder uri(String uri) {
            this.uri = uri;
            return this;
        }

        public Builder addEmail(String email) {
            emails.add(Objects.requireNonNull(email));
            return this;
        }

        public Builder addPhone(String phone) {
            phones.add(Objects.requireNonNull(phone));
            return this;
        }

        /** The session-level {@code c=} line; {@code null} for none. */
        public Builder connection(Connection connection) {
            this.connection = connection;
            return this;
        }

        public Builder bandwidths(List<Bandwidth> bandwidths) {
            this.bandwidths.clear();
            this.bandwidths.addAll(bandwidths);
            return this;
        }

        public Builder addBandwidth(Bandwidth bandwidth) {
            bandwidths.add(Objects.requireNonNull(bandwidth));
            return this;
        }

        /** The time descriptions; when none are given, {@code build()} uses {@code t=0 0}. */
        public Builder timings(List<Timing> timings) {
            this.timings.clear();
            this.timings.addAll(timings);
            return this;
        }

        public Builder addTiming(Timing timing) {
            timings.add(Objects.requireNonNull(timing));
            return this;
        }

        public Builder key(String key) {
            this.key = key;
            return this;
        }

        public Builder attributes(List<Attribute> attributes) {
            this.attributes.clear();
            this.attributes.addAll(attributes);
            return this;
        }

        public Builder addAttribute(Attribute attribute) {
            attributes.add(Objects.requireNonNull(attribute));
            return this;
        }

        public Builder media(List<MediaDescription> media) {
            this.media.clear();
            this.media.addAll(media);
            return this;
        }

        public Builder addMedia(MediaDescription media) {
            this.media.add(Objects.requireNonNull(media));
            return this;
        }

        /**
         * @throws NullPointerException when the origin is missing
         * @throws IllegalArgumentException when a value cannot be written as SDP
         */
        public SessionDescription build() {
            return new SessionDescription(this);
        }
    }
}
