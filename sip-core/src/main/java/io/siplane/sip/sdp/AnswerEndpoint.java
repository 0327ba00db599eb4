package io.siplane.sip.sdp;

import java.util.Objects;

/**
 * Where and as whom an answerer receives media, for {@link OfferAnswer}: the answer's {@code o=}, {@code s=} and
 * session-level {@code c=}, and a port for each accepted stream.
 *
 * @param origin the answer's {@code o=}; for a later answer in the same session, {@link Origin#nextVersion()} of the
 *     previous one (RFC 3264 §8)
 * @param sessionName the answer's {@code s=}
 * @param connection the session-level {@code c=} of the answer
 * @param ports gives the port for each stream the answer accepts
 */
public record AnswerEndpoint(Origin origin, String sessionName, Connection connection, PortAllocator ports) {
    public AnswerEndpoint {
        Objects.requireNonNull(origin, "origin");
        SdpText.text(sessionName, "session name");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(ports, "ports");
    }

    /** With the session name {@value SessionDescription#NO_NAME}. */
    public static AnswerEndpoint of(Origin origin, Connection connection, PortAllocator ports) {
        return new AnswerEndpoint(origin, SessionDescription.NO_NAME, connection, ports);
    }

    /** Chooses the local port of an accepted stream, e.g. from a media relay. */
    @FunctionalInterface
    public interface PortAllocator {
        /**
         * @param mediaIndex the stream's position in the offer, from 0
         * @param offered the offered stream
         * @return a port 1–65535, or 0 to reject the stream (e.g. no relay capacity left)
         */
        int portFor(int mediaIndex, MediaDescription offered);
    }
}
