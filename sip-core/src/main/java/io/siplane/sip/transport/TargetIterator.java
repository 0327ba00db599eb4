package io.siplane.sip.transport;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * RFC 3263 §4.3 failover over the destinations {@link TargetResolver} produced: the client tries the next one
 * when a send fails (connection refused, reset, no route) or when the transaction reports a timeout or transport
 * error for the current one. Each new target needs a new client transaction, so a new branch: the caller builds
 * the request (and its Via, whose transport must match {@link Destination#transport()}) per target.
 *
 * <p>Not thread-safe; one iterator belongs to one request's delivery and is used from one thread at a time.
 */
public final class TargetIterator {
    private final List<Destination> targets;
    private int next;

    public TargetIterator(List<Destination> targets) {
        this.targets = List.copyOf(targets);
    }

    public boolean hasNext() {
        return next < targets.size();
    }

    /** Moves on to the next target. */
    public Destination next() {
        if (!hasNext()) throw new NoSuchElementException("no more targets");
        return targets.get(next++);
    }

    /** The target last returned by {@link #next()}, or null before the first. */
    public Destination current() {
        return next == 0 ? null : targets.get(next - 1);
    }

    /** Targets not tried yet. */
    public int remaining() {
        return targets.size() - next;
    }

    /**
     * Sends to one target after another until a send succeeds; completes with the target that took the message,
     * or exceptionally with the last target's failure when all failed (with {@link TransportException} when
     * there were none left to try).
     *
     * @param send builds the message for a target and sends it, e.g.
     *     {@code d -> transport.send(requestWithViaFor(d), d)}; a send that throws counts as failed
     */
    public CompletableFuture<Destination> sendToFirstReachable(
            Function<Destination, ? extends CompletionStage<?>> send) {
        CompletableFuture<Destination> result = new CompletableFuture<>();
        attempt(send, result, null);
        return result;
    }

    private void attempt(
            Function<Destination, ? extends CompletionStage<?>> send,
            CompletableFuture<Destination> result,
            Throwable last) {
        if (!hasNext()) {
            result.completeExceptionally(last != null ? last : new TransportException("no targets"));
            return;
        }
        Destination d = next();
        CompletionStage<?> sent;
        try {
            sent = send.apply(d);
        } catch (RuntimeException e) {
            attempt(send, result, e);
            return;
        }
        sent.whenComplete((ok, err) -> {
            if (err == null) result.complete(d);
            else
                attempt(
                        send,
                        result,
                        err instanceof CompletionException && err.getCause() != null ? err.getCause() : err);
        });
    }
}
