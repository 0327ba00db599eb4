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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The registrar's SIP entry point, independent of the transport: a request and a way to answer it in, a
 * final response out (the transaction layer sends it and absorbs retransmissions).
 *
 * <p>{@link #handle} never blocks its caller, which is a Netty event loop: the work runs on a bounded pool of
 * worker threads (a full pool answers 503 at once). A change is published asynchronously and its 200 OK is sent
 * from the Kafka producer's acknowledgement callback, never before the broker acknowledged it (ADR 0005); no
 * thread waits for the ack. REGISTERs of one AOR are serialised by {@link AorLanes} from reading the bindings
 * to applying the acknowledged event, so two concurrent REGISTERs for an AOR cannot both start from the same
 * bindings and lose one change (RFC 3261 §10.3: "processed atomically").
 */
public final class SipRegistrarEndpoint implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SipRegistrarEndpoint.class);
    private static final String ALLOW = "REGISTER, OPTIONS";
    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private final RegistrationProcessor processor;
    private final RegisterAuthenticator authenticator;
    private final BindingView view;
    private final RegistrationPublisher publisher;
    private final RegistrarMetrics metrics;
    private final Clock clock;
    private final Duration retryAfter;
    private final ExecutorService workers;
    private final AorLanes lanes;

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
        this.lanes = new AorLanes(workers);
    }

    /**
     * Processes {@code request} on a worker thread and passes the final response to {@code reply}; nothing is
     * passed for an ACK. Returns at once. {@code reply} may be called on a worker thread or on the Kafka
     * producer's I/O thread (the 200 of a change is sent from the acknowledgement callback), so it must be
     * thread-safe and must not block.
     *
     * @param source where the request came from, {@code transport:host:port}, or null
     */
    public void handle(SipRequest request, String source, Consumer<SipResponse> reply) {
        try {
            workers.execute(() -> process(request, source, reply));
        } catch (RejectedExecutionException e) {
            if (request.method() != SipMethod.ACK) {
                reply.accept(serviceUnavailable(request, "Overloaded"));
            }
        }
    }

    private void process(SipRequest request, String source, Consumer<SipResponse> reply) {
        try {
            SipMethod method = request.method();
            if (method == SipMethod.ACK) {
                return;
            }
            if (method == SipMethod.REGISTER) {
                register(request, source, response -> {
                    metrics.registration(response.status());
                    reply.accept(response);
                });
                return;
            }
            if (method == SipMethod.OPTIONS) {
                // The edge pings back ends with OPTIONS (DESIGN.md): answer like a UAS (§11.2).
                reply.accept(SipResponses.to(request, StatusCodes.OK)
                        .add(HeaderName.ALLOW, ALLOW)
                        .add(HeaderName.SUPPORTED, String.join(", ", RegistrationProcessor.SUPPORTED_OPTION_TAGS))
                        .build());
                return;
            }
            // §10.3: "it accepts only REGISTER requests".
            reply.accept(SipResponses.to(request, StatusCodes.METHOD_NOT_ALLOWED)
                    .add(HeaderName.ALLOW, ALLOW)
                    .build());
        } catch (SipParseException e) {
            reply.accept(SipResponses.to(request, StatusCodes.BAD_REQUEST).build());
        } catch (RuntimeException e) {
            LOG.errorf(e, "REGISTER processing failed (Call-ID %s)", safeCallId(request));
            reply.accept(
                    SipResponses.to(request, StatusCodes.SERVER_INTERNAL_ERROR).build());
        }
    }

    private void register(SipRequest request, String source, Consumer<SipResponse> reply) {
        RegistrationProcessor.Preflight preflight = processor.preflight(request);
        if (preflight instanceof RegistrationProcessor.Preflight.Rejected rejected) {
            reply.accept(rejected.response());
            return;
        }
        String aor = ((RegistrationProcessor.Preflight.Ready) preflight).aor();
        if (authenticator != null) {
            RegisterAuthenticator.Decision decision = authenticator.authenticate(request, aor);
            if (decision instanceof RegisterAuthenticator.Decision.Refused refused) {
                if (refused.challenge()) {
                    metrics.challenge(refused.stale());
                }
                reply.accept(refused.response());
                return;
            }
        }
        // One REGISTER of an AOR at a time, from reading its bindings to applying the acknowledged event; no
        // thread waits for the acknowledgement meanwhile.
        lanes.submit(aor, new AorLanes.Task() {
            @Override
            public CompletionStage<?> start() {
                return commit(request, aor, source, reply);
            }

            @Override
            public void rejected() {
                reply.accept(serviceUnavailable(request, "Overloaded"));
            }
        });
    }

    /**
     * Processes the REGISTER against the AOR's current bindings and, for a change, publishes it; the returned
     * stage completes (never exceptionally) once the response went to {@code reply} and the view holds the
     * change, so the AOR's next REGISTER starts from it.
     */
    private CompletionStage<?> commit(SipRequest request, String aor, String source, Consumer<SipResponse> reply) {
        RegistrationResult result;
        try {
            result = processor.process(request, aor, view.bindings(aor), clock.millis(), source);
        } catch (SipParseException e) {
            reply.accept(SipResponses.to(request, StatusCodes.BAD_REQUEST).build());
            return DONE;
        } catch (RuntimeException e) {
            LOG.errorf(e, "REGISTER processing failed (Call-ID %s)", safeCallId(request));
            reply.accept(
                    SipResponses.to(request, StatusCodes.SERVER_INTERNAL_ERROR).build());
            return DONE;
        }
        Optional<RegistrationEvent> event = result.event();
        if (event.isEmpty()) {
            reply.accept(result.response());
            return DONE;
        }
        RegistrationEvent e = event.get();
        CompletionStage<Long> ack;
        try {
            ack = publisher.publish(e);
        } catch (RuntimeException failure) {
            LOG.errorf(failure, "REGISTER publish failed (Call-ID %s)", safeCallId(request));
            reply.accept(serviceUnavailable(request, "Registration Store Unavailable"));
            return DONE;
        }
        // The 200 goes out only after the broker acknowledged (ADR 0005), from the producer's callback; the
        // view learns the change first, so the next REGISTER of the AOR starts from it.
        return ack.handle((offset, failure) -> {
            if (failure == null) {
                view.apply(e, offset);
                reply.accept(result.response());
            } else {
                reply.accept(serviceUnavailable(request, "Registration Store Unavailable"));
            }
            return null;
        });
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
