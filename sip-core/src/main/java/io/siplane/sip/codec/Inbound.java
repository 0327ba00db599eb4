package io.siplane.sip.codec;

/** What the SIP decoders emit upstream: a message, a failure to be answered or dropped, or a keep-alive. */
public sealed interface Inbound permits InboundMessage, InboundFailure, KeepAlive {}
