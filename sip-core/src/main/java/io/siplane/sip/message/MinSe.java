package io.siplane.sip.message;

import io.siplane.sip.message.syntax.Parameters;
import io.siplane.sip.message.syntax.SipParseException;
import io.siplane.sip.message.syntax.SipScanner;
import java.util.Objects;

/**
 * {@code Min-SE = "Min-SE" HCOLON delta-seconds *(SEMI generic-param)} (RFC 4028 §5). Delta-seconds saturate
 * at {@link Integer#MAX_VALUE}.
 */
public record MinSe(long deltaSeconds, Parameters parameters) {
    /** RFC 4028 §4: the Min-SE a UA assumes when the header is absent, and the lowest it may send. */
    public static final long DEFAULT_SECONDS = 90;

    public MinSe {
        Objects.requireNonNull(parameters, "parameters");
        if (deltaSeconds < 0) throw new IllegalArgumentException("negative Min-SE: " + deltaSeconds);
    }

    public static MinSe of(long deltaSeconds) {
        return new MinSe(deltaSeconds, Parameters.EMPTY);
    }

    /** @throws SipParseException when malformed */
    public static MinSe parse(String value) {
        SipScanner sc = new SipScanner(value);
        sc.skipWhitespace();
        long delta = DeltaSeconds.read(sc);
        Parameters params = sc.genericParams();
        sc.skipWhitespace();
        if (!sc.atEnd()) throw sc.error("unexpected character in Min-SE");
        return new MinSe(delta, params);
    }

    @Override
    public String toString() {
        return parameters.appendTo(new StringBuilder().append(deltaSeconds)).toString();
    }
}
