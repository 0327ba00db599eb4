package io.siplane.sip.transaction;

import io.siplane.sip.message.SipRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** Records what the server side tells the core; can answer requests as they arrive. */
final class RecordingServerUser implements ServerTransactionUser {
    final List<String> events = new ArrayList<>();
    final List<ServerTransaction> transactions = new ArrayList<>();
    final List<SipRequest> acks = new ArrayList<>();
    final List<InviteServerTransaction> ackTransactions = new ArrayList<>();
    final List<SipRequest> cancels = new ArrayList<>();
    private BiConsumer<ServerTransaction, SipRequest> onRequest = (tx, r) -> {};
    private BiConsumer<InviteServerTransaction, SipRequest> onCancel = (tx, r) -> {};

    void answerWith(BiConsumer<ServerTransaction, SipRequest> action) {
        onRequest = action;
    }

    void onCancelDo(BiConsumer<InviteServerTransaction, SipRequest> action) {
        onCancel = action;
    }

    ServerTransaction lastTransaction() {
        return transactions.get(transactions.size() - 1);
    }

    @Override
    public void onRequest(ServerTransaction transaction, SipRequest request) {
        synchronized (this) {
            events.add("request " + request.method());
            transactions.add(transaction);
        }
        onRequest.accept(transaction, request);
    }

    @Override
    public synchronized void onAck(SipRequest ack, Destination source, InviteServerTransaction transaction) {
        events.add(transaction == null ? "stray ack" : "ack");
        acks.add(ack);
        ackTransactions.add(transaction);
    }

    @Override
    public void onCancel(InviteServerTransaction invite, SipRequest cancel) {
        synchronized (this) {
            events.add("cancel");
            cancels.add(cancel);
        }
        onCancel.accept(invite, cancel);
    }

    @Override
    public synchronized void onTimeout(ServerTransaction transaction) {
        events.add("timeout");
    }

    @Override
    public synchronized void onTransportError(ServerTransaction transaction, Exception cause) {
        events.add("transport error");
    }

    @Override
    public synchronized void onTerminated(ServerTransaction transaction) {
        events.add("terminated " + transaction.method());
    }
}
