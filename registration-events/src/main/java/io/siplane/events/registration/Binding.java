package io.siplane.events.registration;

import java.util.List;
import java.util.Objects;

/**
 * One Contact registered for an AOR (RFC 3261 §10.3; RFC 3327 Path; RFC 5626 instance and reg-id).
 *
 * @param contact the Contact URI exactly as registered, URI parameters included (RFC 4475 §3.3.13)
 * @param contactParams header parameters of the Contact other than q and expires (e.g. {@code unknownparam},
 *     RFC 4475 §3.3.12), as written: {@code ;a=b;c}, or empty
 * @param q the q-value, 0.0–1.0
 * @param expiresAtMillis absolute expiry (epoch milliseconds)
 * @param callId Call-ID of the REGISTER that last refreshed the binding (§10.3 step 7)
 * @param cseq CSeq number of that REGISTER
 * @param path the Path header values to route requests towards the UA through (RFC 3327 §5.3), in order
 * @param received the source address and port the REGISTER came from, {@code transport:host:port}, or null
 * @param instanceId RFC 5626 {@code +sip.instance}, or null
 * @param regId RFC 5626 {@code reg-id}, or -1
 * @param userAgent the User-Agent of the registering UA, or null
 */
public record Binding(
        String contact,
        String contactParams,
        double q,
        long expiresAtMillis,
        String callId,
        long cseq,
        List<String> path,
        String received,
        String instanceId,
        int regId,
        String userAgent) {

    public Binding {
        Objects.requireNonNull(contact, "contact");
        contactParams = contactParams == null ? "" : contactParams;
        path = path == null ? List.of() : List.copyOf(path);
        if (q < 0 || q > 1) throw new IllegalArgumentException("q out of range: " + q);
    }
}
