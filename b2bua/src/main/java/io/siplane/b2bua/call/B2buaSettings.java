package io.siplane.b2bua.call;

import java.time.Duration;
import java.util.Objects;

/**
 * What the call logic needs to know about this instance.
 *
 * @param instanceId this instance's id: in the Contact's {@code b2bua} parameter and as the owner of its calls
 * @param contactHost host of the B2BUA's Contact: in production an address of the edge, never a pod address
 * @param contactPort port of the Contact; 0 for the port the UDP listening point bound (tests)
 * @param maxCallDuration how long an answered call may last before it is torn down; zero for no limit
 * @param workerThreads threads that run the call logic (each call always on the same one)
 * @param timerScanInterval how often the call timer scan looks for calls past their deadlines (max duration,
 *     session expiry)
 */
public record B2buaSettings(
        String instanceId,
        String contactHost,
        int contactPort,
        Duration maxCallDuration,
        int workerThreads,
        Duration timerScanInterval) {
    public B2buaSettings(
            String instanceId, String contactHost, int contactPort, Duration maxCallDuration, int workerThreads) {
        this(instanceId, contactHost, contactPort, maxCallDuration, workerThreads, Duration.ofSeconds(1));
    }

    public B2buaSettings {
        Objects.requireNonNull(timerScanInterval, "timerScanInterval");
        if (timerScanInterval.isZero() || timerScanInterval.isNegative())
            throw new IllegalArgumentException("timerScanInterval must be positive");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(contactHost, "contactHost");
        Objects.requireNonNull(maxCallDuration, "maxCallDuration");
        if (workerThreads < 1) throw new IllegalArgumentException("workerThreads must be at least 1");
    }
}
