package io.siplane.location;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.siplane.events.registration.RegistrationEvent;
import java.io.IOException;

/**
 * Reads one {@link RegistrationEvent} from the JSON of a Kafka record (schema version 1, ADR 0005). Its own
 * mapper, not the REST one: the wire contract with the registrar must not change with the REST settings.
 * Unknown properties are ignored, so a producer may add fields without breaking older consumers.
 */
public final class EventDecoder {
    private final ObjectMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * The event in {@code json}.
     *
     * @throws BadRecordException when {@code json} is not a registration event
     */
    public RegistrationEvent decode(byte[] json) {
        try {
            RegistrationEvent event = mapper.readValue(json, RegistrationEvent.class);
            if (event == null) throw new BadRecordException("JSON null instead of an event", null);
            return event;
        } catch (IOException | RuntimeException e) {
            // Jackson wraps a failed record constructor (e.g. q out of range) in a runtime or IO exception.
            throw new BadRecordException(e.getMessage(), e);
        }
    }

    /** A record that is not a registration event; it is skipped and counted, never retried. */
    public static final class BadRecordException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BadRecordException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
