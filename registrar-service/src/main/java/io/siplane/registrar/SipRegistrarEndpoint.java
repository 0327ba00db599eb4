package io.siplane.registrar;

import io.siplane.events.registration.RegistrationEvent;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.StatusCodes;
import io.siplane.sip.message.syntax.SipParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The registrar's SIP entry point, independent of the transport: a request and a way to answer it in, a
 * final response out (the transaction layer sends it and absorbs retransmissions).
 *
 * <p>{@link #handle} never blocks its caller, which is a Netty event loop: the work runs on a bounded pool of
 * worker threads, because committing a change means waiting for the Kafka acknowledgement before the 200 OK
 * (ADR 0005). A full pool answers 503 at once. REGISTERs of one AOR are serialised by a striped lock held from
 * reading the bindings to applying the acknowledged event, so two concurrent REGISTERs for an AOR cannot both
 * start from the same bindings and lose one change (RFC 3261 §10.3: "processed atomically").
 */
public final class SipRegistrarEndpoint implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SipRegistrarEndpoint.class);
    private static final String ALLOW = "REGISTER, OPTIONS";
    private static final int LOCK_STRIPES = 1024;

    private final RegistrationProcessor processor;
    private final RegisterAuthenticator authenticator;
    private final BindingView view;
    private final RegistrationPublisher publisher;
    private final RegistrarMetrics metrics;
    private final Clock clock;
    private final Duration retryAfter;
    private final ExecutorService workers;
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

    /**
     * @param authenticator null when authentication is disabled (load tests): the To AOR is then trusted
     * @param workers where requests are processed; bounded, so that overload is answered 503
     */
    public SipRegistrarEndpoint(
            RegistrationProcessor processor,
            RegisterAuthenticator authenticator,
            BindingView view,
            RegistrationPublisher publisher,
            RegistrarMetrics metrics,
            Clock clock,
            Duration retryAfter,
            ExecutorService workers) {
        this.processor = Objects.requireNonNull(processor);
        this.authenticator = authenticator;
        this.view = Objects.requireNonNull(view);
        this.publisher = Objects.requireNonNull(publisher);
        this.metrics = Objects.requireNonNull(metrics);
        this.clock = Objects.requireNonNull(clock);
        this.retryAfter = Objects.requireNonNull(retryAfter);
        this.workers = Objects.requireNonNull(workers);
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /**
     * Processes {@code request} on a worker thread and passes the final response to {@code reply}; nothing is
     * passed for an ACK. Returns at once.
     *
     * @param source where the request came from, {@code transport:host:port}, or null
     */
    public void handle(SipRequest request, String source, Consumer<SipResponse> reply) {
        try {
            workers.execute(() -> {
                SipResponse response = respond(request, source);
                if (response != null) {
                    reply.accept(response);
                }
            });
        } catch (RejectedExecutionException e) {
            if (request.method() != SipMethod.ACK) {
                reply.accept(serviceUnavailable(request, "Overloaded"));
            }
        }
    }

    /** The final response to {@code request}, or null for an ACK. Blocks: call it on a worker thread. */
    public SipResponse respond(SipRequest request, String source) {
        try {
            SipMethod method = request.method();
            if (method == SipMethod.ACK) {
                return null;
            }
            if (method == SipMethod.REGISTER) {
                SipResponse response = register(request, source);
                metrics.registration(response.status());
                return response;
            }
            if (method == SipMethod.OPTIONS) {
                // The edge pings back ends with OPTIONS (DESIGN.md): answer like a UAS (§11.2).
                return SipResponses.to(request, StatusCodes.OK)
                        .add(HeaderName.ALLOW, ALLOW)
                        .add(HeaderName.SUPPORTED, String.join(", ", RegistrationProcessor.SUPPORTED_OPTION_TAGS))
                        .build();
            }
            // §10.3: "it accepts only REGISTER requests".
            return SipResponses.to(request, StatusCodes.METHOD_NOT_ALLOWED)
                    .add(HeaderName.ALLOW, ALLOW)
                    .build();
        } catch (SipParseException e) {
            return SipResponses.to(request, StatusCodes.BAD_REQUEST).build();
        } catch (RuntimeException e) {
            LOG.errorf(e, "REGISTER processing failed (Call-ID %s)", safeCallId(request));
            return SipResponses.to(request, StatusCodes.SERVER_INTERNAL_ERROR).build();
        }
    }

    private SipResponse register(SipRequest request, String source) {
        RegistrationProcessor.Preflight preflight = processor.preflight(request);
        if (preflight instanceof RegistrationProcessor.Preflight.Rejected rejected) {
            return rejected.response();
        }
        String aor = ((RegistrationProcessor.Preflight.Ready) preflight).aor();
        if (authenticator != null) {
            RegisterAuthenticator.Decision decision = authenticator.authenticate(request, aor);
            if (decision instanceof RegisterAuthenticator.Decision.Refused refused) {
                if (refused.challenge()) {
                    metrics.challenge(refused.stale());
                }
                return refused.response();
            }
        }
        ReentrantLock lock = locks[Math.floorMod(aor.hashCode(), LOCK_STRIPES)];
        lock.lock();
        try {
            RegistrationResult result = processor.process(request, aor, view.bindings(aor), clock.millis(), source);
            Optional<RegistrationEvent> event = result.event();
            if (event.isPresent()) {
                try {
                    // The 200 goes out only after the broker acknowledged (ADR 0005); the view learns the
                    // change under this lock, so the next REGISTER of the AOR starts from it.
                    long offset = publisher.publish(event.get());
                    view.apply(event.get(), offset);
                } catch (RegistrationPublisher.PublishException e) {
                    return serviceUnavailable(request, "Registration Store Unavailable");
                }
            }
            return result.response();
        } finally {
            lock.unlock();
        }
    }

    private SipResponse serviceUnavailable(SipRequest request, String reason) {
        // RFC 3261 §21.5.4: Retry-After tells the UA when to try again instead of failing over at once.
        return SipResponses.to(request, StatusCodes.SERVICE_UNAVAILABLE, reason)
                .add(HeaderName.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())))
                .build();
    }

    /** Stops taking work; requests already queued are still answered. */
    @Override
    public void close() {
        workers.shutdown();
        try {
            workers.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String safeCallId(SipRequest request) {
        try {
            return request.callId();
        } catch (RuntimeException e) {
            return "?";
        }
    }
}
