package io.siplane.sip.message.syntax;

/**
 * A header value, URI or start line that does not follow the RFC 3261 §25 grammar.
 *
 * <p>Typed accessors throw this for a broken optional header (sofia-sip style graded errors: the raw value
 * is kept, the error is reported when somebody asks for the typed value). The message parser never lets it
 * escape: it turns it into a parse failure.
 */
public final class SipParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SipParseException(String message) {
        super(message, null, false, false);
    }
}
