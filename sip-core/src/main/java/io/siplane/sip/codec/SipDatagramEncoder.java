package io.siplane.sip.codec;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/** Encodes an {@link OutboundDatagram} into one UDP packet. */
public final class SipDatagramEncoder extends MessageToMessageEncoder<OutboundDatagram> {
    @Override
    protected void encode(ChannelHandlerContext ctx, OutboundDatagram msg, List<Object> out) {
        out.add(new DatagramPacket(Unpooled.wrappedBuffer(msg.message().toBytes()), msg.recipient()));
    }
}
