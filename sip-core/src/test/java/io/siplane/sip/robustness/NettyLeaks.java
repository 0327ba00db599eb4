package io.siplane.sip.robustness;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts the leak reports of Netty's {@link ResourceLeakDetector}, which logs through JDK logging when no other
 * logging framework is on the class path (same technique as the codec tests' {@code LeakWatch}).
 */
final class NettyLeaks {
    private static final Logger LOGGER = Logger.getLogger(ResourceLeakDetector.class.getName());
    private static final AtomicInteger LEAKS = new AtomicInteger();
    private static final Handler HANDLER = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.SEVERE.intValue()
                    && r.getMessage() != null
                    && r.getMessage().contains("LEAK")) LEAKS.incrementAndGet();
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    static {
        LOGGER.addHandler(HANDLER);
    }

    private NettyLeaks() {}

    /** Collects garbage and lets the detector poll what was collected; returns the leaks reported so far. */
    static int collectAndCount() {
        // The detector polls its reference queue when it tracks a new buffer, so allocate after each GC.
        for (int round = 0; round < 3; round++) {
            System.gc();
            for (int i = 0; i < 64; i++) {
                ByteBuf b = (i % 2 == 0 ? UnpooledByteBufAllocator.DEFAULT : PooledByteBufAllocator.DEFAULT).buffer(8);
                b.release();
            }
        }
        return LEAKS.get();
    }

    static boolean paranoid() {
        return ResourceLeakDetector.getLevel() == ResourceLeakDetector.Level.PARANOID;
    }
}
