package io.siplane.edge.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siplane.sip.transport.TransportType;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackendPoolTest {
    private final Backend a = Backend.parse("127.0.0.1:5070", TransportType.UDP);
    private final Backend b = Backend.parse("127.0.0.1:5071", TransportType.UDP);
    private final BackendPool pool = new BackendPool("registrar", List.of(a, b), 3, 2);

    @Test
    void instancesStartUnhealthyAndTheFirstAnswerMakesThemHealthy() {
        assertThat(pool.healthyCount()).isZero();
        assertThat(pool.pick("sip:alice@example.com")).isEmpty();
        assertThat(pool.recordSuccess(a.id())).isTrue();
        assertThat(pool.pick("sip:alice@example.com")).contains(a);
    }

    @Test
    void failureThresholdInARowMakesAnInstanceUnhealthyAndSuccessThresholdBringsItBack() {
        pool.recordSuccess(a.id());
        assertThat(pool.recordFailure(a.id())).isFalse();
        assertThat(pool.recordFailure(a.id())).isFalse();
        pool.recordSuccess(a.id()); // a success in between resets the count
        pool.recordFailure(a.id());
        pool.recordFailure(a.id());
        assertThat(pool.isHealthy(a.id())).isTrue();
        assertThat(pool.recordFailure(a.id())).isTrue();
        assertThat(pool.isHealthy(a.id())).isFalse();
        assertThat(pool.recordSuccess(a.id())).isFalse();
        assertThat(pool.recordSuccess(a.id())).isTrue();
    }

    @Test
    void parsesHostPortAndIpv6() {
        assertThat(Backend.parse("[::1]:5080", TransportType.TCP).id()).isEqualTo("[::1]:5080");
        assertThat(Backend.parse("127.0.0.1", TransportType.UDP).address().getPort())
                .isEqualTo(5060);
        assertThatThrownBy(() -> Backend.parse("127.0.0.1:0", TransportType.UDP))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
