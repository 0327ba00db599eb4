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
    void parsesAnInstanceIdAndKeepsItOnTheRing() {
        Backend x = Backend.parse("b2bua-1@127.0.0.1:5080", TransportType.UDP);
        assertThat(x.id()).isEqualTo("b2bua-1");
        assertThat(x.address().getPort()).isEqualTo(5080);
        assertThat(x.isName()).isFalse();
        assertThat(Backend.parse("b2bua-0@localhost:5080", TransportType.UDP).isName())
                .isTrue();
        assertThatThrownBy(() -> Backend.parse("@127.0.0.1:5080", TransportType.UDP))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNewAddressAfterResolutionKeepsTheIdAndItsPlace() {
        Backend x = Backend.parse("b1@127.0.0.1:5080", TransportType.UDP);
        BackendPool p = new BackendPool("b2bua", List.of(x), 1, 1);
        p.recordSuccess("b1");
        Backend moved =
                new Backend("b1", "b2bua-0.example", new java.net.InetSocketAddress("127.0.0.9", 5080), x.transport());
        assertThat(p.updateAddress(moved)).isTrue();
        assertThat(p.updateAddress(moved)).isFalse();
        assertThat(p.pick("any-call-id")).contains(moved);
        assertThat(p.byId("b1")).contains(moved);
        assertThat(p.updateAddress(new Backend(
                        "b1",
                        "gone.invalid",
                        java.net.InetSocketAddress.createUnresolved("gone.invalid", 5080),
                        x.transport())))
                .isFalse();
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
