package io.siplane.b2bua.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siplane.b2bua.routing.StaticRouter;
import io.siplane.b2bua.state.InMemoryCallStore;
import io.siplane.b2bua.testing.TestPhone;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.transaction.TimerConfig;
import io.siplane.sip.transport.TransportType;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A draining instance takes no new calls and loses none of its calls. */
class DrainTest {
    private final InMemoryCallStore store = new InMemoryCallStore();
    private TestPhone alice;
    private TestPhone bob;
    private TestPhone carol;
    private B2buaInstance b2bua;
    private InetSocketAddress b2buaAddress;

    @BeforeEach
    void start() {
        alice = new TestPhone("alice");
        bob = new TestPhone("bob");
        carol = new TestPhone("carol");
        b2bua = new B2buaInstance(
                        new B2buaSettings("b2bua-1", "127.0.0.1", 0, Duration.ZERO, 2),
                        "127.0.0.1",
                        0,
                        TimerConfig.DEFAULT,
                        store,
                        new StaticRouter(Map.of("bob", "sip:127.0.0.1:" + bob.port())),
                        CallMetrics.NONE)
                .start();
        b2buaAddress = b2bua.localAddress(TransportType.UDP);
    }

    @AfterEach
    void stop() {
        b2bua.close();
        alice.close();
        bob.close();
        carol.close();
    }

    @Test
    void aDrainingInstanceRefusesNewCallsAndPingsButEndsItsCallsAndReturnsWhenTheLastEnds() throws Exception {
        assertThat(alice.call("sip:bob@127.0.0.1", b2buaAddress)
                        .get(10, TimeUnit.SECONDS)
                        .status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> bob.acks.get() == 1);

        CompletableFuture<Drain.Result> drained = b2bua.drain().drain(Duration.ofSeconds(30));

        assertThat(b2bua.drain().draining()).isTrue();
        SipResponse refused = carol.call("sip:bob@127.0.0.1", b2buaAddress).get(10, TimeUnit.SECONDS);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header(HeaderName.RETRY_AFTER)).isNotNull();
        assertThat(bob.invites.get()).isEqualTo(1);
        SipResponse ping = carol.send(SipMethod.OPTIONS, "sip:127.0.0.1:" + b2buaAddress.getPort(), null, b2buaAddress)
                .get(10, TimeUnit.SECONDS);
        assertThat(ping.status()).isEqualTo(503);
        assertThat(drained).isNotDone();

        SipResponse byeAnswer = alice.bye(b2buaAddress).get(10, TimeUnit.SECONDS);

        assertThat(byeAnswer.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> bob.byes.get() == 1);
        Drain.Result result = drained.get(10, TimeUnit.SECONDS);
        assertThat(result.complete()).isTrue();
        assertThat(result.remaining()).isZero();
        assertThat(store.size()).isZero();
    }

    @Test
    void aDrainGivesUpAfterItsTimeoutSayingHowManyCallsRemain() throws Exception {
        alice.call("sip:bob@127.0.0.1", b2buaAddress).get(10, TimeUnit.SECONDS);

        Drain.Result result = b2bua.drain().drain(Duration.ofMillis(300)).get(10, TimeUnit.SECONDS);

        assertThat(result.complete()).isFalse();
        assertThat(result.remaining()).isEqualTo(1);
        assertThat(alice.bye(b2buaAddress).get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
    }
}
