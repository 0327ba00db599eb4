package io.siplane.sip.sdp;

import java.math.BigInteger;

/**
 * The {@code o=} line (RFC 8866 §5.2):
 * {@code o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>}.
 *
 * <p>The session id and version are kept as decimal text: RFC 8866 only says {@code 1*DIGIT}, and real offers carry
 * values past 2^63.
 */
public record Origin(
        String username,
        String sessionId,
        String sessionVersion,
        String networkType,
        String addressType,
        String unicastAddress) {

    /** The username to use when there is none (RFC 8866 §5.2). */
    public static final String NO_USERNAME = "-";

    public Origin {
        SdpText.token(username, "username");
        SdpText.digits(sessionId, "sess-id");
        SdpText.digits(sessionVersion, "sess-version");
        SdpText.token(networkType, "nettype");
        SdpText.token(addressType, "addrtype");
        SdpText.token(unicastAddress, "unicast-address");
    }

    /** An {@code IN IP4} or {@code IN IP6} origin, the address type chosen from the address's form. */
    public static Origin of(String username, long sessionId, long sessionVersion, String address) {
        return new Origin(
                username,
                Long.toString(sessionId),
                Long.toString(sessionVersion),
                Connection.INTERNET,
                address.indexOf(':') >= 0 ? Connection.IP6 : Connection.IP4,
                address);
    }

    /**
     * This origin with the version increased by one: RFC 3264 §8 requires it in every new offer or answer of a session
     * whose description changed, and RFC 8866 §5.2 says the version changes when the description does.
     */
    public Origin nextVersion() {
        String next = new BigInteger(sessionVersion).add(BigInteger.ONE).toString();
        return new Origin(username, sessionId, next, networkType, addressType, unicastAddress);
    }

    /** The same session as {@code other}: RFC 8866 §5.2 says the first five fields identify it, not the version. */
    public boolean sameSessionAs(Origin other) {
        return username.equals(other.username)
                && sessionId.equals(other.sessionId)
                && networkType.equals(other.networkType)
                && addressType.equals(other.addressType)
                && unicastAddress.equals(other.unicastAddress);
    }

    /** The line's value, as written after {@code o=}. */
    @Override
    public String toString() {
        return username
                + ' '
                + sessionId
                + ' '
                + sessionVersion
                + ' '
                + networkType
                + ' '
                + addressType
                + ' '
                + unicastAddress;
    }
}
