package io.siplane.location.rest;

import io.siplane.events.registration.Binding;
import java.time.Instant;
import java.util.List;

/** One binding as the REST API shows it. {@code expiresInSeconds} is rounded up, so a live binding never shows 0. */
public record BindingView(
        String contact,
        double q,
        long expiresInSeconds,
        String expiresAt,
        List<String> path,
        String received,
        String instanceId,
        int regId,
        String callId,
        long cseq,
        String contactParams) {

    static BindingView of(Binding b, long nowMillis) {
        long remaining = b.expiresAtMillis() - nowMillis;
        return new BindingView(
                b.contact(),
                b.q(),
                (remaining + 999) / 1000,
                Instant.ofEpochMilli(b.expiresAtMillis()).toString(),
                b.path(),
                b.received(),
                b.instanceId(),
                b.regId(),
                b.callId(),
                b.cseq(),
                b.contactParams());
    }
}
