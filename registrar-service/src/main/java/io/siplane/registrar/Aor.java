package io.siplane.registrar;

import io.siplane.sip.message.syntax.PercentEncoding;
import io.siplane.sip.message.syntax.SipChars;
import io.siplane.sip.message.syntax.SipParseException;
import io.siplane.sip.message.uri.SipUri;
import java.util.Locale;
import java.util.Optional;

/**
 * Addresses-of-record in the canonical form that keys bindings, subscribers and Kafka records: {@code
 * sip:user@host}.
 *
 * <p>RFC 3261 §10.3 step 5: all URI parameters are removed and escaped characters are compared in their
 * unescaped form. The key must still be a valid URI (it is used in REST paths and logs), so after
 * unescaping the user part is escaped again in one normal form: only what the {@code user} grammar
 * (§25.1) forbids, as upper-case {@code %HH}. {@code sip:%6Cice@Example.COM} and {@code
 * sip:lice@example.com} give the same key; {@code null-%00-null} keeps its NUL as {@code %00} (RFC 4475
 * §3.1.1.4) instead of being cut short. A {@code sips} AOR shares the key of its {@code sip} form: one
 * user, one set of bindings, whatever transport security the registration used.
 */
public final class Aor {

    private Aor() {}

    /** The canonical AOR of a SIP or SIPS URI; empty when it has no user part. */
    public static Optional<String> canonical(SipUri uri) {
        if (uri.user() == null || uri.user().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(of(uri.userDecoded(), uri.host()));
    }

    /** The canonical AOR for an unescaped user name and a host. */
    public static String of(String userDecoded, String host) {
        String user =
                PercentEncoding.encode(userDecoded, c -> SipChars.isUnreserved(c) || SipChars.isUserUnreserved(c));
        return "sip:" + user + "@" + host.toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a provisioning AOR: exactly {@code sip:user@host}, with no port, parameters or headers.
     *
     * @return the canonical form, or empty when {@code text} is not such an AOR
     */
    public static Optional<String> parseStrict(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            SipUri uri = SipUri.parse(text.strip());
            if (uri.isSecure()
                    || uri.port() != SipUri.NO_PORT
                    || !uri.parameters().isEmpty()
                    || uri.headers() != null
                    || uri.password() != null) {
                return Optional.empty();
            }
            return canonical(uri);
        } catch (SipParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The unescaped user part of a canonical AOR. */
    public static String user(String canonicalAor) {
        int at = canonicalAor.lastIndexOf('@');
        return PercentEncoding.decode(canonicalAor.substring("sip:".length(), at));
    }

    /** The host part of a canonical AOR. */
    public static String host(String canonicalAor) {
        return canonicalAor.substring(canonicalAor.lastIndexOf('@') + 1);
    }
}
