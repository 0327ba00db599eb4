package io.siplane.sip.codec;

import io.siplane.sip.message.SipMessage;
import java.net.InetSocketAddress;

/** A message to send in one UDP datagram to {@code recipient}. */
public record OutboundDatagram(SipMessage message, InetSocketAddress recipient) {}
