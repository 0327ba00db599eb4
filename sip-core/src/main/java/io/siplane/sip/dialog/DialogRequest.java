package io.siplane.sip.dialog;

import io.siplane.sip.message.SipRequest;
import java.util.Objects;

/**
 * A request built within a dialog together with the dialog state that sending it leads to (the local sequence
 * number advanced). Store {@link #state()} once the request is handed to a client transaction.
 *
 * @param state the next dialog state
 * @param request the request without Via: the transaction layer adds the Via with its branch (RFC 3261
 *     §8.1.1.7); the transaction user adds Contact (for target refresh requests, §12.2.1.1), body and
 *     credentials
 */
public record DialogRequest(DialogState state, SipRequest.Builder request) {
    public DialogRequest {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(request, "request");
    }
}
