package io.siplane.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.siplane.sip.parse.ParseError;
import io.siplane.sip.parse.ParseResult;
import io.siplane.sip.parse.SipParser;
import java.util.List;

/**
 * One datagram, one message (RFC 3261 §18.3): copies the payload once and parses it. Keep-alive noise (CRLFs,
 * NUL "jack-knife" packets, RFC 5389 STUN binding requests used by RFC 5626 §4.4.2) is dropped without a word,
 * as is anything the parser marks as not worth an answer.
 */
public final class SipDatagramDecoder extends MessageToMessageDecoder<DatagramPacket> {
    private final SipParser parser;

    public SipDatagramDecoder(SipParser parser) {
        this.parser = parser;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        ByteBuf content = packet.content();
        int len = content.readableBytes();
        if (len == 0 || isKeepAliveNoise(content)) return;
        if (len > parser.limits().maxDatagramBytes()) {
            out.add(new InboundFailure(
                    new io.siplane.sip.parse.ParseFailure(
                            ParseError.BODY_TOO_LARGE,
                            "datagram of " + len + " bytes",
                            false,
                            null,
                            List.of(),
                            true,
                            len),
                    packet.sender()));
            return;
        }
        byte[] bytes = new byte[len];
        content.getBytes(content.readerIndex(), bytes);
        ParseResult r = parser.parse(bytes, 0, len, SipParser.Framing.DATAGRAM);
        if (r instanceof ParseResult.Parsed p) {
            out.add(new InboundMessage(p.message(), packet.sender()));
        } else if (r instanceof ParseResult.Failed f && f.failure().error() != ParseError.EMPTY) {
            out.add(new InboundFailure(f.failure(), packet.sender()));
        }
    }

    private static boolean isKeepAliveNoise(ByteBuf b) {
        int first = b.getUnsignedByte(b.readerIndex());
        // STUN messages start with two zero bits (RFC 5389 §6); SIP starts with a letter.
        if (first < 0x04) return true;
        for (int i = b.readerIndex(); i < b.writerIndex(); i++) {
            byte c = b.getByte(i);
            if (c != '\r' && c != '\n' && c != ' ' && c != 0) return false;
        }
        return true;
    }
}
