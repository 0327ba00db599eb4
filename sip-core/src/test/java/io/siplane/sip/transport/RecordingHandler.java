package io.siplane.sip.transport;

import io.siplane.sip.message.SipMessage;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a transport hands upstream. */
final class RecordingHandler implements MessageHandler {
    record Received<M extends SipMessage>(M message, Flow flow) {}

    final List<Received<SipRequest>> requests = new CopyOnWriteArrayList<>();
    final List<Received<SipResponse>> responses = new CopyOnWriteArrayList<>();
    final List<Flow> closed = new CopyOnWriteArrayList<>();

    @Override
    public void onRequest(SipRequest request, Flow flow) {
        requests.add(new Received<>(request, flow));
    }

    @Override
    public void onResponse(SipResponse response, Flow flow) {
        responses.add(new Received<>(response, flow));
    }

    @Override
    public void onFlowClosed(Flow flow) {
        closed.add(flow);
    }
}
