package io.siplane.sip.testing;

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
 * Counts the leak reports of Netty's {@link ResourceLeakDetector} (which logs them through JDK logging when no
 * other logging framework is on the class path). Tests run with {@code -Dio.netty.leakDetection.level=paranoid},
 * so every buffer is tracked.
 *
 * <p>Shared by the test packages that drive Netty buffers (transport; the codec tests still have their own copy in
 * {@code io.siplane.sip.codec}, which can switch to this one).
 */
public final class LeakWatch {
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

    private LeakWatch() {}

    /** Collects garbage and makes the detector look at what was collected; returns the leaks reported so far. */
    public static int collectAndCount() {
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

    /** Fails unless Netty tracks every buffer, so that a zero from {@link #collectAndCount()} means something. */
    public static void assertParanoid() {
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID)
            throw new AssertionError("tests must run with -Dio.netty.leakDetection.level=paranoid");
    }
}
