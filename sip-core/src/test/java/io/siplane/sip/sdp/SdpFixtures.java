package io.siplane.sip.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The files under {@code src/test/resources/sdp/}; see the README there for where each comes from. */
final class SdpFixtures {
    /** Every fixture; all are well-formed SDP with CRLF line endings. */
    static final List<String> ALL = List.of(
            "rfc3665-3.1-F1-invite-offer.sdp",
            "rfc3665-3.1-F3-200-answer.sdp",
            "rfc3665-3.5-F2-invite-offer-via-alg.sdp",
            "rfc3665-3.6-F12-ack-answer.sdp",
            "rfc3665-3.7-F9-reinvite-offer.sdp",
            "rfc3665-3.7-F10-200-answer.sdp",
            "rfc8866-section5-example.sdp",
            "every-line-type.sdp",
            "webrtc-like-offer.sdp",
            "rfc4317/2.1-offer.sdp",
            "rfc4317/2.1-answer.sdp",
            "rfc4317/2.2-offer.sdp",
            "rfc4317/2.2-answer.sdp",
            "rfc4317/2.2-second-offer.sdp",
            "rfc4317/2.2-second-answer.sdp",
            "rfc4317/2.3-offer.sdp",
            "rfc4317/2.3-answer.sdp",
            "rfc4317/2.4-offer.sdp",
            "rfc4317/2.4-answer.sdp",
            "rfc4317/2.6-offer.sdp",
            "rfc4317/2.6-answer.sdp",
            "rfc4317/3.1-offer.sdp",
            "rfc4317/3.1-answer.sdp",
            "rfc4317/3.2-second-offer.sdp",
            "rfc4317/3.2-second-answer.sdp",
            "rfc4317/5.1-offer.sdp",
            "rfc4317/5.1-answer.sdp");

    private SdpFixtures() {}

    /** {@link #ALL}, for {@code @MethodSource}. */
    static List<String> all() {
        return ALL;
    }

    static byte[] bytes(String name) {
        try (InputStream in = SdpFixtures.class.getResourceAsStream("/sdp/" + name)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** The fixture parsed; fails the test if it does not parse. */
    static SessionDescription parsed(String name) {
        return SdpParser.parse(bytes(name)).orElseThrow();
    }

    /** Lines joined with CRLF, each line ended by one. */
    static String sdp(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }
}
