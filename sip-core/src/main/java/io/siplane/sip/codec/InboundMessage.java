package io.siplane.sip.codec;

import io.siplane.sip.message.SipMessage;
import java.net.InetSocketAddress;

/**
 * A parsed message.
 *
 * @param sender the datagram's source, or the connection's remote address on a stream (null when unknown)
 */
public record InboundMessage(SipMessage message, InetSocketAddress sender) implements Inbound {}
