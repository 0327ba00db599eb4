package io.siplane.sip.dialog;

import io.siplane.sip.message.CSeq;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.NameAddress;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.syntax.Parameters;
import io.siplane.sip.message.uri.SipUri;
import io.siplane.sip.message.uri.Uri;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Creating dialogs (RFC 3261 §12.1) and building requests within them (§12.2.1.1, §13.2.2.4).
 *
 * <p>Requests built here carry no Via: the transaction/transport layer adds the Via and its branch when it
 * sends them (§8.1.1.7).
 */
public final class Dialogs {
    /** §8.1.1.6: the Max-Forwards a UAC puts in a request it originates. */
    public static final int MAX_FORWARDS = 70;

    /**
     * The highest initial local sequence number chosen for a dialog whose local sequence number is empty: half
     * the CSeq space, so billions of requests fit before §8.1.1.5's 2**31 limit.
     */
    static final long MAX_INITIAL_SEQ = 1L << 30;

    private Dialogs() {}

    /** True when {@code request} is within a dialog: its To header field has a tag (§12.2.2, §8.2.2.2). */
    public static boolean isInDialog(SipRequest request) {
        return request.to().tag() != null;
    }

    /**
     * True for a target refresh request, one that can update the remote target (§12.2): INVITE (RFC 3261),
     * UPDATE (RFC 3311), SUBSCRIBE and NOTIFY (RFC 6665).
     */
    public static boolean isTargetRefresh(SipMethod method) {
        return method == SipMethod.INVITE
                || method == SipMethod.UPDATE
                || method == SipMethod.SUBSCRIBE
                || method == SipMethod.NOTIFY;
    }

    // ---- creation (§12.1) -------------------------------------------------------------------------------

    /**
     * The dialog a UAC gets from a response to its dialog-creating request (§12.1.2): early for a 101–199 with
     * a To tag, confirmed for a 2xx. Route set: the response's Record-Route values reversed, parameters kept;
     * remote target: the response's Contact URI; local sequence number: the request's CSeq; remote sequence
     * number: empty; secure: the Request-URI is SIPS (a SIPS request goes over TLS on every hop, §26.2.2).
     *
     * <p>A 1xx without Contact (a MUST of §12.1.1 some UAs break) gets the request's Request-URI as remote
     * target until a later response brings a Contact ({@link DialogState#applyResponse}).
     *
     * @throws IllegalArgumentException when the response cannot create a dialog: status 100 or a final non-2xx,
     *     no To tag, a 2xx without Contact, or a response that does not answer {@code request} (Call-ID, From
     *     tag or CSeq differ)
     */
    public static DialogState createUac(SipRequest request, SipResponse response) {
        int status = response.status();
        if (status <= 100 || status >= 300)
            throw new IllegalArgumentException("a " + status + " response does not create a dialog (§12.1)");
        String localTag = request.from().tag();
        if (localTag == null || localTag.isEmpty())
            throw new IllegalArgumentException("the request has no From tag (§8.1.1.3)");
        if (!response.callId().equals(request.callId())
                || !localTag.equalsIgnoreCase(DialogId.tagOf(response.from()))
                || !response.cseq().equals(request.cseq()))
            throw new IllegalArgumentException(
                    "the response does not answer the request: Call-ID, From tag or CSeq" + " differ");
        String remoteTag = response.to().tag();
        if (remoteTag == null || remoteTag.isEmpty())
            throw new IllegalArgumentException("a response without To tag does not create a dialog (§12.1.2)");

        List<NameAddress> contacts = response.contacts();
        String remoteTarget;
        if (!contacts.isEmpty()) remoteTarget = contacts.get(0).uri().toString();
        else if (status < 200) remoteTarget = request.requestUri().toString();
        else throw new IllegalArgumentException("a 2xx that creates a dialog must carry a Contact (§12.1.1)");

        long seq = request.cseq().number();
        return new DialogState(
                DialogState.Role.UAC,
                status >= 200 ? DialogState.State.CONFIRMED : DialogState.State.EARLY,
                request.callId(),
                localTag,
                remoteTag,
                seq,
                DialogState.NO_SEQ,
                seq,
                addressOnly(request.from()),
                addressOnly(request.to()),
                remoteTarget,
                isSips(request.requestUri()),
                uacRouteSet(response));
    }

