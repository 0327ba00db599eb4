package io.siplane.sip.transport;

import io.siplane.sip.parse.SipParserLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Configuration of a {@link SipTransport}. Every value has a named default; build with {@link #builder()}.
 *
 * @param listeningPoints where to listen; at least one
 * @param advertisedHost the host this element puts in its Via sent-by (and Contact); null means the bind address
 *     of the first listening point. Behind a load balancer or NAT this is the public name or address
 * @param advertisedPort the sent-by port; -1 means the bound port of the first listening point
 * @param udpChannels UDP channels per UDP listening point. More than one needs native epoll ({@code SO_REUSEPORT})
 *     so that the kernel spreads datagrams over event loops; without epoll one channel is bound
 * @param nativeTransport use native epoll when {@code Epoll.isAvailable()}
 * @param ioThreads event-loop threads; 0 lets Netty choose (twice the cores)
 * @param tcpIdleTimeout a connection with no traffic either way for this long is closed (both accepted and opened
 *     connections; RFC 5626 keep-alives count as traffic)
 * @param maxConnections the most connections open at once; accepting more closes the new one, opening more fails
 *     the send
 * @param mtuThreshold RFC 3261 §18.1.1: a request larger than this that would go over UDP goes over TCP
 * @param connectTimeout how long an outbound connection may take to establish
 * @param parserLimits size limits of the parser
 * @param checkResponseSentBy RFC 3261 §18.1.2: drop responses whose top Via sent-by is not ours. Off for elements
 *     that sit behind something that rewrites the Via (rare)
 */
public record TransportConfig(
        List<ListeningPoint> listeningPoints,
        String advertisedHost,
        int advertisedPort,
        int udpChannels,
        boolean nativeTransport,
        int ioThreads,
        Duration tcpIdleTimeout,
        int maxConnections,
        int mtuThreshold,
        Duration connectTimeout,
        SipParserLimits parserLimits,
        boolean checkResponseSentBy) {

    public static final int DEFAULT_UDP_CHANNELS = 1;
    public static final boolean DEFAULT_NATIVE_TRANSPORT = true;
    public static final int DEFAULT_IO_THREADS = 0;
    /** Five minutes, long enough for a registration refresh cycle with keep-alives in between. */
    public static final Duration DEFAULT_TCP_IDLE_TIMEOUT = Duration.ofMinutes(5);

    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /** RFC 3261 §18.1.1: 200 bytes below the 1500-byte Ethernet MTU. */
    public static final int DEFAULT_MTU_THRESHOLD = 1300;

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final boolean DEFAULT_CHECK_RESPONSE_SENT_BY = true;

    public TransportConfig {
        listeningPoints = List.copyOf(listeningPoints);
        if (listeningPoints.isEmpty()) throw new IllegalArgumentException("no listening point");
        if (advertisedPort < -1 || advertisedPort > 65535)
            throw new IllegalArgumentException("advertised port out of range: " + advertisedPort);
        if (udpChannels < 1) throw new IllegalArgumentException("udpChannels must be at least 1");
        if (ioThreads < 0) throw new IllegalArgumentException("ioThreads must not be negative");
        requirePositive(tcpIdleTimeout, "tcpIdleTimeout");
        requirePositive(connectTimeout, "connectTimeout");
        if (maxConnections < 1) throw new IllegalArgumentException("maxConnections must be at least 1");
        if (mtuThreshold < 1) throw new IllegalArgumentException("mtuThreshold must be positive");
        Objects.requireNonNull(parserLimits, "parserLimits");
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) throw new IllegalArgumentException(name + " must be positive");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.listeningPoints.addAll(listeningPoints);
        return b.advertisedHost(advertisedHost)
                .advertisedPort(advertisedPort)
                .udpChannels(udpChannels)
                .nativeTransport(nativeTransport)
                .ioThreads(ioThreads)
                .tcpIdleTimeout(tcpIdleTimeout)
                .maxConnections(maxConnections)
                .mtuThreshold(mtuThreshold)
                .connectTimeout(connectTimeout)
                .parserLimits(parserLimits)
                .checkResponseSentBy(checkResponseSentBy);
    }

    /** Builds a {@link TransportConfig}; every setter is optional except at least one listening point. */
    public static final class Builder {
        private final List<ListeningPoint> listeningPoints = new ArrayList<>();
        private String advertisedHost;
        private int advertisedPort = -1;
        private int udpChannels = DEFAULT_UDP_CHANNELS;
        private boolean nativeTransport = DEFAULT_NATIVE_TRANSPORT;
        private int ioThreads = DEFAULT_IO_THREADS;
        private Duration tcpIdleTimeout = DEFAULT_TCP_IDLE_TIMEOUT;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int mtuThreshold = DEFAULT_MTU_THRESHOLD;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private SipParserLimits parserLimits = SipParserLimits.DEFAULTS;
        private boolean checkResponseSentBy = DEFAULT_CHECK_RESPONSE_SENT_BY;

        private Builder() {}

        public Builder listen(TransportType transport, String bindAddress, int port) {
            return listeningPoint(ListeningPoint.of(transport, bindAddress, port));
        }

        public Builder listeningPoint(ListeningPoint lp) {
            listeningPoints.add(Objects.requireNonNull(lp));
            return this;
        }

        public Builder advertisedHost(String host) {
            this.advertisedHost = host;
            return this;
        }

        public Builder advertisedPort(int port) {
            this.advertisedPort = port;
            return this;
        }

        public Builder udpChannels(int n) {
            this.udpChannels = n;
            return this;
        }

        public Builder nativeTransport(boolean on) {
            this.nativeTransport = on;
            return this;
        }

        public Builder ioThreads(int n) {
            this.ioThreads = n;
            return this;
        }

        public Builder tcpIdleTimeout(Duration d) {
            this.tcpIdleTimeout = d;
            return this;
        }

        public Builder maxConnections(int n) {
            this.maxConnections = n;
            return this;
        }

        public Builder mtuThreshold(int bytes) {
            this.mtuThreshold = bytes;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        public Builder parserLimits(SipParserLimits limits) {
            this.parserLimits = limits;
            return this;
        }

        public Builder checkResponseSentBy(boolean on) {
            this.checkResponseSentBy = on;
            return this;
        }

        public TransportConfig build() {
            return new TransportConfig(
                    listeningPoints,
                    advertisedHost,
                    advertisedPort,
                    udpChannels,
                    nativeTransport,
                    ioThreads,
                    tcpIdleTimeout,
                    maxConnections,
                    mtuThreshold,
                    connectTimeout,
                    parserLimits,
                    checkResponseSentBy);
        }
    }
}
