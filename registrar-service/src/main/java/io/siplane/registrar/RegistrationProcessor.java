package io.siplane.registrar;

import io.siplane.events.registration.Binding;
import io.siplane.events.registration.RegistrationEvent;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.NameAddress;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.StatusCodes;
import io.siplane.sip.message.syntax.Parameters;
import io.siplane.sip.message.syntax.SipParseException;
import io.siplane.sip.message.uri.SipUri;
import io.siplane.sip.message.uri.Uri;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * RFC 3261 §10.3 as a pure function: a REGISTER, the AOR's current bindings and the time in; the response
 * and the AOR's new state out. No I/O, no clock, no locks: the caller serialises REGISTERs per AOR, looks
 * the bindings up, authenticates (steps 3–4, {@link RegisterAuthenticator}) between {@link
 * #preflight(SipRequest)} and {@link #process}, and publishes the event before it sends a 200.
 *
 * <p>Extensions: RFC 3327 Path (stored; echoed in the 200 only when the UA supports {@code path}) and RFC
 * 5626 {@code +sip.instance}/{@code reg-id} (the instance, with its reg-id, replaces the Contact URI as
 * the binding key). Thread-safe.
 */
public final class RegistrationProcessor {

    /** RFC 3261 §10.3 step 7: 423 only for requests "smaller than one hour". */
    static final long ONE_HOUR_SECONDS = 3600;

    /** Option tags this registrar implements (§10.3 step 2, §8.2.2.3). */
    public static final Set<String> SUPPORTED_OPTION_TAGS = Set.of("path");

    private final RegistrationPolicy policy;

    public RegistrationProcessor(RegistrationPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public RegistrationPolicy policy() {
        return policy;
    }

    /** The outcome of the checks that need neither the user nor the bindings. */
    public sealed interface Preflight {
        /** The request is to be refused with this response. */
        record Rejected(SipResponse response) implements Preflight {}

        /** The request is well formed for a registrar; {@code aor} is the canonical To AOR. */
        record Ready(String aor) implements Preflight {}
    }

    /**
     * §10.3 steps 1, 2 and 5 and the syntax of every header the later steps read, so that a request that
     * can never succeed is refused with 4xx before the UA is challenged for credentials (RFC 4475 §3.3.4:
     * unksm2 gets 400, not 401).
     */
    public Preflight preflight(SipRequest request) {
        // Step 1: the domain in the Request-URI. This registrar does not proxy, so a foreign domain is 404.
        if (!(request.requestUri() instanceof SipUri requestUri) || !policy.serves(requestUri.host())) {
            return new Preflight.Rejected(SipResponses.to(request, StatusCodes.NOT_FOUND, "Domain Not Served")
                    .build());
        }
        // Step 2: Require, as a UAS (§8.2.2.3): 420 listing what is not supported.
        List<String> unsupported = request.optionTags(HeaderName.REQUIRE).stream()
                .filter(tag -> !SUPPORTED_OPTION_TAGS.contains(tag))
                .toList();
        if (!unsupported.isEmpty()) {
            return new Preflight.Rejected(SipResponses.to(request, 420)
                    .add(HeaderName.UNSUPPORTED, String.join(", ", unsupported))
                    .build());
        }
        // Step 5: the AOR comes from To and must be a SIP or SIPS URI (RFC 4475 §3.3.4).
        Uri to;
        try {
            to = request.to().uri();
        } catch (SipParseException e) {
            return badRequest(request, "Bad To");
        }
        if (!(to instanceof SipUri toUri)) {
            return badRequest(request, "AOR Must Be A SIP Or SIPS URI");
        }
        Optional<String> aor = Aor.canonical(toUri);
        if (aor.isEmpty()) {
            return badRequest(request, "AOR Without User Part");
        }
        if (!policy.acceptedDomains().isEmpty() && !toUri.host().equalsIgnoreCase(requestUri.host())) {
            // Step 5: "not valid for the domain in the Request-URI".
            return new Preflight.Rejected(
                    SipResponses.to(request, StatusCodes.NOT_FOUND).build());
        }
        Optional<String> syntax = checkSyntax(request);
        if (syntax.isPresent()) {
            return badRequest(request, syntax.get());
        }
        return new Preflight.Ready(aor.get());
    }

    /** The reason phrase for a header the registrar needs but cannot read, or empty when all are fine. */
    private static Optional<String> checkSyntax(SipRequest request) {
        try {
            request.callId();
            request.cseq();
            request.numericHeader(HeaderName.EXPIRES);
        } catch (SipParseException e) {
            return Optional.of("Bad Expires");
        }
        try {
            request.paths();
        } catch (SipParseException e) {
            return Optional.of("Bad Path");
        }
        if (request.isWildcardContact()) {
            // Step 6: "*" alone, in one Contact field, with Expires: 0.
            if (request.headerCount(HeaderName.CONTACT) != 1) {
                return Optional.of("Wildcard Contact Must Be Alone");
            }
            if (request.numericHeader(HeaderName.EXPIRES) != 0) {
                return Optional.of("Wildcard Contact Needs Expires 0");
            }
            return Optional.empty();
        }
        try {
            for (NameAddress contact : request.contacts()) {
                contact.q();
                contact.expires();
                contact.regId();
            }
        } catch (SipParseException | NumberFormatException e) {
            // RFC 4475 §3.1.2.13 (regbadct): a URI with headers outside <> lands here too.
            return Optional.of("Bad Contact");
        }
        return Optional.empty();
    }

    private static Preflight badRequest(SipRequest request, String reason) {
        return new Preflight.Rejected(
                SipResponses.to(request, StatusCodes.BAD_REQUEST, reason).build());
    }

    /**
     * §10.3 steps 6–8 for an authenticated and authorised request.
     *
     * @param request a REGISTER that passed {@link #preflight(SipRequest)}
     * @param aor its canonical AOR, from the preflight
     * @param current the AOR's bindings as last committed; expired ones are dropped here
     * @param nowMillis the time of processing (epoch milliseconds)
     * @param received where the request came from ({@code transport:host:port}), or null
     */
    public RegistrationResult process(
            SipRequest request, String aor, List<Binding> current, long nowMillis, String received) {
        List<Binding> before =
                current.stream().filter(b -> b.expiresAtMillis() > nowMillis).toList();
        String callId = request.callId();
        long cseq = request.cseq().number();
        List<Binding> after;
        if (request.isWildcardContact()) {
            // Step 6: remove every binding, unless one of them was refreshed by a later request of the same
            // Call-ID (the wildcard is then out of order).
            for (Binding b : before) {
                if (b.callId().equals(callId) && cseq <= b.cseq()) {
                    return outOfOrder(request);
                }
            }
            after = List.of();
        } else {
            List<NameAddress> contacts = request.contacts();
            if (contacts.isEmpty()) {
                return new RegistrationResult(ok(request, before, nowMillis), Optional.empty());
            }
            long headerExpires = request.numericHeader(HeaderName.EXPIRES);
            // Step 7, first pass: the interval of every contact, so a 423 leaves nothing half applied.
            long[] granted = new long[contacts.size()];
            for (int i = 0; i < contacts.size(); i++) {
                long requested = contacts.get(i).expires();
                if (requested < 0) {
                    requested = headerExpires >= 0 ? headerExpires : policy.defaultExpiresSeconds();
                }
                if (requested > 0 && requested < ONE_HOUR_SECONDS && requested < policy.minExpiresSeconds()) {
                    return RegistrationResult.reject(SipResponses.to(request, 423)
                            .add(HeaderName.MIN_EXPIRES, Long.toString(policy.minExpiresSeconds()))
                            .build());
                }
                granted[i] = Math.min(requested, policy.maxExpiresSeconds());
            }
            // Step 7, second pass: tentative changes on a copy; committed only if every one succeeds.
            List<Binding> working = new ArrayList<>(before);
            List<Binding> touched = new ArrayList<>();
            List<String> path =
                    request.paths().stream().map(NameAddress::toString).toList();
            String userAgent = request.header(HeaderName.USER_AGENT);
            for (int i = 0; i < contacts.size(); i++) {
                NameAddress contact = contacts.get(i);
                int index = indexOf(working, contact);
                if (index >= 0) {
                    Binding existing = working.get(index);
                    boolean fromThisRequest = touched.contains(existing);
                    if (!fromThisRequest && existing.callId().equals(callId) && cseq <= existing.cseq()) {
                        return outOfOrder(request);
                    }
                    working.remove(index);
                }
                if (granted[i] > 0) {
                    Binding binding =
                            toBinding(contact, granted[i], nowMillis, callId, cseq, path, received, userAgent);
                    working.add(index >= 0 ? index : working.size(), binding);
                    touched.add(binding);
                }
            }
            if (working.size() > policy.maxBindingsPerAor() && working.size() > before.size()) {
                return RegistrationResult.reject(SipResponses.to(request, StatusCodes.FORBIDDEN, "Too Many Bindings")
                        .build());
            }
            after = List.copyOf(working);
        }
        SipResponse response = ok(request, after, nowMillis);
        if (after.equals(before)) {
            return new RegistrationResult(response, Optional.empty());
        }
        return new RegistrationResult(
                response, Optional.of(new RegistrationEvent(aor, after, nowMillis, policy.registrarInstance())));
    }

    /**
     * §10.3 step 7: "If not, the update MUST be aborted and the request fails"; the step's last paragraph
     * says how a REGISTER fails: "the request MUST fail with a 500 (Server Error) response".
     */
    private static RegistrationResult outOfOrder(SipRequest request) {
        return RegistrationResult.reject(
                SipResponses.to(request, StatusCodes.SERVER_INTERNAL_ERROR, "Out Of Order Request")
                        .build());
    }

    /**
     * Finds the binding a Contact refers to: by {@code +sip.instance} and {@code reg-id} when the Contact
     * has an instance (RFC 5626 §6: the instance replaces the URI as the binding key), else by the URI
     * comparison rules (§10.3 step 7, §19.1.4).
     */
    private static int indexOf(List<Binding> bindings, NameAddress contact) {
        String instance = contact.instanceId();
        int regId = instance == null ? -1 : contact.regId();
        for (int i = 0; i < bindings.size(); i++) {
            Binding b = bindings.get(i);
            if (instance != null) {
                if (instance.equals(b.instanceId()) && regId == b.regId()) {
                    return i;
                }
            } else if (b.instanceId() == null && sameUri(contact.uri(), b.contact())) {
                return i;
            }
        }
        return -1;
    }

    private static boolean sameUri(Uri uri, String registered) {
        Uri other;
        try {
            other = Uri.parse(registered);
        } catch (SipParseException e) {
            return false;
        }
        if (uri instanceof SipUri a && other instanceof SipUri b) {
            return a.equivalentTo(b);
        }
        // Other schemes (tel:, mailto:…): their own comparison rules are not known here; exact text.
        return uri.toString().equalsIgnoreCase(other.toString());
    }

    private static Binding toBinding(
            NameAddress contact,
            long grantedSeconds,
            long nowMillis,
            String callId,
            long cseq,
            List<String> path,
            String received,
            String userAgent) {
        // Header parameters kept as written, minus the two the registrar rewrites (RFC 4475 §3.3.12).
        Parameters kept = contact.parameters().without("q").without("expires");
        String params = kept.isEmpty() ? "" : kept.appendTo(new StringBuilder()).toString();
        String instance = contact.instanceId();
        return new Binding(
                contact.uri().toString(),
                params,
                contact.q(),
                nowMillis + grantedSeconds * 1000,
                callId,
                cseq,
                path,
                received,
                instance,
                instance == null ? -1 : contact.regId(),
                userAgent);
    }

    /**
     * Step 8: 200 listing every current binding with the interval the registrar chose; Path echoed when the
     * UA supports it (RFC 3327 §5.3); a Date header (SHOULD).
     */
    private static SipResponse ok(SipRequest request, List<Binding> bindings, long nowMillis) {
        SipResponse.Builder b = SipResponses.to(request, StatusCodes.OK);
        for (Binding binding : bindings) {
            b.add(HeaderName.CONTACT, contactValue(binding, nowMillis));
        }
        if (request.optionTags(HeaderName.SUPPORTED).contains("path")) {
            for (String path : request.headerValues(HeaderName.PATH)) {
                b.add(HeaderName.PATH, path);
            }
        }
        b.add(HeaderName.DATE, SipResponses.date(nowMillis));
        return b.build();
    }

    /** {@code <uri>;params[;q=…];expires=N}: name-addr form, so URI parameters stay URI parameters. */
    static String contactValue(Binding binding, long nowMillis) {
        long remaining = Math.max(0, (binding.expiresAtMillis() - nowMillis + 999) / 1000);
        StringBuilder sb = new StringBuilder(96)
                .append('<')
                .append(binding.contact())
                .append('>')
                .append(binding.contactParams());
        if (binding.q() < 1.0) {
            sb.append(";q=").append(formatQ(binding.q()));
        }
        return sb.append(";expires=").append(remaining).toString();
    }

    private static String formatQ(double q) {
        BigDecimal d = BigDecimal.valueOf(q).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.toPlainString(); // qvalue grammar (§25.1): "0", "0.5", "0.125"
    }
}