    /**
     * The dialog a UAS creates for a dialog-creating request it answers with a tagged 1xx or a 2xx (§12.1.1),
     * in the early state: call {@link DialogState#applySentResponse} (or {@link DialogState#confirmed()}) when
     * it sends the 2xx. Route set: the request's Record-Route values in order, parameters kept; remote target:
     * the request's Contact URI; remote sequence number: the request's CSeq; local sequence number: empty.
     *
     * @param localTag the To tag this UAS puts in its responses (§19.3)
     * @param overTls whether the request arrived over TLS: the dialog is secure when it did and the
     *     Request-URI is SIPS
     * @throws IllegalArgumentException when the request has no Contact (a MUST of §8.1.1.8), or already has a
     *     To tag that is not {@code localTag}
     */
    public static DialogState createUas(SipRequest request, String localTag, boolean overTls) {
        Objects.requireNonNull(localTag, "localTag");
        if (localTag.isEmpty()) throw new IllegalArgumentException("empty local tag");
        String toTag = request.to().tag();
        // A NOTIFY that creates the subscriber's dialog (RFC 6665) already carries the subscriber's tag.
        if (toTag != null && !toTag.equalsIgnoreCase(localTag))
            throw new IllegalArgumentException("the request is within another dialog (To tag " + toTag + ")");
        List<NameAddress> contacts = request.contacts();
        if (contacts.isEmpty())
            throw new IllegalArgumentException("a dialog-creating request must carry a Contact (§8.1.1.8)");
        long seq = request.cseq().number();
        List<String> routeSet = new ArrayList<>();
        for (NameAddress rr : request.recordRoutes()) routeSet.add(rr.toString());
        return new DialogState(
                DialogState.Role.UAS,
                DialogState.State.EARLY,
                request.callId(),
                localTag,
                DialogId.tagOf(request.from()),
                DialogState.NO_SEQ,
                seq,
                seq,
                addressOnly(request.to()),
                addressOnly(request.from()),
                contacts.get(0).uri().toString(),
                overTls && isSips(request.requestUri()),
                routeSet);
    }

    /** §12.1.2: the Record-Route values of a response in reverse order, every parameter kept. */
    static List<String> uacRouteSet(SipResponse response) {
        List<NameAddress> rr = response.recordRoutes();
        List<String> out = new ArrayList<>(rr.size());
        for (int i = rr.size() - 1; i >= 0; i--) out.add(rr.get(i).toString());
        return out;
    }

    /** The display name and URI of a From/To value, without tag or other header parameters. */
    private static String addressOnly(NameAddress address) {
        return new NameAddress(address.displayName(), address.uri(), Parameters.EMPTY).toString();
    }

    private static boolean isSips(Uri uri) {
        return uri instanceof SipUri s && s.isSecure();
    }

    // ---- requests within a dialog (§12.2.1.1) -----------------------------------------------------------

