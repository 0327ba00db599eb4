package io.siplane.registrar;

import io.siplane.events.registration.RegistrationEvent;
import io.siplane.sip.message.SipResponse;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link RegistrationProcessor} decided for one REGISTER.
 *
 * @param response the final response to send; a 200 OK only once {@code event} (when present) is durable
 * @param event the AOR's new state to publish before answering, or empty when nothing changed
 */
public record RegistrationResult(SipResponse response, Optional<RegistrationEvent> event) {

    public RegistrationResult {
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(event, "event");
    }

    static RegistrationResult reject(SipResponse response) {
        return new RegistrationResult(response, Optional.empty());
    }
}
