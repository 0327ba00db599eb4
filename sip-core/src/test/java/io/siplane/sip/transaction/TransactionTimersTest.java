package io.siplane.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The JDK adapter of the scheduler port. */
class TransactionTimersTest {

    @Test
    void executorAdapterRunsDueTasksAndSkipsCancelledOnes() throws InterruptedException {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            TransactionTimers timers = TransactionTimers.of(executor);
            AtomicBoolean cancelledRan = new AtomicBoolean();
            CountDownLatch ran = new CountDownLatch(1);

            timers.schedule(TransactionTimer.B, Duration.ofHours(1), () -> cancelledRan.set(true))
                    .cancel();
            timers.schedule(TransactionTimer.A, Duration.ZERO, ran::countDown);

            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            executor.shutdown();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            assertThat(cancelledRan).isFalse();
        } finally {
            executor.shutdownNow();
        }
    }
}
