package io.siplane.sip.transaction;

import io.siplane.sip.message.SipMessage;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Records what the transaction layer sends, with the virtual time it sent it at; fails on demand. */
final class RecordingTransport implements TransactionTransport {
    record Sent(SipMessage message, Destination destination, Duration at) {}

    private final ManualScheduler clock;
    private final List<Sent> sent = new ArrayList<>();
    private Predicate<SipMessage> failing = m -> false;

    RecordingTransport(ManualScheduler clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void send(SipMessage message, Destination destination) {
        if (failing.test(message)) throw new TransportException("connection refused");
        sent.add(new Sent(message, destination, clock.now()));
    }

    synchronized void failWhen(Predicate<SipMessage> p) {
        failing = p;
    }

    synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    synchronized Sent last() {
        return sent.get(sent.size() - 1);
    }

    synchronized List<SipRequest> requests(SipMethod method) {
        List<SipRequest> out = new ArrayList<>();
        for (Sent s : sent)
            if (s.message() instanceof SipRequest r && r.method().equals(method)) out.add(r);
        return out;
    }

    synchronized List<SipResponse> responses(int status) {
        List<SipResponse> out = new ArrayList<>();
        for (Sent s : sent) if (s.message() instanceof SipResponse r && r.status() == status) out.add(r);
        return out;
    }

    /** When each request of {@code method} was sent, in milliseconds of virtual time. */
    synchronized List<Long> requestTimesMillis(SipMethod method) {
        List<Long> out = new ArrayList<>();
        for (Sent s : sent) {
            if (s.message() instanceof SipRequest r && r.method().equals(method)) out.add(s.at().toMillis());
        }
        return out;
    }

    /** When each response with {@code status} was sent, in milliseconds of virtual time. */
    synchronized List<Long> responseTimesMillis(int status) {
        List<Long> out = new ArrayList<>();
        for (Sent s : sent) {
            if (s.message() instanceof SipResponse r && r.status() == status) out.add(s.at().toMillis());
        }
        return out;
    }

    synchronized int count() {
        return sent.size();
    }

    synchronized void clear() {
        sent.clear();
    }
}
