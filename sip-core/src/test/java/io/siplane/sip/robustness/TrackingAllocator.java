package io.siplane.sip.robustness;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * A heap allocator that remembers every buffer it hands out, plus the buffers a test feeds in, so a test can
 * tell exactly how many bytes a decoder holds and whether anything was left unreleased. Deterministic, unlike
 * the GC-driven leak detector; the tests use both.
 */
final class TrackingAllocator extends AbstractByteBufAllocator {
    private final List<ByteBuf> buffers = new ArrayList<>();

    TrackingAllocator() {
        super(false);
    }

    /** A tracked copy of {@code bytes[off, off+len)} to write into a channel. */
    ByteBuf copy(byte[] bytes, int off, int len) {
        ByteBuf b = Unpooled.copiedBuffer(bytes, off, len);
        buffers.add(b);
        return b;
    }

    /** Readable bytes in every buffer not yet released: what the channel holds right now. */
    long heldBytes() {
        long n = 0;
        for (ByteBuf b : buffers) {
            if (b.refCnt() > 0) n += b.readableBytes();
        }
        return n;
    }

    /** Buffers not yet released. */
    int live() {
        int n = 0;
        for (ByteBuf b : buffers) {
            if (b.refCnt() > 0) n++;
        }
        return n;
    }

    /** Forgets the buffers that were released, so long runs do not keep them reachable. */
    void forgetReleased() {
        buffers.removeIf(b -> b.refCnt() == 0);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        ByteBuf b = new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
        buffers.add(b);
        return b;
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        return newHeapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }
}
