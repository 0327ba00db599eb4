package io.siplane.sip.sdp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Removes codecs from SDP a B2BUA relays: either everything not on an allow list, or everything on a deny list.
 *
 * <p>A removed format goes from the {@code m=} line together with its {@code a=rtpmap}, {@code a=fmtp} and
 * {@code a=rtcp-fb} lines, and so does a retransmission format ({@code rtx}) whose {@code apt} names a removed one (RFC
 * 4588). When a stream is left without any media codec (nothing, or only telephone-event, comfort noise and the
 * like), it is disabled instead: port 0, and only its first format kept, because an {@code m=} line needs at least one
 * (RFC 8866 §5.14, RFC 3264 §6). All other lines are left exactly as they were.
 *
 * <p>Entries are encoding names, compared without case, optionally narrowed by clock rate and channels:
 * {@code PCMA}, {@code G722/8000}, {@code opus/48000/2}. A format is identified by its {@code a=rtpmap}, else its RFC
 * 3551 static payload type; a dynamic payload type without {@code a=rtpmap} has no name, so an allow list removes it
 * and a deny list keeps it. In non-RTP streams the format is the name (e.g. {@code t38}). An allow list that should
 * keep DTMF must name {@code telephone-event}.
 */
public final class CodecFilter {
    /** Whether the list names what is kept or what is removed. */
    public enum Mode {
        /** Keep only the listed codecs. */
        ALLOW,
        /** Remove the listed codecs. */
        DENY
    }

    private final Mode mode;
    private final List<Entry> entries;

    private CodecFilter(Mode mode, Collection<String> codecs) {
        this.mode = mode;
        this.entries = codecs.stream().map(Entry::parse).toList();
    }

    /**
     * @param codecs entries such as {@code PCMA}, {@code G722/8000} or {@code opus/48000/2}
     * @throws IllegalArgumentException when an entry is malformed, so that a bad configuration fails at startup
     */
    public static CodecFilter of(Mode mode, Collection<String> codecs) {
        return new CodecFilter(mode, codecs);
    }

    /** Keeps only these codecs. */
    public static CodecFilter allow(String... codecs) {
        return new CodecFilter(Mode.ALLOW, List.of(codecs));
    }

    /** Removes these codecs. */
    public static CodecFilter deny(String... codecs) {
        return new CodecFilter(Mode.DENY, List.of(codecs));
    }

    public Mode mode() {
        return mode;
    }

    /** The entries, as given. */
    public List<String> codecs() {
        return entries.stream().map(Entry::toString).toList();
    }

    /** Every stream filtered; the same instance when nothing was removed. */
    public SessionDescription apply(SessionDescription sdp) {
        List<MediaDescription> filtered = sdp.media().stream().map(this::apply).toList();
        return filtered.equals(sdp.media())
                ? sdp
                : sdp.toBuilder().media(filtered).build();
    }

    /** The stream filtered; the same instance when nothing was removed. Already disabled streams are left alone. */
    public MediaDescription apply(MediaDescription media) {
        if (media.isRejected()) return media;
        Set<String> removed = new LinkedHashSet<>();
        for (String format : media.formats()) {
            if (!permits(media, format)) removed.add(format);
        }
        for (String format : media.formats()) {
            boolean isRtx = media.codec(format)
                    .filter(c -> FormatAttributes.isRetransmission(c.encodingName()))
                    .isPresent();
            if (isRtx
                    && FormatAttributes.associatedPayloadType(media, format)
                            .filter(removed::contains)
                            .isPresent()) {
                removed.add(format);
            }
        }
        if (removed.isEmpty()) return media;

        List<String> kept = new ArrayList<>(media.formats());
        kept.removeAll(removed);
        if (!FormatAttributes.includesMediaCodec(media, kept)) {
            // Nothing usable left: disable the stream but keep one format, as the m= line needs one.
            String first = media.formats().get(0);
            return media.toBuilder()
                    .port(MediaDescription.REJECTED_PORT)
                    .formats(List.of(first))
                    .removeAttributes(a -> FormatAttributes.formatOf(a)
                            .filter(f -> !f.equals(first) && media.formats().contains(f))
                            .isPresent())
                    .build();
        }
        return media.toBuilder()
                .formats(kept)
                .removeAttributes(a ->
                        FormatAttributes.formatOf(a).filter(removed::contains).isPresent())
                .build();
    }

    /** Whether this filter lets a format of the stream through. */
    public boolean permits(MediaDescription media, String format) {
        boolean listed;
        if (media.isRtp()) {
            Optional<RtpMap> codec = media.codec(format);
            // A dynamic type without rtpmap has no name: an allow list cannot have named it, a deny list neither.
            if (codec.isEmpty()) return mode == Mode.DENY;
            listed = entries.stream().anyMatch(e -> e.matches(codec.get()));
        } else {
            listed = entries.stream().anyMatch(e -> e.matchesName(format));
        }
        return listed == (mode == Mode.ALLOW);
    }

    @Override
    public String toString() {
        return mode + " " + codecs();
    }

    /** One list entry: {@code name[/clock rate[/channels]]}; 0 means "any". */
    private record Entry(String name, int clockRate, int channels) {
        static Entry parse(String text) {
            String[] parts = text.strip().split("/", -1);
            if (parts.length > 3 || parts[0].isEmpty() || parts[0].indexOf(' ') >= 0) {
                throw new IllegalArgumentException("codec entry is not name[/clock[/channels]]: " + text);
            }
            int clock = parts.length > 1 ? RtpMap.smallNumber(parts[1]) : 0;
            int channels = parts.length > 2 ? RtpMap.smallNumber(parts[2]) : 0;
            if (clock < 0 || channels < 0) throw new IllegalArgumentException("bad number in codec entry: " + text);
            return new Entry(parts[0], clock, channels);
        }

        boolean matches(RtpMap codec) {
            return name.equalsIgnoreCase(codec.encodingName())
                    && (clockRate == 0 || clockRate == codec.clockRate())
                    && (channels == 0 || channels == codec.channelCount());
        }

        boolean matchesName(String format) {
            return name.equalsIgnoreCase(format);
        }

        @Override
        public String toString() {
            if (clockRate == 0) return name;
            return channels == 0 ? name + '/' + clockRate : name + '/' + clockRate + '/' + channels;
        }
    }
}
