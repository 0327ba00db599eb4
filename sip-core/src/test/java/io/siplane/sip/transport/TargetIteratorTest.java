package io.siplane.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TargetIteratorTest {
    private static Destination d(int port) {
        return Destination.of(TransportType.TCP, new InetSocketAddress("127.0.0.1", port));
    }

    @Test
    void movesToTheNextTargetWhenASendFails() {
        List<Destination> tried = new ArrayList<>();
        TargetIterator it = new TargetIterator(List.of(d(1), d(2), d(3)));
        Destination used = it.sendToFirstReachable(dest -> {
                    tried.add(dest);
                    return dest.address().getPort() < 3
                            ? CompletableFuture.failedFuture(new ConnectException("refused"))
                            : CompletableFuture.completedFuture(null);
                })
                .join();
        assertThat(used).isEqualTo(d(3));
        assertThat(tried).containsExactly(d(1), d(2), d(3));
        assertThat(it.hasNext()).isFalse();
    }

    @Test
    void failsWithTheLastErrorWhenEveryTargetFails() {
        TargetIterator it = new TargetIterator(List.of(d(1), d(2)));
        assertThatThrownBy(() -> it.sendToFirstReachable(dest -> CompletableFuture.failedFuture(
                                new ConnectException("refused " + dest.address().getPort())))
                        .join())
                .hasCauseInstanceOf(ConnectException.class)
                .hasMessageContaining("refused 2");
    }

    @Test
    void transactionTimeoutMovesOnWithNext() {
        TargetIterator it = new TargetIterator(List.of(d(1), d(2)));
        assertThat(it.current()).isNull();
        assertThat(it.next()).isEqualTo(d(1));
        // the transaction layer reports Timer B/F for d(1): it takes the next target and a new branch
        assertThat(it.hasNext()).isTrue();
        assertThat(it.next()).isEqualTo(d(2));
        assertThat(it.current()).isEqualTo(d(2));
        assertThat(it.remaining()).isZero();
    }
}