    /**
     * A request within the dialog (§12.2.1.1): To = remote URI and remote tag, From = local URI and local tag,
     * the dialog's Call-ID, CSeq = local sequence number + 1 (or a random initial value when it is empty),
     * Max-Forwards 70, and Request-URI and Route from the remote target and route set:
     *
     * <ul>
     *   <li>empty route set: Request-URI = remote target, no Route;
     *   <li>first route has {@code lr} (loose routing): Request-URI = remote target, Route = the route set;
     *   <li>otherwise (strict routing, RFC 2543): Request-URI = the first route's URI without the parameters a
     *       Request-URI may not carry, Route = the rest of the route set followed by the remote target.
     * </ul>
     *
     * <p>No Via (the transaction layer adds it); the caller adds Contact to target refresh requests.
     *
     * @throws IllegalArgumentException for ACK (use {@link #ackFor2xx}) and CANCEL (§9.1: built from the
     *     request it cancels, not from the dialog)
     * @throws IllegalStateException when the dialog is terminated or its local sequence number is exhausted
     */
    public static DialogRequest newRequest(DialogState state, SipMethod method) {
        Objects.requireNonNull(method, "method");
        if (method == SipMethod.ACK)
            throw new IllegalArgumentException("ACK of a 2xx reuses the INVITE's CSeq: use ackFor2xx (§13.2.2.4)");
        if (method == SipMethod.CANCEL)
            throw new IllegalArgumentException("CANCEL is built from the request it cancels, not the dialog (§9.1)");
        if (state.isTerminated()) throw new IllegalStateException("dialog terminated: " + state.id());
        long seq;
        if (state.hasLocalSeq()) {
            if (state.localSeq() >= CSeq.MAX_NUMBER)
                throw new IllegalStateException("local CSeq exhausted (§8.1.1.5: below 2**31): " + state.id());
            seq = state.localSeq() + 1;
        } else {
            // §12.2.1.1: an empty local sequence number (a UAS's first request) gets an initial value chosen
            // as for any request (§8.1.1.5).
            seq = ThreadLocalRandom.current().nextLong(1, MAX_INITIAL_SEQ);
        }
        return new DialogRequest(state.withLocalSeq(seq), build(state, method, seq));
    }

    /**
     * The ACK of a 2xx to an INVITE (initial or re-INVITE) of this dialog (§13.2.2.4): built like any request
     * within the dialog, but its CSeq number is the INVITE's and the local sequence number does not change.
     * For the initial INVITE, apply the 2xx to the dialog first ({@link DialogState#applyResponse}) so that
     * route set and remote target come from it. No Via; credentials of the INVITE are the caller's to copy.
     */
    public static SipRequest.Builder ackFor2xx(DialogState state, long inviteCseq) {
        return build(state, SipMethod.ACK, inviteCseq);
    }

    private static SipRequest.Builder build(DialogState state, SipMethod method, long seq) {
        CSeq cseq = new CSeq(seq, method);
        Uri remoteTarget = state.remoteTargetUri();
        List<String> routeSet = state.routeSet();
        Uri requestUri;
        List<String> routes;
        NameAddress first = routeSet.isEmpty() ? null : NameAddress.parse(routeSet.get(0));
        if (first == null) {
            requestUri = forRequestUri(remoteTarget);
            routes = List.of();
        } else if (first.uri() instanceof SipUri s && s.isLooseRouting()) {
            requestUri = forRequestUri(remoteTarget);
            routes = routeSet;
        } else {
            // Strict routing (RFC 2543 proxies): the next hop is in the Request-URI and the remote target
            // travels as the last Route value, so the last strict router can restore it.
            requestUri = forRequestUri(first.uri());
            routes = new ArrayList<>(routeSet.subList(1, routeSet.size()));
            routes.add(NameAddress.of(remoteTarget).toString());
        }
        NameAddress to = state.remoteAddress();
        if (!state.remoteTag().isEmpty()) to = to.withTag(state.remoteTag());
        NameAddress from = state.localAddress().withTag(state.localTag());
        SipRequest.Builder b =
                SipRequest.builder(method, requestUri).add(HeaderName.MAX_FORWARDS, Integer.toString(MAX_FORWARDS));
        for (String r : routes) b.add(HeaderName.ROUTE, r);
        return b.add(HeaderName.TO, to.toString())
                .add(HeaderName.FROM, from.toString())
                .add(HeaderName.CALL_ID, state.callId())
                .add(HeaderName.CSEQ, cseq.toString());
    }

    /**
     * A URI as it may stand in a Request-URI (RFC 3261 §19.1.1, table 1): without the {@code method}
     * parameter and without headers.
     */
    static Uri forRequestUri(Uri uri) {
        if (uri instanceof SipUri s) return s.withoutParameter("method").withoutHeaders();
        return uri;
    }
}
