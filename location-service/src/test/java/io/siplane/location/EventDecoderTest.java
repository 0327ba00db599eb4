package io.siplane.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siplane.events.registration.RegistrationEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventDecoderTest {
    private final EventDecoder decoder = new EventDecoder();

    @Test
    void decodesAnEventAndIgnoresPropertiesAddedLater() {
        RegistrationEvent e = decoder.decode(bytes("{\"aor\":\"sip:a@example.com\",\"schemaVersion\":1,"
                + "\"bindings\":[{\"contact\":\"sip:a@192.0.2.1\",\"q\":0.5,\"expiresAtMillis\":42,"
                + "\"path\":[\"<sip:edge;lr>\"],\"regId\":1,\"futureField\":true}],"
                + "\"changedAtMillis\":7,\"registrar\":\"r-1\"}"));

        assertThat(e.aor()).isEqualTo("sip:a@example.com");
        assertThat(e.bindings()).singleElement().satisfies(b -> {
            assertThat(b.q()).isEqualTo(0.5);
            assertThat(b.expiresAtMillis()).isEqualTo(42);
            assertThat(b.path()).containsExactly("<sip:edge;lr>");
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json",
                "null",
                "[]",
                "{\"bindings\":[]}",
                "{\"aor\":\"sip:a@b\",\"bindings\":[{\"contact\":\"sip:x\",\"q\":7}]}",
                "{\"aor\":\"sip:a@b\",\"bindings\":[{\"q\":1}]}"
            })
    void somethingElseIsABadRecord(String json) {
        assertThatThrownBy(() -> decoder.decode(bytes(json))).isInstanceOf(EventDecoder.BadRecordException.class);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
