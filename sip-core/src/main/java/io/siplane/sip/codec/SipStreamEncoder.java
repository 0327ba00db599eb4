package io.siplane.sip.codec;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipMessage;
import java.util.List;

/**
 * Writes messages onto a stream. RFC 3261 §18.3 makes Content-Length mandatory on streams, so a message that
 * arrived over UDP without one gets it before it leaves.
 */
@ChannelHandler.Sharable
public final class SipStreamEncoder extends MessageToMessageEncoder<SipMessage> {
    @Override
    protected void encode(ChannelHandlerContext ctx, SipMessage msg, List<Object> out) {
        SipMessage framed =
                msg.hasHeader(HeaderName.CONTENT_LENGTH) ? msg : msg.toBuilder().build();
        out.add(Unpooled.wrappedBuffer(framed.toBytes()));
    }
}
