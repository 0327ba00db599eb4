package io.siplane.b2bua.call;

/** What the call logic reports; the service binds it to Micrometer ({@code siplane_b2bua_*}). */
public interface CallMetrics {
    CallMetrics NONE = new CallMetrics() {};

    default void callStarted() {}

    default void callAnswered() {}

    /** A call ended without answer; {@code status} is the final response leg A got. */
    default void callFailed(int status) {}

    /** An in-dialog request of a call this instance did not hold was served from the shared state. */
    default void callTakenOver() {}

    /** An answered call was torn down by the B2BUA: {@code reason} is max-duration or session-expired. */
    default void callExpired(String reason) {}

    /** A CDR was acknowledged by Kafka. */
    default void cdrSent() {}

    /** A CDR was lost: {@code reason} is queue-full, kafka or build. */
    default void cdrFailed(String reason) {}
}
