package io.siplane.sip.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DefaultDnsRecordDecoder;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@link DnsLookup} over Netty's asynchronous {@link DnsNameResolver} (system name servers from
 * {@code /etc/resolv.conf}, TTL-based cache). Not covered by the unit tests, which run without a network: the
 * resolver logic is tested through {@link TargetResolver} with records supplied in memory.
 */
public final class NettyDnsLookup implements DnsLookup, AutoCloseable {
    private final DnsNameResolver resolver;

    public NettyDnsLookup(DnsNameResolver resolver) {
        this.resolver = resolver;
    }

    /** A resolver on {@code loop}, using epoll channels when the loop is an epoll loop. */
    public static NettyDnsLookup create(EventLoop loop) {
        boolean epoll = Epoll.isAvailable() && loop instanceof io.netty.channel.epoll.EpollEventLoop;
        DnsNameResolverBuilder b = new DnsNameResolverBuilder(loop)
                .datagramChannelType(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .socketChannelType(epoll ? EpollSocketChannel.class : NioSocketChannel.class);
        return new NettyDnsLookup(b.build());
    }

    @Override
    public CompletableFuture<List<SrvRecord>> srv(String name) {
        CompletableFuture<List<SrvRecord>> out = new CompletableFuture<>();
        resolver.resolveAll(new DefaultDnsQuestion(name, DnsRecordType.SRV))
                .addListener((Future<List<DnsRecord>> f) -> {
                    if (!f.isSuccess()) {
                        completeEmptyOrFail(out, f.cause());
                        return;
                    }
                    List<SrvRecord> records = new ArrayList<>();
                    try {
                        for (DnsRecord r : f.getNow()) {
                            if (r.type() == DnsRecordType.SRV && r instanceof DnsRawRecord raw)
                                records.add(decodeSrv(raw.content()));
                        }
                        out.complete(records);
                    } catch (RuntimeException e) {
                        out.completeExceptionally(e);
                    } finally {
                        for (DnsRecord r : f.getNow()) ReferenceCountUtil.release(r);
                    }
                });
        return out;
    }

    /** RDATA: priority, weight, port (16 bits each), then the target name (RFC 2782). */
    private static SrvRecord decodeSrv(ByteBuf content) {
        ByteBuf in = content.duplicate();
        int priority = in.readUnsignedShort();
        int weight = in.readUnsignedShort();
        int port = in.readUnsignedShort();
        String target = DefaultDnsRecordDecoder.decodeName(in);
        if (target.length() > 1 && target.endsWith(".")) target = target.substring(0, target.length() - 1);
        return new SrvRecord(priority, weight, port, target);
    }

    @Override
    public CompletableFuture<List<InetAddress>> addresses(String host) {
        CompletableFuture<List<InetAddress>> out = new CompletableFuture<>();
        resolver.resolveAll(host).addListener((Future<List<InetAddress>> f) -> {
            if (f.isSuccess()) out.complete(f.getNow());
            else completeEmptyOrFail(out, f.cause());
        });
        return out;
    }

    private static <T> void completeEmptyOrFail(CompletableFuture<List<T>> out, Throwable cause) {
        // NXDOMAIN and "no records of this type" both surface as UnknownHostException: an empty answer
        if (cause instanceof UnknownHostException) out.complete(List.of());
        else out.completeExceptionally(cause);
    }

    @Override
    public void close() {
        resolver.close();
    }
}
