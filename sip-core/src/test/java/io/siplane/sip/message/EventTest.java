package io.siplane.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siplane.sip.message.syntax.SipParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTest {

    @Test
    void parsesPackageWithIdAndOtherParameters() {
        Event e = Event.parse("refer;id=93809824;foo=\"bar\"");

        assertThat(e.eventType()).isEqualTo("refer");
        assertThat(e.eventPackage()).isEqualTo("refer");
        assertThat(e.id()).isEqualTo("93809824");
        assertThat(e.parameters().get("foo")).isEqualTo("\"bar\"");
        assertThat(e).hasToString("refer;id=93809824;foo=\"bar\"");
    }

    @Test
    void splitsTemplateFromPackage() {
        Event e = Event.parse("presence.winfo");

        assertThat(e.eventPackage()).isEqualTo("presence");
        assertThat(e.eventType()).isEqualTo("presence.winfo");
        assertThat(e.id()).isNull();
    }

    @Test
    void toleratesWhitespaceAroundSeparators() {
        assertThat(Event.parse(" dialog ; id = 7 ").id()).isEqualTo("7");
    }

    @Test
    void matchesByTypeAndIdOnly() {
        // RFC 6665 §8.2.1: byte-by-byte type and id; an id never matches a missing id; other params ignored
        assertThat(Event.parse("dialog;id=1;x=y").matches(Event.of("dialog", "1")))
                .isTrue();
        assertThat(Event.parse("dialog;id=1").matches(Event.of("dialog", null))).isFalse();
        assertThat(Event.parse("dialog;id=1").matches(Event.of("dialog", "2"))).isFalse();
        assertThat(Event.parse("Dialog").matches(Event.of("dialog", null))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ";id=1", "dia log", "dialog;id", "dialog;id=\"1\"", "dialog;", ".dialog", "dialog..x"})
    void rejectsMalformedValues(String value) {
        assertThatThrownBy(() -> Event.parse(value)).isInstanceOf(SipParseException.class);
    }
}
