package io.siplane.sip.message;

import io.siplane.sip.message.syntax.Parameters;
import io.siplane.sip.message.syntax.SipParseException;
import io.siplane.sip.message.syntax.SipScanner;
import java.util.Objects;

/**
 * {@code Retry-After = "Retry-After" HCOLON delta-seconds [ comment ] *( SEMI retry-param )} with
 * {@code retry-param = ("duration" EQUAL delta-seconds) / generic-param} (RFC 3261 §20.33). Delta-seconds
 * saturate at {@link Integer#MAX_VALUE} (RFC 4475 §3.1.2.5 scalarlg: {@code 949302838503028349304023988}).
 *
 * @param comment the comment without its outer parentheses, inner text as written; or null
 */
public record RetryAfter(long deltaSeconds, String comment, Parameters parameters) {

    public RetryAfter {
        Objects.requireNonNull(parameters, "parameters");
        if (deltaSeconds < 0) throw new IllegalArgumentException("negative Retry-After: " + deltaSeconds);
    }

    public static RetryAfter of(long deltaSeconds) {
        return new RetryAfter(deltaSeconds, null, Parameters.EMPTY);
    }

    /** @throws SipParseException when malformed, including a non-numeric {@code duration} */
    public static RetryAfter parse(String value) {
        SipScanner sc = new SipScanner(value);
        sc.skipWhitespace();
        long delta = DeltaSeconds.read(sc);
        sc.skipWhitespace();
        String comment = sc.peek() == '(' ? comment(sc) : null;
        Parameters params = sc.genericParams();
        sc.skipWhitespace();
        if (!sc.atEnd()) throw sc.error("unexpected character in Retry-After");
        if (params.has("duration")) {
            String d = params.get("duration");
            if (d == null) throw sc.error("duration without value");
            DeltaSeconds.parseSaturating(d);
        }
        return new RetryAfter(delta, comment, params);
    }

    /** {@code comment = LPAREN *(ctext / quoted-pair / comment) RPAREN}; returns the text inside the outer pair. */
    private static String comment(SipScanner sc) {
        sc.expect('(');
        int start = sc.position();
        int depth = 1;
        while (true) {
            if (sc.atEnd()) throw sc.error("unterminated comment");
            char c = sc.next();
            if (c == '\\') {
                if (sc.atEnd()) throw sc.error("unterminated quoted-pair");
                sc.next();
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return sc.source().substring(start, sc.position() - 1);
            }
        }
    }

    /** The {@code duration} parameter in seconds (saturating), or -1 when absent. */
    public long duration() {
        String d = parameters.get("duration");
        return d == null ? -1 : DeltaSeconds.parseSaturating(d);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(deltaSeconds);
        if (comment != null) sb.append(" (").append(comment).append(')');
        return parameters.appendTo(sb).toString();
    }
}
