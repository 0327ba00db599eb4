package io.siplane.edge.health;

import io.siplane.edge.proxy.EdgeAddresses;
import io.siplane.edge.routing.Backend;
import io.siplane.edge.routing.BackendPool;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.Via;
import io.siplane.sip.message.uri.SipUri;
import io.siplane.sip.transport.Destination;
import io.siplane.sip.transport.SipTransport;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Health of the back ends by SIP OPTIONS pings (RFC 3261 §11): every {@code interval} each instance of the pool gets
 * an OPTIONS; an answer within {@code timeout} counts as a success, except 503 (overloaded or draining, RFC 3261
 * §21.5.4), which counts as a failure like a timeout or a send error. {@link BackendPool} turns the counts into
 * health. Pings are sent statelessly (no client transaction, no retransmission over UDP: a lost ping is a
 * failure, the threshold absorbs single losses); their responses reach {@link #onResponse} through the proxy,
 * recognised by the branch prefix.
 *
 * <p>Runs on its own single scheduler thread, never on an event loop.
 */
public final class OptionsPinger implements AutoCloseable {
    /** Branch prefix of ping requests (after the RFC 3261 magic cookie). */
    static final String BRANCH_PREFIX = Via.MAGIC_COOKIE + "ping.";

    private static final System.Logger LOG = System.getLogger(OptionsPinger.class.getName());

    private final BackendPool pool;
    private final SipTransport transport;
    private final EdgeAddresses addresses;
    private final Duration interval;
    private final Duration timeout;
    private final String callIdPrefix = UUID.randomUUID().toString();
    private final AtomicLong sequence = new AtomicLong();
    /** Outstanding pings by branch: the back end and when the ping left (nanoTime). */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "edge-options-pinger");
        t.setDaemon(true);
        return t;
    });

    public OptionsPinger(
            BackendPool pool, SipTransport transport, EdgeAddresses addresses, Duration interval, Duration timeout) {
        this.pool = pool;
        this.transport = transport;
        this.addresses = addresses;
        this.interval = interval;
        this.timeout = timeout;
    }

    /** Pings at once, then every interval. */
    public void start() {
        scheduler.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        // timeouts are checked more often than pings are sent, so a dead back end is noticed within ~timeout
        long check = Math.max(10, Math.min(interval.toMillis(), timeout.toMillis()) / 4);
        scheduler.scheduleWithFixedDelay(this::expire, check, check, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            for (Backend b : pool.backends()) {
                boolean outstanding =
                        pending.values().stream().anyMatch(p -> p.backend().equals(b.id()));
                if (!outstanding) ping(b);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "OPTIONS ping round failed", e);
        }
    }

    private void expire() {
        long now = System.nanoTime();
        pending.forEach((branch, p) -> {
            if (now - p.sentAt() >= timeout.toNanos() && pending.remove(branch, p)) failure(p.backend(), "timeout");
        });
    }

    private void ping(Backend b) {
        if (b.address().isUnresolved()) {
            failure(b.id(), "does not resolve");
            return;
        }
        long n = sequence.incrementAndGet();
        String branch = BRANCH_PREFIX + Long.toString(n, 36) + "." + callIdPrefix.substring(0, 8);
        SipUri target = SipUri.of(
                null, b.address().getAddress().getHostAddress(), b.address().getPort());
        SipRequest options = SipRequest.builder(SipMethod.OPTIONS, target)
                .add(
                        HeaderName.VIA,
                        addresses.internalVia(b.transport(), branch).toString())
                .add(HeaderName.MAX_FORWARDS, "0") // RFC 3261 §11: the next hop itself answers, nobody forwards
                .add(HeaderName.FROM, "<sip:edge@" + addresses.externalHost() + ">;tag=" + callIdPrefix.substring(0, 8))
                .add(HeaderName.TO, "<" + target + ">")
                .add(HeaderName.CALL_ID, callIdPrefix + "-" + n)
                .add(HeaderName.CSEQ, n + " OPTIONS")
                .add(HeaderName.CONTENT_LENGTH, "0")
                .build();
        pending.put(branch, new Pending(b.id(), System.nanoTime()));
        transport.send(options, Destination.of(b.transport(), b.address())).whenComplete((ok, err) -> {
            if (err != null && pending.remove(branch) != null) failure(b.id(), err.toString());
        });
    }

    /** A response whose only Via was ours: if it answers one of our pings, record the outcome. */
    public void onResponse(SipResponse response) {
        String branch = response.topVia().branch();
        if (branch == null || !branch.startsWith(BRANCH_PREFIX) || response.isProvisional()) return;
        Pending p = pending.remove(branch);
        if (p == null) return; // late (already timed out) or a duplicate
        if (response.status() == 503) failure(p.backend(), "503");
        else if (pool.recordSuccess(p.backend()))
            LOG.log(System.Logger.Level.INFO, "{0} instance {1} is healthy", pool.name(), p.backend());
    }

    private void failure(String backend, String why) {
        if (pool.recordFailure(backend))
            LOG.log(System.Logger.Level.WARNING, "{0} instance {1} is unhealthy ({2})", pool.name(), backend, why);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private record Pending(String backend, long sentAt) {}
}
