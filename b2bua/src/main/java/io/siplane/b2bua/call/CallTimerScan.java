package io.siplane.b2bua.call;

import io.siplane.b2bua.state.CallPhase;
import io.siplane.b2bua.state.CallRecord;
import io.siplane.b2bua.state.CallStore;
import org.jboss.logging.Logger;

/**
 * Call timers as deadlines in the {@link CallRecord} (max call duration, RFC 4028 session expiry), fired by a
 * periodic scan on every instance over the records it holds a copy of: it acts on a call whose owner is this
 * instance, or whose owner has left the cluster view. An orphan is claimed first with a compare-and-replace of
 * its owner, so that of several surviving instances exactly one tears it down (BYE on both legs).
 */
final class CallTimerScan implements Runnable {
    private static final Logger LOG = Logger.getLogger(CallTimerScan.class);

    private final CallController c;
    private final CallStore store;
    private final Membership membership;
    private final String self;

    CallTimerScan(CallController controller, CallStore store, Membership membership, String self) {
        this.c = controller;
        this.store = store;
        this.membership = membership;
        this.self = self;
    }

    @Override
    public void run() {
        try {
            long now = System.currentTimeMillis();
            for (CallRecord r : store.timerCandidates()) {
                String reason = due(r, now);
                if (reason == null) continue;
                boolean mine = self.equals(r.ownerInstance());
                if (!mine && membership.isMember(r.ownerInstance())) continue;
                if (!mine) {
                    // claim the orphan: only the instance whose compare-and-replace wins tears it down
                    CallRecord claimed = r.toBuilder().ownerInstance(self).build();
                    if (!store.replace(r, claimed)) continue;
                    LOG.infof("claimed %s from departed %s for its %s", r.callId(), r.ownerInstance(), reason);
                }
                c.onLane(r.legACallId(), () -> c.expire(r.legACallId(), reason));
            }
        } catch (RuntimeException e) {
            LOG.warn("call timer scan failed", e);
        }
    }

    /** Why the call must end now ({@code max-duration}, {@code session-expired}), or null. */
    static String due(CallRecord r, long now) {
        if (r.phase() != CallPhase.CONFIRMED) return null;
        if (r.maxDurationDeadlineMillis() > 0 && now >= r.maxDurationDeadlineMillis()) return "max-duration";
        if (r.sessionTimerDeadlineMillis() > 0 && now >= r.sessionTimerDeadlineMillis()) return "session-expired";
        return null;
    }
}
