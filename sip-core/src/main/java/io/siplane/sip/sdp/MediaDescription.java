package io.siplane.sip.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * A media description (RFC 8866 §5.14): the {@code m=} line and the {@code i=}, {@code c=}, {@code b=}, {@code k=}
 * and {@code a=} lines that follow it, in that order.
 *
 * <p>{@code m=<media> <port>[/<number of ports>] <proto> <fmt> ...}. For RTP protocols the formats are payload type
 * numbers, described by {@code a=rtpmap} and {@code a=fmtp}; for others (e.g. {@code udptl t38}) they are names.
 *
 * <p>Immutable; change it through {@link #toBuilder()}.
 */
public final class MediaDescription {
    /** Port zero rejects or disables a stream (RFC 3264 §6, §8.2). */
    public static final int REJECTED_PORT = 0;

    public static final int MAX_PORT = 65535;

    private final String media;
    private final int port;
    private final Integer portCount;
    private final String protocol;
    private final List<String> formats;
    private final String information;
    private final List<Connection> connections;
    private final List<Bandwidth> bandwidths;
    private final String key;
    private final AttributeList attributes;

    private MediaDescription(Builder b) {
        this.media = SdpText.token(Objects.requireNonNull(b.media, "media"), "media");
        if (b.port < 0 || b.port > MAX_PORT) throw new IllegalArgumentException("port out of range: " + b.port);
        this.port = b.port;
        if (b.portCount != null && b.portCount < 1) {
            throw new IllegalArgumentException("number of ports must be positive: " + b.portCount);
        }
        this.portCount = b.portCount;
        this.protocol = SdpText.token(Objects.requireNonNull(b.protocol, "protocol"), "proto");
        this.formats = List.copyOf(b.formats);
        // RFC 8866 §9: media-field = ... 1*(SP fmt); RFC 3264 §6 keeps one even in a rejected stream.
        if (formats.isEmpty()) throw new IllegalStateException("a media description needs at least one format");
        formats.forEach(f -> SdpText.token(f, "fmt"));
        this.information = SdpText.textOrNull(b.information, "i= value");
        this.connections = List.copyOf(b.connections);
        this.bandwidths = List.copyOf(b.bandwidths);
        this.key = SdpText.textOrNull(b.key, "k= value");
        this.attributes = new AttributeList(b.attributes);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The media type: {@code audio}, {@code video}, {@code text}, {@code application}, {@code image}, ... */
    public String media() {
        return media;
    }

    public int port() {
        return port;
    }

    /** The {@code /<number of ports>} after the port, for layered encodings (RFC 8866 §5.14). */
    public OptionalInt portCount() {
        return portCount == null ? OptionalInt.empty() : OptionalInt.of(portCount);
    }

    /** The transport protocol, e.g. {@code RTP/AVP}, {@code RTP/SAVP}, {@code UDP/TLS/RTP/SAVPF}, {@code udptl}. */
    public String protocol() {
        return protocol;
    }

    public List<String> formats() {
        return formats;
    }

    public Optional<String> information() {
        return Optional.ofNullable(information);
    }

    /** The media-level {@code c=} lines; more than one only for layered multicast (RFC 8866 §5.7). */
    public List<Connection> connections() {
        return connections;
    }

    public List<Bandwidth> bandwidths() {
        return bandwidths;
    }

    /** The obsolete {@code k=} line (RFC 8866 §5.12), kept so that a relay passes it on. */
    public Optional<String> key() {
        return Optional.ofNullable(key);
    }

    /** All {@code a=} lines in their order. */
    public List<Attribute> attributes() {
        return attributes.all();
    }

    /** The attributes called {@code name}, in order. */
    public List<Attribute> attributes(String name) {
        return attributes.named(name);
    }

    public Optional<Attribute> attribute(String name) {
        return attributes.first(name);
    }

    public boolean hasAttribute(String name) {
        return attribute(name).isPresent();
    }

    /** Port zero: a rejected (RFC 3264 §6) or disabled (§8.2) stream. */
    public boolean isRejected() {
        return port == REJECTED_PORT;
    }

    /**
     * Whether the formats are RTP payload types: the protocol names RTP ({@code RTP/AVP}, {@code RTP/SAVPF},
     * {@code UDP/TLS/RTP/SAVPF}, {@code TCP/RTP/AVP}, ...), RFC 8866 §5.14.
     */
    public boolean isRtp() {
        String p = protocol.toUpperCase(Locale.ROOT);
        return p.startsWith("RTP/") || p.contains("/RTP/");
    }

    /** The well-formed {@code a=rtpmap} attributes, in order; malformed ones are skipped here but kept as text. */
    public List<RtpMap> rtpMaps() {
        List<RtpMap> maps = new ArrayList<>();
        for (Attribute a : attributes.all()) {
            if (a.hasName(Attribute.RTPMAP)) a.value().flatMap(RtpMap::parse).ifPresent(maps::add);
        }
        return maps;
    }

    /** The {@code a=rtpmap} for a format, if there is one. */
    public Optional<RtpMap> rtpMap(String format) {
        int payloadType = RtpMap.smallNumber(format);
        return rtpMaps().stream().filter(m -> m.payloadType() == payloadType).findFirst();
    }

    /**
     * The codec a format stands for in an RTP stream: its {@code a=rtpmap}, else the RFC 3551 static assignment for
     * its number. Empty for an unknown dynamic type, and for non-RTP streams.
     */
    public Optional<RtpMap> codec(String format) {
        if (!isRtp()) return Optional.empty();
        Optional<RtpMap> mapped = rtpMap(format);
        if (mapped.isPresent()) return mapped;
        int payloadType = RtpMap.smallNumber(format);
        return payloadType < 0 ? Optional.empty() : StaticPayloadTypes.lookup(payloadType);
    }

    /** The parameters of the {@code a=fmtp} attribute for a format: the text after {@code <format> }. */
    public Optional<String> fmtp(String format) {
        return attributes(Attribute.FMTP).stream()
                .map(a -> a.value().orElse(""))
                .filter(v -> format.equals(FormatAttributes.firstToken(v)))
                .map(v -> v.substring(format.length()).strip())
                .findFirst();
    }

    /** The media-level direction attribute, if present; see {@link SessionDescription#direction(MediaDescription)}. */
    public Optional<Direction> direction() {
        return attributes.direction();
    }

    /** {@code a=ptime} in milliseconds (RFC 8866 §6.4), if present and a whole number. */
    public OptionalInt ptime() {
        return attribute(Attribute.PTIME)
                .flatMap(Attribute::value)
                .map(v -> RtpMap.smallNumber(v.strip()))
                .filter(n -> n > 0)
                .map(OptionalInt::of)
                .orElse(OptionalInt.empty());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaDescription m
                && port == m.port
                && media.equals(m.media)
                && Objects.equals(portCount, m.portCount)
                && protocol.equals(m.protocol)
                && formats.equals(m.formats)
                && Objects.equals(information, m.information)
                && connections.equals(m.connections)
                && bandwidths.equals(m.bandwidths)
                && Objects.equals(key, m.key)
                && attributes.equals(m.attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(media, port, protocol, formats, attributes);
    }

    /** This media description as SDP text, CRLF line endings. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        SdpSerializer.writeMedia(this, out);
        return out.toString();
    }

    /** Builds a {@link MediaDescription}; media type, port, protocol and at least one format are required. */
    public static final class Builder {
        private String media;
        private int port;
        private Integer portCount;
        private String protocol;
        private final List<String> formats = new ArrayList<>();
        private String information;
        private final List<Connection> connections = new ArrayList<>();
        private final List<Bandwidth> bandwidths = new ArrayList<>();
        private String key;
        private final List<Attribute> attributes = new ArrayList<>();

        private Builder() {}

        private Builder(MediaDescription m) {
            media = m.media;
            port = m.port;
            portCount = m.portCount;
            protocol = m.protocol;
            formats.addAll(m.formats);
            information = m.information;
            connections.addAll(m.connections);
            bandwidths.addAll(m.bandwidths);
            key = m.key;
            attributes.addAll(m.attributes.all());
        }

        public Builder media(String media) {
            this.media = media;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The number of ports after a slash; {@code null} for none. */
        public Builder portCount(Integer portCount) {
            this.portCount = portCount;
            return this;
        }

        public Builder protocol(String protocol) {
            this.protocol = protocol;
            return this;
        }

        public Builder formats(List<String> formats) {
            this.formats.clear();
            this.formats.addAll(formats);
            return this;
        }

        public Builder addFormat(String format) {
            formats.add(format);
            return this;
        }

        public Builder information(String information) {
            this.information = information;
            return this;
        }

        public Builder connections(List<Connection> connections) {
            this.connections.clear();
            this.connections.addAll(connections);
            return this;
        }

        public Builder addConnection(Connection connection) {
            connections.add(Objects.requireNonNull(connection));
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

        public Builder removeAttributes(Predicate<Attribute> which) {
            attributes.removeIf(which);
            return this;
        }

        /**
         * Sets the direction: replaces the first direction attribute where it stands and drops any other, or appends
         * one when there is none.
         */
        public Builder direction(Direction direction) {
            Attribute replacement = direction.toAttribute();
            boolean placed = false;
            for (int i = 0; i < attributes.size(); i++) {
                if (Direction.fromAttribute(attributes.get(i)).isEmpty()) continue;
                if (placed) {
                    attributes.remove(i--);
                } else {
                    attributes.set(i, replacement);
                    placed = true;
                }
            }
            if (!placed) attributes.add(replacement);
            return this;
        }

        /**
         * @throws NullPointerException when media type or protocol is missing
         * @throws IllegalStateException when there is no format
         * @throws IllegalArgumentException when a value cannot be written as SDP
         */
        public MediaDescription build() {
            return new MediaDescription(this);
        }
    }
}
