package io.siplane.sip.codec;

import io.siplane.sip.parse.ParseFailure;
import java.net.InetSocketAddress;

/**
 * Bytes that did not make a usable message. The transport answers {@link ParseFailure#errorResponse()} when
 * there is one and closes a stream whose framing is lost ({@code !failure.framingIntact()}).
 */
public record InboundFailure(ParseFailure failure, InetSocketAddress sender) implements Inbound {}
