package io.siplane.sip.transport;

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
 * Counts Netty leak reports (logged through JDK logging when no other logging framework is present). The same
 * idea as the codec tests' {@code LeakWatch}, which is package-private there.
 */
final class LeakCheck {
    private static final AtomicInteger LEAKS = new AtomicInteger();
    private static final Logger LOGGER = Logger.getLogger(ResourceLeakDetector.class.getName());

    static {
        LOGGER.addHandler(new Handler() {
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
        });
    }

    private LeakCheck() {}

    static void assertParanoid() {
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID)
            throw new AssertionError("tests must run with -Dio.netty.leakDetection.level=paranoid");
    }

    /** Collects garbage and lets the detector report what was collected unreleased; returns the reports so far. */
    static int collectAndCount() {
        for (int round = 0; round < 3; round++) { // the detector polls its queue when it tracks a new buffer
            System.gc();
            for (int i = 0; i < 64; i++) {
                ByteBuf b = (i % 2 == 0 ? UnpooledByteBufAllocator.DEFAULT : PooledByteBufAllocator.DEFAULT).buffer(8);
                b.release();
            }
        }
        return LEAKS.get();
    }
}
