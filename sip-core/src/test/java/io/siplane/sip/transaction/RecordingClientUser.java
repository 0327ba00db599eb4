package io.siplane.sip.transaction;

import io.siplane.sip.message.SipResponse;
import java.util.ArrayList;
import java.util.List;

/** Records what a client transaction tells its user, as short strings ("provisional 180", "final 486", …). */
final class RecordingClientUser implements ClientTransactionUser {
    final List<String> events = new ArrayList<>();
    final List<SipResponse> responses = new ArrayList<>();

    @Override
    public synchronized void onProvisional(ClientTransaction transaction, SipResponse response) {
        events.add("provisional " + response.status());
        responses.add(response);
    }

    @Override
    public synchronized void onFinal(ClientTransaction transaction, SipResponse response) {
        events.add("final " + response.status());
        responses.add(response);
    }

    @Override
    public synchronized void onTimeout(ClientTransaction transaction) {
        events.add("timeout");
    }

    @Override
    public synchronized void onTransportError(ClientTransaction transaction, Exception cause) {
        events.add("transport error");
    }

    @Override
    public synchronized void onTerminated(ClientTransaction transaction) {
        events.add("terminated");
    }
}
