package io.siplane.sip.dialog;

import java.util.Objects;

/**
 * What {@link DialogState#acceptRemoteRequest} decided about a request received in a dialog.
 *
 * @param verdict accept, or the response the transaction user must send
 * @param state the dialog state to keep: updated (remote sequence number, remote target) on accept, unchanged
 *     on reject
 */
public record RemoteRequestOutcome(Verdict verdict, DialogState state) {
    /** The RFC 3261 §12.2.2 decisions. */
    public enum Verdict {
        /** Pass the request to the transaction user. */
        ACCEPT(0),
        /** Out-of-order CSeq: answer 500 Server Internal Error (§12.2.2). */
        REJECT_500(500),
        /** No such dialog (any more): answer 481 Call/Transaction Does Not Exist (§12.2.2). */
        REJECT_481(481);

        private final int status;

        Verdict(int status) {
            this.status = status;
        }

        /** The status code to answer with, 0 for {@link #ACCEPT}. */
        public int status() {
            return status;
        }
    }

    public RemoteRequestOutcome {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(state, "state");
    }

    public boolean accepted() {
        return verdict == Verdict.ACCEPT;
    }
}
