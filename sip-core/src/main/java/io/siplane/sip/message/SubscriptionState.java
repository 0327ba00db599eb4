package io.siplane.sip.message;

import io.siplane.sip.message.syntax.Parameters;
import io.siplane.sip.message.syntax.SipParseException;
import io.siplane.sip.message.syntax.SipScanner;
import java.util.Objects;

/**
 * {@code Subscription-State = "Subscription-State" HCOLON substate-value *( SEMI subexp-params )} (RFC 6665
 * §8.2.3): {@code active}, {@code pending}, {@code terminated} or an extension state, with the
 * {@code expires}, {@code reason} and {@code retry-after} parameters. State and parameters are kept as written;
 * the accessors compare case-insensitively (RFC 3261 §25: ABNF literals are case-insensitive).
 */
public record SubscriptionState(String state, Parameters parameters) {
    public static final String ACTIVE = "active";
    public static final String PENDING = "pending";
    public static final String TERMINATED = "terminated";

    public SubscriptionState {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(parameters, "parameters");
    }

    /** {@code active;expires=n} or {@code pending;expires=n}. */
    public static SubscriptionState of(String state, long expires) {
        return new SubscriptionState(state, Parameters.of("expires", Long.toString(expires)));
    }

    /** {@code terminated;reason=r}, or bare {@code terminated} when {@code reason} is null. */
    public static SubscriptionState terminated(String reason) {
        return new SubscriptionState(TERMINATED, reason == null ? Parameters.EMPTY : Parameters.of("reason", reason));
    }

    /** @throws SipParseException when malformed, including non-numeric {@code expires} or {@code retry-after} */
    public static SubscriptionState parse(String value) {
        SipScanner sc = new SipScanner(value);
        sc.skipWhitespace();
        String state = sc.token();
        Parameters params = sc.genericParams();
        sc.skipWhitespace();
        if (!sc.atEnd()) throw sc.error("unexpected character in Subscription-State");
        checkDelta(params, "expires");
        checkDelta(params, "retry-after");
        if (params.has("reason") && params.get("reason") == null) throw sc.error("reason without value");
        return new SubscriptionState(state, params);
    }

    private static void checkDelta(Parameters params, String name) {
        if (params.has(name)) {
            String v = params.get(name);
            if (v == null) throw new SipParseException(name + " without value in Subscription-State");
            DeltaSeconds.parseSaturating(v);
        }
    }

    public boolean isActive() {
        return ACTIVE.equalsIgnoreCase(state);
    }

    public boolean isPending() {
        return PENDING.equalsIgnoreCase(state);
    }

    public boolean isTerminated() {
        return TERMINATED.equalsIgnoreCase(state);
    }

    /** The {@code expires} parameter in seconds (saturating), or -1 when absent. */
    public long expires() {
        String v = parameters.get("expires");
        return v == null ? -1 : DeltaSeconds.parseSaturating(v);
    }

    /** The {@code retry-after} parameter in seconds (saturating), or -1 when absent. */
    public long retryAfter() {
        String v = parameters.get("retry-after");
        return v == null ? -1 : DeltaSeconds.parseSaturating(v);
    }

    /** The {@code reason} parameter (deactivated, probation, rejected, timeout, giveup, noresource, …), or null. */
    public String reason() {
        return parameters.get("reason");
    }

    @Override
    public String toString() {
        return parameters.appendTo(new StringBuilder().append(state)).toString();
    }
}
