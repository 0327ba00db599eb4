package io.siplane.sip.transport;

import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import io.siplane.sip.codec.Inbound;
import io.siplane.sip.codec.OutboundDatagram;
import io.siplane.sip.codec.SipDatagramDecoder;
import io.siplane.sip.codec.SipDatagramEncoder;
import io.siplane.sip.codec.SipStreamDecoder;
import io.siplane.sip.codec.SipStreamEncoder;
import io.siplane.sip.parse.SipParser;

/**
 * The per-transport part of a channel's pipeline: the handlers between the socket and the transport's own
 * dispatcher, which {@link SipTransport} adds last.
 *
 * <p>The contract: inbound, the handlers emit {@link Inbound} objects; outbound, they accept
 * {@link OutboundDatagram} (datagram transports) or {@link io.siplane.sip.message.SipMessage} plus raw
 * {@link io.netty.buffer.ByteBuf}s for keep-alive pongs (stream transports). UDP and TCP are built in. TLS plugs in
 * as an {@code SslHandler} in front of the TCP handlers; WS/WSS (RFC 7118) as HTTP codec, WebSocket upgrade for
 * subprotocol {@code sip}, and a frame-to-message codec. Pass such pipelines to
 * {@link SipTransport#SipTransport(TransportConfig, MessageHandler, java.util.Map)}.
 */
@FunctionalInterface
public interface TransportPipeline {
    /**
     * Adds the handlers to a new channel.
     *
     * @param ch a datagram channel for unreliable transports, an accepted or connecting socket channel otherwise
     * @param parser the parser configured with {@link TransportConfig#parserLimits()}
     * @param accepted true for a connection accepted by a listening point, false for one this element opened
     *     (a TLS pipeline picks server or client mode from it)
     */
    void init(Channel ch, SipParser parser, boolean accepted);

    /** One {@link DatagramPacket} in, one message out (RFC 3261 §18.3). */
    TransportPipeline UDP = (ch, parser, accepted) -> ch.pipeline()
            .addLast("sip-decoder", new SipDatagramDecoder(parser))
            .addLast("sip-encoder", new SipDatagramEncoder());

    /** Content-Length framing on a byte stream (RFC 3261 §18.3), CRLF keep-alives (RFC 5626 §4.4.1). */
    TransportPipeline TCP = (ch, parser, accepted) -> ch.pipeline()
            .addLast("sip-decoder", new SipStreamDecoder(parser))
            .addLast("sip-encoder", new SipStreamEncoder());
}
