package io.siplane.sip.transport;

import java.util.Locale;
import java.util.Optional;

/**
 * The transports a SIP element can send and receive over (RFC 3261 §18, RFC 7118 for WebSocket).
 *
 * <p>Only UDP and TCP have a built-in pipeline today; TLS, WS and WSS are named so that URIs, Via headers and
 * configuration can already carry them, and so that a {@link TransportPipeline} can be plugged in for them.
 */
public enum TransportType {
    UDP("UDP", false, false, 5060),
    TCP("TCP", true, false, 5060),
    TLS("TLS", true, true, 5061),
    /** RFC 7118 §5.2: a WebSocket URI has no SIP default port; 80 is the HTTP default the WebSocket uses. */
    WS("WS", true, false, 80),
    /** RFC 7118: WebSocket over TLS; 443 is the HTTPS default. */
    WSS("WSS", true, true, 443);

    private final String viaName;
    private final boolean reliable;
    private final boolean secure;
    private final int defaultPort;

    TransportType(String viaName, boolean reliable, boolean secure, int defaultPort) {
        this.viaName = viaName;
        this.reliable = reliable;
        this.secure = secure;
        this.defaultPort = defaultPort;
    }

    /** The transport token in a Via {@code sent-protocol} ({@code SIP/2.0/UDP}). */
    public String viaName() {
        return viaName;
    }

    /** The value of a URI {@code transport} parameter, lower case ({@code transport=tcp}). */
    public String uriParam() {
        return viaName.toLowerCase(Locale.ROOT);
    }

    /**
     * True for the connection-oriented transports: RFC 3261 §17.1.1.1 / §17.1.2.1 do not retransmit over them,
     * and §18.2.2 sends responses back over the request's connection.
     */
    public boolean isReliable() {
        return reliable;
    }

    /** True when the transport is encrypted, as a SIPS URI requires (RFC 3261 §26.2.2). */
    public boolean isSecure() {
        return secure;
    }

    /** The port used when a URI or Via names none (RFC 3261 §19.1.2, §18.2.2; RFC 7118 for WS). */
    public int defaultPort() {
        return defaultPort;
    }

    /** The connection-oriented transport a UDP request switches to when it is too large (§18.1.1). */
    public TransportType streamEquivalent() {
        return this == UDP ? TCP : this;
    }

    /** Looks up a Via transport or URI {@code transport} parameter, ignoring case. */
    public static Optional<TransportType> fromName(String name) {
        if (name == null) return Optional.empty();
        for (TransportType t : values()) {
            if (t.viaName.equalsIgnoreCase(name)) return Optional.of(t);
        }
        return Optional.empty();
    }
}
