package io.siplane.sip.dialog;

import io.siplane.sip.message.CSeq;
import io.siplane.sip.message.NameAddress;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.uri.Uri;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The state of one dialog at one UA (RFC 3261 §12.1): an immutable value. Every event returns the next state;
 * the caller stores it (in memory, or in a distributed cache through {@link #toBytes()}).
 *
 * <p>Only plain types (String, long, boolean, {@code List<String>}, enums), so a marshaller such as ProtoStream
 * can describe it field by field. Addresses and routes are kept as the text of name-addr values and parsed on
 * access ({@link #localAddress()}, {@link #remoteTargetUri()}, {@link #routes()}).
 *
 * @param role whether this UA was the UAC or the UAS of the request that created the dialog
 * @param state early, confirmed or terminated (§12)
 * @param callId the Call-ID of every request in the dialog
 * @param localTag this UA's tag, not empty
 * @param remoteTag the peer's tag; empty for an RFC 2543 peer that sent none (§12.1.1)
 * @param localSeq the local sequence number: the CSeq of the last request this UA sent in the dialog, or
 *     {@link #NO_SEQ} ("empty", §12.1.1) until it sends one
 * @param remoteSeq the remote sequence number: the CSeq of the last request accepted from the peer, or
 *     {@link #NO_SEQ} ("empty", §12.1.2) until one arrives
 * @param initialCseq the CSeq number of the request that created the dialog (the INVITE), needed to tell its
 *     responses from those of later requests and for the ACK of its 2xx (§13.2.2.4)
 * @param localUri this UA's address as a name-addr without tag: the From of its requests (§12.2.1.1)
 * @param remoteUri the peer's address as a name-addr without tag: the To of this UA's requests
 * @param remoteTarget the peer's Contact URI: the Request-URI of this UA's requests (§12.2.1.1)
 * @param secure true when the dialog was created over TLS with a SIPS Request-URI (§12.1.1, §12.1.2)
 * @param routeSet the route set, as name-addr values in the order they go into Route header fields
 */
public record DialogState(
        Role role,
        State state,
        String callId,
        String localTag,
        String remoteTag,
        long localSeq,
        long remoteSeq,
        long initialCseq,
        String localUri,
        String remoteUri,
        String remoteTarget,
        boolean secure,
        List<String> routeSet) {

    /** An "empty" sequence number (§12.1.1, §12.1.2). */
    public static final long NO_SEQ = -1;

    /** Which side of the dialog-creating transaction this UA was. */
    public enum Role {
        UAC,
        UAS
    }

    /** The dialog states of RFC 3261 §12: early (after a provisional response), confirmed (after a 2xx). */
    public enum State {
        EARLY,
        CONFIRMED,
        TERMINATED
    }

    public DialogState {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(state, "state");
        requireText(callId, "callId");
        requireText(localTag, "localTag");
        Objects.requireNonNull(remoteTag, "remoteTag");
        requireSeq(localSeq, "localSeq");
        requireSeq(remoteSeq, "remoteSeq");
        if (initialCseq < 0 || initialCseq > CSeq.MAX_NUMBER)
            throw new IllegalArgumentException("initialCseq out of range: " + initialCseq);
        requireText(localUri, "localUri");
        requireText(remoteUri, "remoteUri");
        requireText(remoteTarget, "remoteTarget");
        routeSet = List.copyOf(routeSet);
    }

    private static void requireText(String s, String what) {
        Objects.requireNonNull(s, what);
        if (s.isEmpty()) throw new IllegalArgumentException("empty " + what);
    }

    private static void requireSeq(long seq, String what) {
        if (seq < NO_SEQ || seq > CSeq.MAX_NUMBER) throw new IllegalArgumentException(what + " out of range: " + seq);
    }

    // ---- derived views ----------------------------------------------------------------------------------

    /** The dialog ID from this UA's point of view. */
    public DialogId id() {
        return new DialogId(callId, localTag, remoteTag);
    }

    public boolean hasLocalSeq() {
        return localSeq != NO_SEQ;
    }

    public boolean hasRemoteSeq() {
        return remoteSeq != NO_SEQ;
    }

    public boolean isEarly() {
        return state == State.EARLY;
    }

    public boolean isConfirmed() {
        return state == State.CONFIRMED;
    }

    public boolean isTerminated() {
        return state == State.TERMINATED;
    }

    /** {@link #localUri()} parsed. */
    public NameAddress localAddress() {
        return NameAddress.parse(localUri);
    }

    /** {@link #remoteUri()} parsed. */
    public NameAddress remoteAddress() {
        return NameAddress.parse(remoteUri);
    }

    /** {@link #remoteTarget()} parsed. */
    public Uri remoteTargetUri() {
        return Uri.parse(remoteTarget);
    }

    /** {@link #routeSet()} parsed, in order. */
    public List<NameAddress> routes() {
        List<NameAddress> out = new ArrayList<>(routeSet.size());
        for (String r : routeSet) out.add(NameAddress.parse(r));
        return out;
    }

    // ---- transitions ------------------------------------------------------------------------------------

    /** This dialog in the confirmed state. @throws IllegalStateException when it is terminated */
    public DialogState confirmed() {
        if (state == State.TERMINATED) throw new IllegalStateException("a terminated dialog cannot be confirmed");
        return withState(State.CONFIRMED);
    }

    /** This dialog in the terminated state. */
    public DialogState terminated() {
        return withState(State.TERMINATED);
    }

    public DialogState withState(State s) {
        return s == state ? this : copy(s, localSeq, remoteSeq, remoteTarget, routeSet);
    }

    public DialogState withLocalSeq(long seq) {
        return copy(state, seq, remoteSeq, remoteTarget, routeSet);
    }

    public DialogState withRemoteSeq(long seq) {
        return copy(state, localSeq, seq, remoteTarget, routeSet);
    }

    public DialogState withRemoteTarget(String target) {
        return copy(state, localSeq, remoteSeq, target, routeSet);
    }

    public DialogState withRouteSet(List<String> routes) {
        return copy(state, localSeq, remoteSeq, remoteTarget, routes);
    }

    /** This dialog with the components a transition can change (§12.2) replaced; the rest never change. */
    private DialogState copy(State state, long localSeq, long remoteSeq, String remoteTarget, List<String> routeSet) {
        return new DialogState(
                role,
                state,
                callId,
                localTag,
                remoteTag,
                localSeq,
                remoteSeq,
                initialCseq,
                localUri,
                remoteUri,
                remoteTarget,
                secure,
                routeSet);
    }

    /**
     * Applies the RFC 3261 §12.2.2 rules to a request received within this dialog (the server transaction has
     * already absorbed retransmissions).
     *
     * <ul>
     *   <li>A request whose dialog ID is not this dialog's, or that arrives in a terminated dialog, is
     *       {@link RemoteRequestOutcome.Verdict#REJECT_481 rejected with 481}.
     *   <li>ACK (of a 2xx, it carries the INVITE's number, §13.2.2.4) and CANCEL (carries the number of the
     *       request it cancels, §9.1) are accepted without touching the remote sequence number.
     *   <li>If the remote sequence number is empty it is set from the CSeq. Otherwise a CSeq lower than it is
     *       out of order and {@link RemoteRequestOutcome.Verdict#REJECT_500 rejected with 500} (§12.2.2). An
     *       equal CSeq is rejected the same way: a true retransmission carries the branch of the original and
     *       never gets past the server transaction (§17.2.3), so a request that reaches the dialog with the
     *       same number is a different request that reuses it. A CSeq higher by more than one is not an error.
     *   <li>A target refresh request ({@link Dialogs#isTargetRefresh}) with a Contact replaces the remote
     *       target with the first Contact URI on receipt, as §12.2.2 says. A transaction user that wants the
     *       refresh to count only if it accepts the request keeps the old state until it answers 2xx.
     * </ul>
     *
     * <p>A BYE is accepted like any request; the dialog ends when this UA answers it ({@link
     * #applySentResponse}).
     *
     * @throws io.siplane.sip.message.syntax.SipParseException when a target refresh request has a malformed
     *     Contact (the transaction user answers 400)
     */
    public RemoteRequestOutcome acceptRemoteRequest(SipRequest request) {
        if (state == State.TERMINATED || !DialogId.ofUasRequest(request).equals(id()))
            return new RemoteRequestOutcome(RemoteRequestOutcome.Verdict.REJECT_481, this);
        SipMethod method = request.method();
        if (method == SipMethod.ACK || method == SipMethod.CANCEL)
            return new RemoteRequestOutcome(RemoteRequestOutcome.Verdict.ACCEPT, this);
        long seq = request.cseq().number();
        if (hasRemoteSeq() && seq <= remoteSeq)
            return new RemoteRequestOutcome(RemoteRequestOutcome.Verdict.REJECT_500, this);
        DialogState next = withRemoteSeq(seq);
        if (Dialogs.isTargetRefresh(method)) {
            List<NameAddress> contacts = request.contacts();
            if (!contacts.isEmpty())
                next = next.withRemoteTarget(contacts.get(0).uri().toString());
        }
        return new RemoteRequestOutcome(RemoteRequestOutcome.Verdict.ACCEPT, next);
    }

    /**
     * Applies a response this UA received to a request it sent in this dialog (RFC 3261 §12.1.2, §12.2.1.2,
     * §13.2.2.4, §15):
     *
     * <ul>
     *   <li>to the dialog-creating request of an early UAC dialog: a 2xx confirms the dialog, recomputes the
     *       route set from its Record-Route (reversed) and takes its Contact as remote target; a later 1xx
     *       with a Contact updates the remote target (the early dialog follows the latest response, as if
     *       created from it by §12.1.2); a non-2xx final response terminates the early dialog (§12.3);
     *   <li>a 481 or 408 to any request terminates the dialog (§12.2.1.2), so does a 2xx to BYE (§15.1.1).
     *       Another final response to BYE (401, 407…) leaves it, so the BYE can be retried with credentials;
     *       the caller decides when to give up ({@link #terminated()});
     *   <li>a 2xx to a target refresh request updates the remote target ({@link #applyTargetRefreshResponse}).
     * </ul>
     *
     * <p>A response with another remote tag (a fork) belongs to another dialog: create that one with {@link
     * Dialogs#createUac}.
     *
     * @throws IllegalArgumentException when the response's dialog ID is not this dialog's
     */
    public DialogState applyResponse(SipResponse response) {
        requireOwnResponse(response);
        if (state == State.TERMINATED) return this;
        int status = response.status();
        CSeq cseq = response.cseq();
        if (state == State.EARLY && isResponseToCreatingRequest(Role.UAC, cseq)) {
            if (status >= 300) return terminated();
            if (status >= 200) {
                DialogState next = withState(State.CONFIRMED).withRouteSet(Dialogs.uacRouteSet(response));
                return next.withContactAsTarget(response);
            }
            return withContactAsTarget(response);
        }
        if (status == 481 || status == 408) return terminated();
        if (cseq.method() == SipMethod.BYE && response.isSuccess()) return terminated();
        return applyTargetRefreshResponse(response);
    }

    /**
     * RFC 3261 §12.2.1.2: a 2xx to a target refresh request this UA sent replaces the remote target with the
     * response's Contact URI. Other responses leave the state unchanged.
     *
     * @throws IllegalArgumentException when the response's dialog ID is not this dialog's
     */
    public DialogState applyTargetRefreshResponse(SipResponse response) {
        requireOwnResponse(response);
        if (!response.isSuccess() || !Dialogs.isTargetRefresh(response.cseq().method())) return this;
        return withContactAsTarget(response);
    }

    /**
     * Applies a response this UA sends to a request received in this dialog: a 2xx to the dialog-creating
     * request of an early UAS dialog confirms it, a non-2xx final response to it terminates it (§12.3); a 2xx to BYE terminates the dialog (§15.1.2).
     *
     * @throws IllegalArgumentException when the response's dialog ID is not this dialog's
     */
    public DialogState applySentResponse(SipResponse response) {
        if (!DialogId.ofUasResponse(response).equals(id()))
            throw new IllegalArgumentException("response of another dialog: " + DialogId.ofUasResponse(response));
        if (state == State.TERMINATED) return this;
        CSeq cseq = response.cseq();
        if (state == State.EARLY && isResponseToCreatingRequest(Role.UAS, cseq)) {
            if (response.isSuccess()) return confirmed();
            if (response.isFinal()) return terminated();
            return this;
        }
        if (cseq.method() == SipMethod.BYE && response.isSuccess()) return terminated();
        return this;
    }

    private boolean isResponseToCreatingRequest(Role creator, CSeq cseq) {
        // CANCEL shares the INVITE's number (§9.1): its 200 must not confirm the dialog.
        return role == creator
                && cseq.number() == initialCseq
                && cseq.method() != SipMethod.CANCEL
                && cseq.method() != SipMethod.ACK;
    }

    private void requireOwnResponse(SipResponse response) {
        DialogId other = DialogId.ofUacResponse(response);
        if (!other.equals(id())) throw new IllegalArgumentException("response of another dialog: " + other);
    }

    private DialogState withContactAsTarget(SipResponse response) {
        List<NameAddress> contacts = response.contacts();
        return contacts.isEmpty()
                ? this
                : withRemoteTarget(contacts.get(0).uri().toString());
    }

    // ---- serialisation ----------------------------------------------------------------------------------

    /** The compact, versioned byte form of {@link DialogCodec}. */
    public byte[] toBytes() {
        return DialogCodec.encode(this);
    }

    /** @throws DialogCodecException when {@code bytes} are not a dialog state this build can read */
    public static DialogState fromBytes(byte[] bytes) {
        return DialogCodec.decode(bytes);
    }
}
