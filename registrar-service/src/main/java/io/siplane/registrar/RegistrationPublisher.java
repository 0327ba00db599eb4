package io.siplane.registrar;

import io.siplane.events.registration.RegistrationEvent;
import java.util.concurrent.CompletionStage;

/** Makes a registration change durable. */
public interface RegistrationPublisher {

    /**
     * Publishes {@code event} without waiting: the returned stage completes when the broker acknowledged it
     * (acks=all), with the offset the event was written at (for {@link BindingView#apply}), or exceptionally
     * with a {@link PublishException} when the broker did not acknowledge in time; the change may or may not
     * have been written then, so the UA must be told to retry (503), never 200. The stage completes on the
     * Kafka producer's I/O thread: whatever is chained to it must be short and must not block.
     *
     * <p>May block the caller for up to the publish timeout when the producer has no metadata or its buffer
     * is full: call it from a worker thread, never from an event loop.
     */
    CompletionStage<Long> publish(RegistrationEvent event);

    /** The broker did not acknowledge a publish. */
    final class PublishException extends Exception {
        private static final long serialVersionUID = 1L;

        public PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
