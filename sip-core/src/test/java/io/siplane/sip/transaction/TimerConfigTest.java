package io.siplane.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** RFC 3261 Table 4 / Appendix A and RFC 6026 timers. */
class TimerConfigTest {
    private static Duration s(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    @Test
    void defaultsFollowAppendixA() {
        TimerConfig c = TimerConfig.DEFAULT;

        assertThat(c.t1()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.t2()).isEqualTo(s(4));
        assertThat(c.t4()).isEqualTo(s(5));
        assertThat(c.timerA()).isEqualTo(c.t1());
        assertThat(c.timerE()).isEqualTo(c.t1());
        assertThat(c.timerG()).isEqualTo(c.t1());
        assertThat(c.timerB()).isEqualTo(s(32));
        assertThat(c.timerF()).isEqualTo(s(32));
        assertThat(c.timerH()).isEqualTo(s(32));
        assertThat(c.timerL()).isEqualTo(s(32));
        assertThat(c.timerM()).isEqualTo(s(32));
        assertThat(c.timerD(false)).isEqualTo(s(32));
        assertThat(c.timerI(false)).isEqualTo(s(5));
        assertThat(c.timerJ(false)).isEqualTo(s(32));
        assertThat(c.timerK(false)).isEqualTo(s(5));
        assertThat(c.tryingDelay()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void reliableTransportsZeroTimersDIJAndK() {
        TimerConfig c = TimerConfig.DEFAULT;

        assertThat(c.timerD(true)).isZero();
        assertThat(c.timerI(true)).isZero();
        assertThat(c.timerJ(true)).isZero();
        assertThat(c.timerK(true)).isZero();
    }

    @Test
    void timersDeriveFromAnOverriddenT1UnlessSetThemselves() {
        TimerConfig c =
                TimerConfig.builder().t1(Duration.ofMillis(100)).timerF(s(10)).build();

        assertThat(c.timerA()).isEqualTo(Duration.ofMillis(100));
        assertThat(c.timerB()).isEqualTo(Duration.ofMillis(6_400));
        assertThat(c.timerF()).isEqualTo(s(10));
        assertThat(c.timerD(false)).isEqualTo(s(32));
    }

    @Test
    void nonPositiveT1IsRefused() {
        assertThatThrownBy(() -> TimerConfig.builder().t1(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
