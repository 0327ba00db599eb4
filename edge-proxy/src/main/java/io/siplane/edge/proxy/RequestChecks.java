package io.siplane.edge.proxy;

import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.Via;
import io.siplane.sip.transaction.StatelessForwarding;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Predicate;

/** The RFC 3261 §16.3 request validation a stateless edge performs before forwarding. Pure functions. */
public final class RequestChecks {
    /** RFC 3261 §16.6 item 3: the value a proxy inserts when a request has no Max-Forwards. */
    public static final int DEFAULT_MAX_FORWARDS = 70;

    private RequestChecks() {}

    /**
     * RFC 3261 §16.3 item 3: a request that would be forwarded with Max-Forwards 0 gets 483. Returns the status to
     * answer with, or empty when the request may be forwarded.
     */
    public static OptionalInt maxForwardsVerdict(SipRequest request) {
        return request.maxForwards() == 0 ? OptionalInt.of(483) : OptionalInt.empty();
    }

    /**
     * The Max-Forwards of the forwarded copy (§16.6 item 3): one less than received, or {@code insertedDefault}
     * minus nothing when the request had none (RFC 3261 inserts 70, RFC 2543 peers send none).
     */
    public static int forwardedMaxForwards(SipRequest request, int insertedDefault) {
        int mf = request.maxForwards();
        return mf < 0 ? insertedDefault : mf - 1;
    }

    /**
     * RFC 3261 §16.3 item 4 for a stateless proxy (§16.11): the request loops when a Via below the top one carries
     * one of our sent-by values and the branch we would compute now for the same target, i.e. the request is back
     * with the same Request-URI as when we forwarded it. A request back with another Request-URI is a spiral and is
     * fine. Since {@link StatelessForwarding#branch} hashes the previous hop's Via, the branch is recomputed with the
     * Via that was on top when we forwarded (the one just below ours) as the top Via.
     */
    public static boolean isLoop(SipRequest request, Predicate<Via> ours, StatelessForwarding forwarding) {
        List<Via> vias = request.vias();
        // the top Via is the previous hop's; ours can only be below it. Bounded by the Via count.
        for (int i = 1; i < vias.size() - 1; i++) {
            Via v = vias.get(i);
            if (!ours.test(v)) continue;
            SipRequest asForwarded = withTopVia(request, vias.get(i + 1));
            if (forwarding.branch(asForwarded, request.requestUri()).equals(v.branch())) return true;
        }
        return false;
    }

    private static SipRequest withTopVia(SipRequest request, Via top) {
        return request.toBuilder()
                .remove(HeaderName.VIA)
                .add(HeaderName.VIA, top.toString())
                .build();
    }
}
