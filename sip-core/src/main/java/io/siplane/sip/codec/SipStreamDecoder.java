package io.siplane.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.siplane.sip.parse.ParseError;
import io.siplane.sip.parse.ParseFailure;
import io.siplane.sip.parse.ParseResult;
import io.siplane.sip.parse.SipParser;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

/**
 * Frames SIP messages on a stream (TCP, TLS) by Content-Length (RFC 3261 §18.3) and hands each to the shared
 * {@link SipParser}.
 *
 * <p>It scans only new bytes for the blank line that ends the header section, bounded by the parser's limits,
 * so a slow or hostile peer cannot make it rescan or buffer without bound. CRLFs between messages are
 * absorbed; a double CRLF is an RFC 5626 §4.4.1 keep-alive ping and comes out as {@link KeepAlive}. After a
 * failure that loses the framing (a broken Content-Length, an oversized header section) it emits one
 * {@link InboundFailure} and discards everything until the connection closes.
 */
public final class SipStreamDecoder extends ByteToMessageDecoder {
    private enum State {
        /** Looking for the end of the header section. */
        HEADERS,
        /** Header section seen; waiting until {@code needed} bytes are buffered. */
        BODY,
        /** Framing lost: dropping input until the channel closes. */
        DISCARD
    }

    private final SipParser parser;
    private final int maxHeaderSection;
    private final int maxMessage;
    private State state = State.HEADERS;
    /** Offset from the reader index where the search for the blank line goes on. */
    private int scanned;

    private int needed;

    public SipStreamDecoder(SipParser parser) {
        this.parser = parser;
        this.maxHeaderSection =
                parser.limits().maxStartLineBytes() + 2 + parser.limits().maxHeaderBytes() + 4;
        this.maxMessage = parser.limits().maxMessageBytes() + 4;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            switch (state) {
                case DISCARD -> {
                    in.skipBytes(in.readableBytes());
                    return;
                }
                case HEADERS -> {
                    if (scanned == 0 && !skipLeadingCrlf(ctx, in, out)) return;
                    if (!in.isReadable()) return;
                    int end = findHeaderEnd(in);
                    if (end < 0) {
                        if (in.readableBytes() > maxHeaderSection) {
                            lose(ctx, in, out, ParseError.HEADERS_TOO_LARGE, "no end of header section within limit");
                        }
                        return;
                    }
                    if (!parseAt(ctx, in, end, out)) return;
                }
                case BODY -> {
                    if (in.readableBytes() < needed) return;
                    if (!parseAt(ctx, in, needed, out)) return;
                }
            }
        }
    }

    /**
     * Parses {@code len} bytes at the reader index. Returns true when the decoder consumed a message or a
     * failure and may go on; false when it waits for more bytes or discards.
     */
    private boolean parseAt(ChannelHandlerContext ctx, ByteBuf in, int len, List<Object> out) {
        byte[] bytes = new byte[len];
        in.getBytes(in.readerIndex(), bytes);
        ParseResult r = parser.parse(bytes, 0, len, SipParser.Framing.STREAM);
        if (r instanceof ParseResult.Parsed p) {
            in.skipBytes(p.consumed());
            reset();
            out.add(new InboundMessage(p.message(), remote(ctx)));
            return true;
        }
        if (r instanceof ParseResult.Incomplete inc) {
            if (inc.totalBytes() < 0 || inc.totalBytes() > maxMessage) {
                lose(ctx, in, out, ParseError.BODY_TOO_LARGE, "message does not fit the limits");
                return false;
            }
            state = State.BODY;
            needed = inc.totalBytes();
            return in.readableBytes() >= needed;
        }
        ParseFailure f = ((ParseResult.Failed) r).failure();
        out.add(new InboundFailure(f, remote(ctx)));
        if (f.framingIntact()) {
            in.skipBytes(f.consumed());
            reset();
            return true;
        }
        state = State.DISCARD;
        in.skipBytes(in.readableBytes());
        return false;
    }

    private void lose(ChannelHandlerContext ctx, ByteBuf in, List<Object> out, ParseError error, String detail) {
        out.add(new InboundFailure(new ParseFailure(error, detail, false, null, List.of(), false, -1), remote(ctx)));
        state = State.DISCARD;
        in.skipBytes(in.readableBytes());
    }

    private void reset() {
        state = State.HEADERS;
        scanned = 0;
        needed = 0;
    }

    /**
     * Absorbs CRLFs before a message; a CRLFCRLF is a keep-alive ping. Returns false when it needs more bytes
     * to tell a ping from the start of a message.
     */
    private boolean skipLeadingCrlf(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= 1) {
            int r = in.readerIndex();
            byte c = in.getByte(r);
            if (c != '\r' && c != '\n') return true;
            if (in.readableBytes() >= 4
                    && in.getByte(r) == '\r'
                    && in.getByte(r + 1) == '\n'
                    && in.getByte(r + 2) == '\r'
                    && in.getByte(r + 3) == '\n') {
                in.skipBytes(4);
                out.add(new KeepAlive(remote(ctx)));
                continue;
            }
            if (c == '\r' && in.readableBytes() < 4) {
                // "\r", "\r\n" or "\r\n\r" may still become a ping; a lone CRLF pong is followed by a message
                if (in.readableBytes() >= 3 && in.getByte(r + 2) != '\r') {
                    in.skipBytes(2);
                    continue;
                }
                return false;
            }
            in.skipBytes(1);
        }
        return true;
    }

    /** Length of the header section including its blank line, or -1 when not yet buffered. */
    private int findHeaderEnd(ByteBuf in) {
        int base = in.readerIndex();
        int limit = in.writerIndex();
        int from = base + Math.max(0, scanned - 3);
        int stop = Math.min(limit, base + maxHeaderSection);
        while (from < stop) {
            int lf = in.indexOf(from, stop, (byte) '\n');
            if (lf < 0) break;
            // a blank line is LF LF or LF CR LF
            if (lf + 1 < limit && in.getByte(lf + 1) == '\n') return lf + 2 - base;
            if (lf + 2 < limit && in.getByte(lf + 1) == '\r' && in.getByte(lf + 2) == '\n') return lf + 3 - base;
            if (lf + 2 >= limit) {
                scanned = lf - base;
                return -1;
            }
            from = lf + 1;
        }
        scanned = Math.max(0, stop - base);
        return -1;
    }

    private static InetSocketAddress remote(ChannelHandlerContext ctx) {
        SocketAddress a = ctx.channel().remoteAddress();
        return a instanceof InetSocketAddress i ? i : null;
    }
}
