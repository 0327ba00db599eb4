package io.siplane.sip.message;

import io.siplane.sip.message.syntax.Parameters;
import io.siplane.sip.message.syntax.SipParseException;
import io.siplane.sip.message.syntax.SipScanner;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code Session-Expires = ("Session-Expires" / "x") HCOLON delta-seconds *(SEMI se-params)} with
 * {@code se-params = refresher-param / generic-param} and {@code refresher-param = "refresher" EQUAL ("uas" /
 * "uac")} (RFC 4028 §4). Delta-seconds saturate at {@link Integer#MAX_VALUE}.
 */
public record SessionExpires(long deltaSeconds, Parameters parameters) {

    /** Who refreshes the session (RFC 4028 §4). */
    public enum Refresher {
        UAC,
        UAS;

        /** The wire form: {@code uac} or {@code uas}. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SessionExpires {
        Objects.requireNonNull(parameters, "parameters");
        if (deltaSeconds < 0) throw new IllegalArgumentException("negative Session-Expires: " + deltaSeconds);
    }

    /** {@code deltaSeconds} with a refresher parameter when {@code refresher} is not null. */
    public static SessionExpires of(long deltaSeconds, Refresher refresher) {
        return new SessionExpires(
                deltaSeconds, refresher == null ? Parameters.EMPTY : Parameters.of("refresher", refresher.toString()));
    }

    /** @throws SipParseException when malformed or the refresher is neither uac nor uas */
    public static SessionExpires parse(String value) {
        SipScanner sc = new SipScanner(value);
        sc.skipWhitespace();
        long delta = DeltaSeconds.read(sc);
        Parameters params = sc.genericParams();
        sc.skipWhitespace();
        if (!sc.atEnd()) throw sc.error("unexpected character in Session-Expires");
        if (params.has("refresher")) refresherOf(params.get("refresher"));
        return new SessionExpires(delta, params);
    }

    private static Refresher refresherOf(String v) {
        if ("uac".equalsIgnoreCase(v)) return Refresher.UAC;
        if ("uas".equalsIgnoreCase(v)) return Refresher.UAS;
        throw new SipParseException("bad refresher: " + v);
    }

    /** The refresher parameter, or null when absent. */
    public Refresher refresher() {
        return parameters.has("refresher") ? refresherOf(parameters.get("refresher")) : null;
    }

    /** A copy with the refresher set, e.g. when a UAS fills in the refresher the UAC left open (§9). */
    public SessionExpires withRefresher(Refresher r) {
        return new SessionExpires(deltaSeconds, parameters.with("refresher", r.toString()));
    }

    @Override
    public String toString() {
        return parameters.appendTo(new StringBuilder().append(deltaSeconds)).toString();
    }
}
