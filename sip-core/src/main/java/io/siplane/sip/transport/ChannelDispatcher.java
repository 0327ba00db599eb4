package io.siplane.sip.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.siplane.sip.codec.InboundFailure;
import io.siplane.sip.codec.InboundMessage;
import io.siplane.sip.codec.KeepAlive;
import java.net.InetSocketAddress;

/**
 * The last handler of every channel: turns what the codecs emit into calls on {@link SipTransport}. One instance
 * per channel; on a stream it owns the channel's {@link Flow} and its entry in the {@link ConnectionTable}.
 */
final class ChannelDispatcher extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(ChannelDispatcher.class.getName());

    private final SipTransport transport;
    private final TransportType type;
    private Flow flow;

    ChannelDispatcher(SipTransport transport, TransportType type) {
        this.transport = transport;
        this.type = type;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (type.isReliable()) {
            flow = new Flow(
                    type,
                    (InetSocketAddress) ctx.channel().localAddress(),
                    (InetSocketAddress) ctx.channel().remoteAddress(),
                    transport.connections().nextId());
            transport.connections().add(ctx.channel(), flow);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (flow != null) {
            transport.connections().remove(flow);
            transport.flowClosed(flow);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof InboundMessage m) {
            transport.received(m.message(), flowFor(ctx, m.sender()));
        } else if (msg instanceof InboundFailure f) {
            transport.failed(ctx.channel(), f.failure(), flowFor(ctx, f.sender()));
        } else if (msg instanceof KeepAlive) {
            // RFC 5626 §4.4.1: answer a CRLFCRLF ping with a CRLF pong
            if (type.isReliable()) ctx.writeAndFlush(KeepAlive.pong());
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private Flow flowFor(ChannelHandlerContext ctx, InetSocketAddress sender) {
        if (flow != null) return flow;
        InetSocketAddress remote =
                sender != null ? sender : (InetSocketAddress) ctx.channel().remoteAddress();
        return Flow.datagram((InetSocketAddress) ctx.channel().localAddress(), remote);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            LOG.log(System.Logger.Level.DEBUG, "closing idle connection {0}", flow);
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, "transport error on " + ctx.channel(), cause);
        // a stream with an I/O error is of no further use; a UDP socket keeps serving other peers
        if (type.isReliable()) ctx.close();
    }
}
