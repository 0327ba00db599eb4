package io.siplane.sip.sdp;

import java.util.List;
import java.util.Optional;

/**
 * A time description (RFC 8866 §5.9–§5.11): a {@code t=<start-time> <stop-time>} line, the {@code r=} lines that
 * follow it and an optional {@code z=} line.
 *
 * <p>SIP sessions use {@code t=0 0} (RFC 3264 §5); the repeat and zone lines are kept as written, unparsed, so that
 * a relay passes them on unchanged.
 */
public record Timing(long startTime, long stopTime, List<String> repeatTimes, Optional<String> zoneAdjustments) {
    public Timing {
        if (startTime < 0 || stopTime < 0) throw new IllegalArgumentException("negative time");
        repeatTimes = List.copyOf(repeatTimes);
        repeatTimes.forEach(r -> SdpText.text(r, "r= value"));
        zoneAdjustments.ifPresent(z -> SdpText.text(z, "z= value"));
    }

    /** {@code t=0 0}: an unbounded session, what SIP uses (RFC 3264 §5). */
    public static Timing unbounded() {
        return new Timing(0, 0, List.of(), Optional.empty());
    }

    public static Timing of(long startTime, long stopTime) {
        return new Timing(startTime, stopTime, List.of(), Optional.empty());
    }
}
