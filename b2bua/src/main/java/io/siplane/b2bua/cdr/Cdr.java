package io.siplane.b2bua.cdr;

/**
 * A call detail record, one per call when it ends, as JSON on {@code b2bua.cdr.topic} (keyed by {@link #callId}).
 *
 * @param callId the B2BUA's id of the call (also leg B's Call-ID prefix)
 * @param legACallId the caller's SIP Call-ID
 * @param legBCallId the SIP Call-ID of the B2BUA's leg towards the callee
 * @param caller leg A's From URI
 * @param callee leg A's Request-URI (what the caller dialled)
 * @param instance the instance that ended the call (the owner, or the one that took it over)
 * @param startMillis when leg A's INVITE arrived (epoch ms)
 * @param answerMillis when the answer was relayed to leg A; 0 for an unanswered call
 * @param endMillis when the call ended
 * @param durationMillis answered calls: end − answer; 0 otherwise
 * @param status the final status leg A got to its INVITE (200 for answered calls)
 * @param cause {@code normal} (BYE from an endpoint), {@code max-duration}, {@code session-expired}, {@code cancelled}
 *     or {@code failed}
 */
public record Cdr(
        String callId,
        String legACallId,
        String legBCallId,
        String caller,
        String callee,
        String instance,
        long startMillis,
        long answerMillis,
        long endMillis,
        long durationMillis,
        int status,
        String cause) {}
