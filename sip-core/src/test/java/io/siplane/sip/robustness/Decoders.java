package io.siplane.sip.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.siplane.sip.codec.SipDatagramDecoder;
import io.siplane.sip.codec.SipStreamDecoder;
import io.siplane.sip.parse.SipParser;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/** Drives the codecs in an {@link EmbeddedChannel} and checks what they hold and release. */
final class Decoders {
    static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 5070);
    static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 5060);

    private Decoders() {}

    /** One datagram through {@link SipDatagramDecoder}; asserts the packet is released. */
    static List<Object> datagram(SipParser parser, byte[] payload) {
        EmbeddedChannel ch = new EmbeddedChannel(new SipDatagramDecoder(parser));
        TrackingAllocator alloc = new TrackingAllocator();
        DatagramPacket packet = new DatagramPacket(alloc.copy(payload, 0, payload.length), LOCAL, PEER);
        ch.writeInbound(packet);
        List<Object> out = drain(ch);
        ch.finishAndReleaseAll();
        assertThat(alloc.live()).as("datagram buffers left unreleased").isZero();
        return out;
    }

    /**
     * {@code stream} through a fresh {@link SipStreamDecoder} in fragments whose sizes {@code nextSize} picks
     * (given the bytes left). After every write the channel may hold at most {@code maxHeld} bytes; after the
     * close every buffer must be released.
     */
    static List<Object> stream(SipParser parser, byte[] stream, IntUnaryOperator nextSize, long maxHeld) {
        EmbeddedChannel ch = new EmbeddedChannel();
        TrackingAllocator alloc = new TrackingAllocator();
        ch.config().setAllocator(alloc);
        ch.pipeline().addLast(new SipStreamDecoder(parser));
        List<Object> out = new ArrayList<>();
        int i = 0;
        while (i < stream.length) {
            int n = Math.max(1, Math.min(nextSize.applyAsInt(stream.length - i), stream.length - i));
            ch.writeInbound(alloc.copy(stream, i, n));
            i += n;
            out.addAll(drain(ch));
            long held = alloc.heldBytes();
            if (held > maxHeld)
                throw new AssertionError("stream decoder holds " + held + " bytes, over the bound " + maxHeld);
            alloc.forgetReleased();
        }
        ch.finish();
        out.addAll(drain(ch));
        ch.releaseInbound();
        if (alloc.live() != 0) throw new AssertionError(alloc.live() + " stream buffers left unreleased");
        return out;
    }

    /** Everything in one write. */
    static List<Object> stream(SipParser parser, byte[] stream, long maxHeld) {
        return stream(parser, stream, left -> left, maxHeld);
    }

    static List<Object> drain(EmbeddedChannel ch) {
        List<Object> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) out.add(o);
        return out;
    }
}
