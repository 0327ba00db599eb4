package io.siplane.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;

/**
 * An RFC 5626 §4.4.1 keep-alive ping (a double CRLF between messages on a stream). The transport answers
 * with a single CRLF, the pong: {@link #pong()}.
 */
public record KeepAlive(InetSocketAddress sender) implements Inbound {
    private static final byte[] CRLF = {'\r', '\n'};

    /** A new buffer holding the CRLF pong. */
    public static ByteBuf pong() {
        return Unpooled.wrappedBuffer(CRLF);
    }
}
