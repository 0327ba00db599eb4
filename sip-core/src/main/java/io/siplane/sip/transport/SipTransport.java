package io.siplane.sip.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.siplane.sip.codec.OutboundDatagram;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipMessage;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.Via;
import io.siplane.sip.parse.ParseError;
import io.siplane.sip.parse.ParseFailure;
import io.siplane.sip.parse.SipParser;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The RFC 3261 §18 transport layer: listening points, inbound dispatch, outbound sends, connection reuse.
 *
 * <p><b>Inbound.</b> Each channel's pipeline is the transport's {@link TransportPipeline} (codecs) and a
 * dispatcher. A request gets {@code received}/{@code rport} in its top Via (§18.2.1, RFC 3581 §4) and goes to
 * {@link MessageHandler#onRequest}; a response whose top Via sent-by is not this element is dropped (§18.1.2), the
 * rest go to {@link MessageHandler#onResponse}. A message that fails to parse is counted by cause
 * ({@link #parseErrorCounts()}); when the parser provides an error response (any request but ACK) it goes back to
 * the source, over the same connection on a stream; a stream whose framing is lost is then closed. CRLFCRLF pings
 * on streams get a CRLF pong (RFC 5626 §4.4.1).
 *
 * <p><b>Outbound.</b> {@link #send(SipMessage, Destination)}. The caller builds the Via (see
 * {@link #viaFor(TransportType, String)}). A request for UDP that is larger than
 * {@link TransportConfig#mtuThreshold()} goes over TCP instead (§18.1.1): the transport then rewrites the top Via's
 * transport from UDP to TCP itself, so the caller need not know; if the TCP connection is refused it falls back to
 * UDP with the original request, as §18.1.1 says. Streams are reused: a send goes over the destination's flow
 * while its connection is open, else over any open connection to the address, else over a new one (one connect
 * per address at a time). Connections idle for {@link TransportConfig#tcpIdleTimeout()} are closed.
 *
 * <p>All futures complete on an event loop; {@link MessageHandler} is called on the event loop of the channel.
 * {@link #start()} and {@link #close()} block and must not be called from an event loop.
 */
public final class SipTransport implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SipTransport.class.getName());
    /** Binding listening points that share an ephemeral port can collide with another process; retry a few times. */
    private static final int BIND_ATTEMPTS = 5;

    private final TransportConfig config;
    private final MessageHandler handler;
    private final Map<TransportType, TransportPipeline> pipelines;
    private final SipParser parser;
    private final ConnectionTable connections;
    private final Map<ParseError, LongAdder> parseErrors = new EnumMap<>(ParseError.class);
    private final LongAdder droppedResponses = new LongAdder();
    private final LongAdder rejectedConnections = new LongAdder();
    private final boolean epoll;
    private final EventLoopGroup group;
    private final List<Channel> udpChannels = new CopyOnWriteArrayList<>();
    private final List<Channel> serverChannels = new CopyOnWriteArrayList<>();
    private final Map<TransportType, List<InetSocketAddress>> bound = new EnumMap<>(TransportType.class);
    private final Map<TransportType, Bootstrap> clients = new EnumMap<>(TransportType.class);
    private final AtomicInteger udpRoundRobin = new AtomicInteger();
    private volatile String advertisedHost;
    private volatile int advertisedPort;
    private volatile boolean started;

    /** A transport with the built-in UDP and TCP pipelines. */
    public SipTransport(TransportConfig config, MessageHandler handler) {
        this(config, handler, Map.of());
    }

    /**
     * A transport with extra or replacement pipelines, e.g. TLS or WebSocket.
     *
     * @param extraPipelines per transport; they override the built-in ones
     */
    public SipTransport(
            TransportConfig config, MessageHandler handler, Map<TransportType, TransportPipeline> extraPipelines) {
        this.config = config;
        this.handler = handler;
        Map<TransportType, TransportPipeline> p = new EnumMap<>(TransportType.class);
        p.put(TransportType.UDP, TransportPipeline.UDP);
        p.put(TransportType.TCP, TransportPipeline.TCP);
        p.putAll(extraPipelines);
        this.pipelines = Collections.unmodifiableMap(p);
        this.parser = new SipParser(config.parserLimits());
        this.connections = new ConnectionTable(config.maxConnections());
        for (ParseError e : ParseError.values()) parseErrors.put(e, new LongAdder());
        this.epoll = config.nativeTransport() && Epoll.isAvailable();
        this.group = epoll ? new EpollEventLoopGroup(config.ioThreads()) : new NioEventLoopGroup(config.ioThreads());
    }

    // ---- lifecycle ---------------------------------------------------------------------------------------

    /**
     * Binds every listening point. Listening points with port 0 on one bind address share the port the first of
     * them gets, so UDP and TCP answer on one port as they do on 5060.
     *
     * @throws IllegalStateException when a listening point cannot be bound or has no pipeline
     */
    public synchronized void start() {
        if (started) throw new IllegalStateException("already started");
        boolean ephemeral = config.listeningPoints().stream().anyMatch(lp -> lp.port() == 0);
        for (int attempt = 1; ; attempt++) {
            try {
                bindAll();
                break;
            } catch (Exception e) { // Netty rethrows bind failures (IOException) undeclared from sync*()
                closeListeners();
                if (!ephemeral || attempt >= BIND_ATTEMPTS)
                    throw new IllegalStateException("cannot bind listening points: " + e.getMessage(), e);
            }
        }
        ListeningPoint first = config.listeningPoints().get(0);
        advertisedHost = config.advertisedHost() != null ? config.advertisedHost() : first.bindAddress();
        advertisedPort = config.advertisedPort() >= 0
                ? config.advertisedPort()
                : bound.get(first.transport()).get(0).getPort();
        started = true;
    }

    private void bindAll() {
        Map<String, Integer> sharedPorts = new HashMap<>();
        for (ListeningPoint lp : config.listeningPoints()) {
            int port = lp.port() == 0 ? sharedPorts.getOrDefault(lp.bindAddress(), 0) : lp.port();
            InetSocketAddress addr = new InetSocketAddress(Addresses.literal(lp.bindAddress()), port);
            pipeline(lp.transport()); // fails early for a transport without a pipeline
            InetSocketAddress actual =
                    lp.transport().isReliable() ? bindStream(lp.transport(), addr) : bindDatagram(addr);
            if (lp.port() == 0) sharedPorts.putIfAbsent(lp.bindAddress(), actual.getPort());
            bound.computeIfAbsent(lp.transport(), t -> new CopyOnWriteArrayList<>())
                    .add(actual);
        }
    }

    private InetSocketAddress bindDatagram(InetSocketAddress addr) {
        // Several channels on one port need SO_REUSEPORT, which only the native transport offers; the kernel
        // then spreads datagrams over the channels (and so over event loops) by source address hash.
        int channels = epoll ? config.udpChannels() : 1;
        if (config.udpChannels() > 1 && !epoll)
            LOG.log(System.Logger.Level.WARNING, "native epoll unavailable: binding one UDP channel on {0}", addr);
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        pipeline(TransportType.UDP).init(ch, parser, true);
                        ch.pipeline()
                                .addLast("dispatcher", new ChannelDispatcher(SipTransport.this, TransportType.UDP));
                    }
                });
        if (channels > 1) b.option(EpollChannelOption.SO_REUSEPORT, true);
        Channel firstChannel = b.bind(addr).syncUninterruptibly().channel();
        udpChannels.add(firstChannel);
        InetSocketAddress actual = (InetSocketAddress) firstChannel.localAddress();
        for (int i = 1; i < channels; i++)
            udpChannels.add(b.bind(actual).syncUninterruptibly().channel());
        return actual;
    }

    private InetSocketAddress bindStream(TransportType type, InetSocketAddress addr) {
        ServerBootstrap sb = new ServerBootstrap()
                .group(group)
                .channel(serverChannelClass())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (!connections.tryReserve()) {
                            // counted rather than logged at WARNING: a connection flood must not flood the log
                            rejectedConnections.increment();
                            LOG.log(System.Logger.Level.DEBUG, "connection limit reached: refusing {0}", ch);
                            ch.close();
                            return;
                        }
                        ch.closeFuture().addListener(f -> connections.releaseSlot());
                        initStream(ch, type, true);
                    }
                });
        Channel server = sb.bind(addr).syncUninterruptibly().channel();
        serverChannels.add(server);
        clients.put(type, clientBootstrap(type));
        return (InetSocketAddress) server.localAddress();
    }

    private Bootstrap clientBootstrap(TransportType type) {
        return new Bootstrap()
                .group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        initStream(ch, type, false);
                    }
                });
    }

    private Class<? extends ServerChannel> serverChannelClass() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    private void initStream(Channel ch, TransportType type, boolean accepted) {
        long idle = config.tcpIdleTimeout().toMillis();
        ch.pipeline().addLast("idle", new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS));
        pipeline(type).init(ch, parser, accepted);
        ch.pipeline().addLast("dispatcher", new ChannelDispatcher(this, type));
    }

    private TransportPipeline pipeline(TransportType type) {
        TransportPipeline p = pipelines.get(type);
        if (p == null) throw new IllegalStateException("no pipeline for " + type + " (not implemented yet)");
        return p;
    }

    /** Closes every channel and stops the event loops. Blocks until done. */
    @Override
    public synchronized void close() {
        started = false;
        closeListeners();
        for (Channel ch : connections.channels()) ch.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private void closeListeners() {
        for (Channel ch : udpChannels) ch.close().syncUninterruptibly();
        for (Channel ch : serverChannels) ch.close().syncUninterruptibly();
        udpChannels.clear();
        serverChannels.clear();
        bound.clear();
    }

    // ---- addresses -----------------------------------------------------------------------------------------

    /** The first bound address of {@code type}, or null when there is no listening point for it. */
    public InetSocketAddress localAddress(TransportType type) {
        List<InetSocketAddress> l = bound.get(type);
        return l == null || l.isEmpty() ? null : l.get(0);
    }

    /** The host this element puts in its Via sent-by and Contact. */
    public String advertisedHost() {
        return advertisedHost;
    }

    public int advertisedPort() {
        return advertisedPort;
    }

    /**
     * A top Via for a request this element sends over {@code type}: the advertised sent-by, the branch, and an
     * empty {@code rport} (RFC 3581 §3) so that responses find their way back through NATs.
     */
    public Via viaFor(TransportType type, String branch) {
        String host = advertisedHost;
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) host = "[" + host + "]"; // RFC 3261 §25.1 IPv6reference
        return Via.of(type.viaName(), host, advertisedPort, branch, true);
    }

    // ---- outbound ------------------------------------------------------------------------------------------

    /**
     * Sends a message. Completes when the bytes are handed to the socket; exceptionally with
     * {@link ConnectException} when a connection is refused or times out, {@link TransportException} for the
     * transport's own reasons. See the class comment for the §18.1.1 switch from UDP to TCP.
     */
    public CompletableFuture<Void> send(SipMessage message, Destination destination) {
        if (!started) return CompletableFuture.failedFuture(new TransportException("transport not started"));
        if (destination.transport() == TransportType.UDP) {
            if (message instanceof SipRequest request && isTooLargeForUdp(request))
                return sendSwitchedToTcp(request, destination);
            return sendDatagram(message, destination);
        }
        return sendStream(message, destination);
    }

    /**
     * Sends a response to a request that arrived over {@code requestFlow}, addressed per RFC 3261 §18.2.2 (see
     * {@link ResponseAddressing}).
     */
    public CompletableFuture<Void> sendResponse(SipResponse response, Flow requestFlow) {
        return send(response, ResponseAddressing.destinationFor(response.topVia(), requestFlow));
    }

    private boolean isTooLargeForUdp(SipRequest request) {
        // RFC 3261 §18.1.1: within 200 bytes of the 1500-byte path MTU, or over 1300 bytes without a known MTU
        return request.toBytes().length > config.mtuThreshold() && pipelines.containsKey(TransportType.TCP);
    }

    private CompletableFuture<Void> sendSwitchedToTcp(SipRequest request, Destination destination) {
        SipRequest overTcp = withTopViaTransport(request, TransportType.TCP);
        CompletableFuture<Void> result = new CompletableFuture<>();
        sendStream(overTcp, destination.withTransport(TransportType.TCP)).whenComplete((ok, err) -> {
            if (err == null) {
                result.complete(null);
            } else if (unwrap(err) instanceof ConnectException) {
                // §18.1.1: a reset or refused connection means the peer has no TCP; retry the request over UDP
                LOG.log(System.Logger.Level.DEBUG, "TCP refused by {0}: large request goes over UDP", destination);
                sendDatagram(request, destination).whenComplete((ok2, err2) -> {
                    if (err2 == null) result.complete(null);
                    else result.completeExceptionally(unwrap(err2));
                });
            } else {
                result.completeExceptionally(unwrap(err));
            }
        });
        return result;
    }

    /** The request with its top Via's transport changed from UDP, as a §18.1.1 switch requires. */
    static SipRequest withTopViaTransport(SipRequest request, TransportType type) {
        Via top = request.topVia();
        if (!TransportType.UDP.viaName().equals(top.transport())) return request;
        Via switched = new Via(type.viaName(), top.host(), top.port(), top.parameters());
        return request.toBuilder()
                .replaceFirstValue(HeaderName.VIA, switched.toString())
                .build();
    }

    private CompletableFuture<Void> sendDatagram(SipMessage message, Destination d) {
        if (d.address().isUnresolved())
            return CompletableFuture.failedFuture(new TransportException("unresolved address " + d.address()));
        Channel ch = udpChannelFor(d);
        if (ch == null) return CompletableFuture.failedFuture(new TransportException("no UDP listening point"));
        return written(ch.writeAndFlush(new OutboundDatagram(message, d.address())));
    }

    /**
     * The UDP channel to send from: the one the flow came in on (a NAT only lets the answer through from there),
     * else one of the destination's address family, spread round robin over the SO_REUSEPORT channels.
     */
    private Channel udpChannelFor(Destination d) {
        List<Channel> all = udpChannels;
        if (all.isEmpty()) return null;
        List<Channel> candidates = new ArrayList<>(all.size());
        if (d.flow() != null && d.flow().local() != null) {
            for (Channel ch : all) if (d.flow().local().equals(ch.localAddress())) candidates.add(ch);
        }
        if (candidates.isEmpty()) {
            boolean v6 = d.address().getAddress() instanceof Inet6Address;
            for (Channel ch : all) {
                InetAddress local = ((InetSocketAddress) ch.localAddress()).getAddress();
                if ((local instanceof Inet6Address) == v6) candidates.add(ch);
            }
        }
        if (candidates.isEmpty()) candidates = all;
        return candidates.get(Math.floorMod(udpRoundRobin.getAndIncrement(), candidates.size()));
    }

    private CompletableFuture<Void> sendStream(SipMessage message, Destination d) {
        TransportType type = d.transport();
        if (!pipelines.containsKey(type))
            return CompletableFuture.failedFuture(new TransportException(type + " is not available"));
        Channel ch = null;
        if (d.flow() != null && d.flow().hasConnection())
            ch = connections.byId(d.flow().connectionId());
        if (ch == null && !d.address().isUnresolved()) ch = connections.byRemote(type, d.address());
        if (ch != null) return written(ch.writeAndFlush(message));
        if (d.address().isUnresolved()) {
            return CompletableFuture.failedFuture(new TransportException(
                    "connection closed and " + d.address().getHostString() + " needs RFC 3263 resolution"));
        }
        return connect(type, d.address()).thenCompose(c -> written(c.writeAndFlush(message)));
    }

    private CompletableFuture<Channel> connect(TransportType type, InetSocketAddress address) {
        CompletableFuture<Channel> mine = new CompletableFuture<>();
        CompletableFuture<Channel> pending =
                connections.joinOrStartConnect(new ConnectionTable.Key(type, address), mine);
        if (pending != null) return pending;
        if (!connections.tryReserve()) {
            mine.completeExceptionally(
                    new TransportException("connection limit of " + config.maxConnections() + " reached"));
            return mine;
        }
        Bootstrap b = clients.computeIfAbsent(type, this::clientBootstrap);
        ChannelFuture cf = b.connect(address);
        cf.channel().closeFuture().addListener(f -> connections.releaseSlot());
        cf.addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                // complete after channelActive has run, so the connection is in the table when waiters write
                f.channel().eventLoop().execute(() -> mine.complete(f.channel()));
            } else {
                mine.completeExceptionally(f.cause());
            }
        });
        return mine;
    }

    private static CompletableFuture<Void> written(ChannelFuture f) {
        CompletableFuture<Void> out = new CompletableFuture<>();
        f.addListener(w -> {
            if (w.isSuccess()) out.complete(null);
            else out.completeExceptionally(w.cause());
        });
        return out;
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    // ---- inbound (called by ChannelDispatcher on the event loop) --------------------------------------------

    ConnectionTable connections() {
        return connections;
    }

    void received(SipMessage message, Flow flow) {
        try {
            if (message instanceof SipRequest request) {
                handler.onRequest(stampVia(request, flow.remote()), flow);
            } else if (message instanceof SipResponse response) {
                if (config.checkResponseSentBy() && !isOurSentBy(response.topVia())) {
                    // RFC 3261 §18.1.2: a response whose top Via is not ours was misrouted
                    droppedResponses.increment();
                    LOG.log(System.Logger.Level.DEBUG, "dropping response for sent-by {0}", response.topVia());
                    return;
                }
                handler.onResponse(response, flow);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "message handler failed on a message from " + flow, e);
        }
    }

    /**
     * RFC 3261 §18.2.1 and RFC 3581 §4: {@code received} when the sent-by host is not the source address, and
     * {@code received} plus the source port in {@code rport} when the client asked with an empty rport.
     */
    static SipRequest stampVia(SipRequest request, InetSocketAddress source) {
        if (source == null || source.getAddress() == null) return request;
        Via top = request.topVia();
        boolean sameHost = Addresses.sameIp(top.host(), source.getAddress());
        if (sameHost && !top.hasRport()) return request;
        Via stamped = sameHost
                ? top.withParameter("rport", Integer.toString(source.getPort()))
                : top.withReceived(Addresses.ip(source), source.getPort());
        if (sameHost) stamped = stamped.withParameter("received", Addresses.ip(source)); // RFC 3581 §4: always
        return stamped.equals(top)
                ? request
                : request.toBuilder()
                        .replaceFirstValue(HeaderName.VIA, stamped.toString())
                        .build();
    }

    private boolean isOurSentBy(Via via) {
        int port = via.port() >= 0
                ? via.port()
                : TransportType.fromName(via.transport())
                        .map(TransportType::defaultPort)
                        .orElse(5060);
        boolean portMatches = port == advertisedPort;
        for (List<InetSocketAddress> l : bound.values()) {
            for (InetSocketAddress a : l) portMatches |= a.getPort() == port;
        }
        if (!portMatches) return false;
        String host = Addresses.unbracket(via.host());
        String ours = advertisedHost; // null while start() is still binding
        if (ours != null && host.equalsIgnoreCase(Addresses.unbracket(ours))) return true;
        if (!Addresses.isIpLiteral(host)) return false;
        InetAddress ip = Addresses.literal(host);
        if (ours != null && Addresses.isIpLiteral(ours) && ip.equals(Addresses.literal(ours))) return true;
        for (ListeningPoint lp : config.listeningPoints()) {
            if (ip.equals(Addresses.literal(lp.bindAddress()))) return true;
        }
        return false;
    }

    void failed(Channel ch, ParseFailure failure, Flow flow) {
        parseErrors.get(failure.error()).increment();
        LOG.log(
                System.Logger.Level.DEBUG,
                "unparseable message from {0}: {1} ({2})",
                flow,
                failure.error(),
                failure.detail());
        Optional<SipResponse> answer = failure.errorResponse();
        ChannelFuture written = null;
        if (answer.isPresent()) {
            // back to where it came from: the same connection, or the datagram's source
            Object out =
                    flow.transport().isReliable() ? answer.get() : new OutboundDatagram(answer.get(), flow.remote());
            written = ch.writeAndFlush(out);
        }
        if (flow.transport().isReliable() && !failure.framingIntact()) {
            // the stream decoder discards until close: nothing more can be read from this connection
            if (written != null) written.addListener(ChannelFutureListener.CLOSE);
            else ch.close();
        }
    }

    void flowClosed(Flow flow) {
        try {
            handler.onFlowClosed(flow);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "message handler failed on flow close " + flow, e);
        }
    }

    // ---- counters (to become metrics) ----------------------------------------------------------------------

    /** Messages that failed to parse, by cause; causes never seen are left out. */
    public Map<ParseError, Long> parseErrorCounts() {
        Map<ParseError, Long> out = new EnumMap<>(ParseError.class);
        parseErrors.forEach((e, n) -> {
            long v = n.sum();
            if (v > 0) out.put(e, v);
        });
        return out;
    }

    /** Responses dropped because their top Via was not ours (§18.1.2). */
    public long droppedResponseCount() {
        return droppedResponses.sum();
    }

    /** Accepted connections closed at once because {@link TransportConfig#maxConnections()} was reached. */
    public long rejectedConnectionCount() {
        return rejectedConnections.sum();
    }

    /** Connections open or being opened. */
    public int connectionCount() {
        return connections.size();
    }

    /** UDP channels bound (several per listening point with SO_REUSEPORT). */
    int udpChannelCount() {
        return udpChannels.size();
    }

    /** True while connection {@code connectionId} is open. */
    public boolean isConnected(long connectionId) {
        return connections.byId(connectionId) != null;
    }
}
