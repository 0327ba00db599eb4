package io.siplane.registrar;

import io.siplane.events.registration.RegistrationEvent;

/** Makes a registration change durable. */
public interface RegistrationPublisher {

    /**
     * Publishes {@code event} and waits for the broker's acknowledgement (acks=all). Blocks: call it from a
     * worker thread, never from an event loop.
     *
     * @return the offset the event was written at, for {@link BindingView#apply}
     * @throws PublishException when the broker did not acknowledge in time; the change may or may not have
     *     been written, so the UA must be told to retry (503), never 200
     */
    long publish(RegistrationEvent event) throws PublishException;

    /** The broker did not acknowledge a publish. */
    final class PublishException extends Exception {
        private static final long serialVersionUID = 1L;

        public PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
