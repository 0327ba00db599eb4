package io.siplane.b2bua.call;

import io.siplane.b2bua.cdr.Cdr;
import io.siplane.b2bua.cdr.CdrSink;
import io.siplane.sip.message.StatusCodes;

/**
 * What happens to a call, for the metrics and the call detail records: the controller reports here, on the call's
 * lane. A CDR is written when the call ends, by the instance that ends it.
 */
final class CallEvents {
    private final CallMetrics metrics;
    private final CdrSink cdrs;
    private final String instanceId;

    CallEvents(CallMetrics metrics, CdrSink cdrs, String instanceId) {
        this.metrics = metrics;
        this.cdrs = cdrs;
        this.instanceId = instanceId;
    }

    void started(Call call) {
        metrics.callStarted();
    }

    void answered(Call call) {
        metrics.callAnswered();
    }

    /** The call ends without answer: {@code status} to A. */
    void failed(Call call, int status) {
        call.finalStatus = status;
        call.endCause = status == StatusCodes.REQUEST_TERMINATED && call.cancelled ? "cancelled" : "failed";
        metrics.callFailed(status);
    }

    void expired(Call call, String reason) {
        call.endCause = reason;
        metrics.callExpired(reason);
    }

    void takenOver(Call call) {
        metrics.callTakenOver();
    }

    /** The call is over (out of memory and store): its CDR. Never throws. */
    void ended(Call call) {
        try {
            long now = System.currentTimeMillis();
            long answered = call.record.answeredAtMillis();
            int status = call.finalStatus != 0 ? call.finalStatus : answered > 0 ? StatusCodes.OK : 0;
            String cause = call.endCause != null ? call.endCause : answered > 0 ? "normal" : "failed";
            cdrs.send(new Cdr(
                    call.id,
                    call.legACallId,
                    call.legBCallId,
                    caller(call),
                    callee(call),
                    instanceId,
                    call.record.createdAtMillis(),
                    answered,
                    now,
                    answered > 0 ? now - answered : 0,
                    status,
                    cause));
        } catch (RuntimeException e) {
            metrics.cdrFailed("build");
        }
    }

    private static String caller(Call call) {
        if (call.aInvite != null) return call.aInvite.from().uri().toString();
        return call.aDialog != null ? call.aDialog.remoteUri() : null; // taken over: no INVITE here
    }

    private static String callee(Call call) {
        if (call.aInvite != null) return call.aInvite.requestUri().toString();
        return call.aDialog != null ? call.aDialog.localUri() : null;
    }
}
