package io.siplane.sip.sdp;

/**
 * A {@code c=} line (RFC 8866 §5.7): {@code c=<nettype> <addrtype> <connection-address>}.
 *
 * <p>The address is kept as written, with any multicast {@code /ttl} and {@code /number of addresses} suffix.
 */
public record Connection(String networkType, String addressType, String address) {
    /** {@code IN}, the only network type RFC 8866 defines. */
    public static final String INTERNET = "IN";

    public static final String IP4 = "IP4";
    public static final String IP6 = "IP6";

    public Connection {
        SdpText.token(networkType, "nettype");
        SdpText.token(addressType, "addrtype");
        SdpText.token(address, "connection-address");
    }

    /** {@code IN IP4 address} or {@code IN IP6 address}, chosen from the address's form. */
    public static Connection of(String address) {
        return new Connection(INTERNET, address.indexOf(':') >= 0 ? IP6 : IP4, address);
    }

    /**
     * {@code 0.0.0.0}: the address RFC 2543 used to put a call on hold. RFC 3264 §8.4 replaced it with
     * {@code a=sendonly}, but still asks an answerer to understand it.
     */
    public boolean isUnspecifiedIp4() {
        return IP4.equalsIgnoreCase(addressType) && "0.0.0.0".equals(address);
    }

    /** The line's value, as written after {@code c=}. */
    @Override
    public String toString() {
        return networkType + ' ' + addressType + ' ' + address;
    }
}
