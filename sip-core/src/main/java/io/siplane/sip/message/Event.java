package io.siplane.sip.message;

import io.siplane.sip.message.syntax.Parameters;
import io.siplane.sip.message.syntax.SipParseException;
import io.siplane.sip.message.syntax.SipScanner;
import java.util.Objects;

/**
 * {@code Event = ( "Event" / "o" ) HCOLON event-type *( SEMI event-param )} (RFC 6665 §8.2.1), where
 * {@code event-type = event-package *( "." event-template )} and {@code event-param = generic-param / ( "id"
 * EQUAL token )}. The event type and parameters are kept as written.
 */
public record Event(String eventType, Parameters parameters) {

    public Event {
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(parameters, "parameters");
    }

    /** An Event with {@code eventType} and, when {@code id} is not null, an {@code id} parameter. */
    public static Event of(String eventType, String id) {
        return new Event(eventType, id == null ? Parameters.EMPTY : Parameters.of("id", id));
    }

    /** @throws SipParseException when malformed */
    public static Event parse(String value) {
        SipScanner sc = new SipScanner(value);
        sc.skipWhitespace();
        String type = sc.token();
        if (type.startsWith(".") || type.endsWith(".") || type.contains("..")) throw sc.error("bad event-type");
        Parameters params = sc.genericParams();
        sc.skipWhitespace();
        if (!sc.atEnd()) throw sc.error("unexpected character in Event");
        // RFC 6665 §8.4: the id parameter is a token, never a quoted-string.
        String id = params.get("id");
        if (params.has("id") && (id == null || id.charAt(0) == '"')) throw sc.error("bad Event id parameter");
        return new Event(type, params);
    }

    /** The event package: the event type up to its first {@code .} (RFC 6665 §7.2). */
    public String eventPackage() {
        int dot = eventType.indexOf('.');
        return dot < 0 ? eventType : eventType.substring(0, dot);
    }

    /** The {@code id} parameter, or null. */
    public String id() {
        return parameters.get("id");
    }

    /**
     * RFC 6665 §8.2.1: two Event values match when the event types are equal byte by byte and the id
     * parameters are both absent or equal byte by byte; other parameters do not count.
     */
    public boolean matches(Event other) {
        return eventType.equals(other.eventType) && Objects.equals(id(), other.id());
    }

    @Override
    public String toString() {
        return parameters.appendTo(new StringBuilder().append(eventType)).toString();
    }
}
