package io.siplane.sip.stack;

import io.siplane.sip.dialog.DialogRequest;
import io.siplane.sip.dialog.DialogState;
import io.siplane.sip.dialog.Dialogs;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.MediaType;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.uri.SipUri;
import io.siplane.sip.transaction.ClientTransaction;
import io.siplane.sip.transaction.ClientTransactionUser;
import io.siplane.sip.transaction.TransactionLayer;
import io.siplane.sip.transport.Destination;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A user agent client built from the stack: INVITE, ACK the 2xx (again for each retransmitted 2xx, RFC 6026
 * §7.2), then BYE; the call completes on the 200 to the BYE.
 */
final class SimpleUac {
    private final SipStack stack;
    private final String contact;

    SimpleUac(SipStack stack, String contact) {
        this.stack = stack;
        this.contact = contact;
    }

    /** Places one call to {@code target}; completes normally when the BYE is answered 200. */
    CompletableFuture<Void> call(SipUri requestUri, Destination target) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        SipRequest invite = SipRequest.builder(SipMethod.INVITE, requestUri)
                .add(HeaderName.MAX_FORWARDS, "70")
                .add(HeaderName.FROM, "<sip:uac@127.0.0.1>;tag=" + TransactionLayer.newTag())
                .add(HeaderName.TO, "<" + requestUri + ">")
                .add(HeaderName.CALL_ID, UUID.randomUUID() + "@127.0.0.1")
                .add(HeaderName.CSEQ, "1 INVITE")
                .add(HeaderName.CONTACT, "<" + contact + ">")
                .body(MediaType.APPLICATION_SDP, SimpleUas.SDP)
                .build();
        stack.sendRequest(invite, target, new InviteUser(target, done));
        return done;
    }

    private final class InviteUser implements ClientTransactionUser {
        private final Destination target;
        private final CompletableFuture<Void> done;
        private SipRequest ack;

        InviteUser(Destination target, CompletableFuture<Void> done) {
            this.target = target;
            this.done = done;
        }

        @Override
        public void onProvisional(ClientTransaction tx, SipResponse response) {}

        @Override
        public synchronized void onFinal(ClientTransaction tx, SipResponse response) {
            if (!response.isSuccess()) {
                done.completeExceptionally(new IllegalStateException("INVITE answered " + response.status()));
                return;
            }
            if (ack != null) { // a retransmitted 2xx: our ACK was lost, send it again
                stack.sendAck(ack, target);
                return;
            }
            DialogState dialog = Dialogs.createUac(tx.request(), response);
            ack = Dialogs.ackFor2xx(dialog, tx.request().cseq().number()).build();
            stack.sendAck(ack, target);
            DialogRequest bye = Dialogs.newRequest(dialog, SipMethod.BYE);
            stack.sendRequest(bye.request().build(), target, new ByeUser(done));
        }

        @Override
        public void onTimeout(ClientTransaction tx) {
            done.completeExceptionally(new IllegalStateException("INVITE timed out"));
        }

        @Override
        public void onTransportError(ClientTransaction tx, Exception cause) {
            done.completeExceptionally(cause);
        }
    }

    private record ByeUser(CompletableFuture<Void> done) implements ClientTransactionUser {
        @Override
        public void onProvisional(ClientTransaction tx, SipResponse response) {}

        @Override
        public void onFinal(ClientTransaction tx, SipResponse response) {
            if (response.isSuccess()) done.complete(null);
            else done.completeExceptionally(new IllegalStateException("BYE answered " + response.status()));
        }

        @Override
        public void onTimeout(ClientTransaction tx) {
            done.completeExceptionally(new IllegalStateException("BYE timed out"));
        }

        @Override
        public void onTransportError(ClientTransaction tx, Exception cause) {
            done.completeExceptionally(cause);
        }
    }
}
