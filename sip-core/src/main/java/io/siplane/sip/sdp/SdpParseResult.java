package io.siplane.sip.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link SdpParser} returns: a {@link Success} holding the description, or a {@link Failure} saying why and
 * where. Bad input is a value here, never an exception; the caller decides (a UAS answers 488 or 400, a relay drops
 * the body).
 */
public sealed interface SdpParseResult permits SdpParseResult.Success, SdpParseResult.Failure {

    boolean isSuccess();

    /** The description, if parsing succeeded. */
    Optional<SessionDescription> toOptional();

    /**
     * The description.
     *
     * @throws IllegalStateException with the failure's cause, when parsing failed
     */
    SessionDescription orElseThrow();

    /** The body parsed. */
    record Success(SessionDescription description) implements SdpParseResult {
        public Success {
            Objects.requireNonNull(description, "description");
        }

        @Override
        public boolean isSuccess() {
            return true;
        }

        @Override
        public Optional<SessionDescription> toOptional() {
            return Optional.of(description);
        }

        @Override
        public SessionDescription orElseThrow() {
            return description;
        }
    }

    /**
     * The body did not parse.
     *
     * @param error which rule or limit was broken
     * @param lineNumber the 1-based line where it was found; 0 when the whole body is at fault (size, encoding)
     * @param detail what exactly was wrong, for logs
     */
    record Failure(SdpParseError error, int lineNumber, String detail) implements SdpParseResult {
        public Failure {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(detail, "detail");
        }

        /** One line for a log or a Warning header, e.g. {@code invalid m= line at line 6: port is not a number}. */
        public String cause() {
            String where = lineNumber > 0 ? " at line " + lineNumber : "";
            return error.summary() + where + ": " + detail;
        }

        @Override
        public boolean isSuccess() {
            return false;
        }

        @Override
        public Optional<SessionDescription> toOptional() {
            return Optional.empty();
        }

        @Override
        public SessionDescription orElseThrow() {
            throw new IllegalStateException(cause());
        }
    }
}
