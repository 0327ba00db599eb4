package io.siplane.b2bua.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siplane.b2bua.routing.StaticRouter;
import io.siplane.b2bua.state.CacheManagers;
import io.siplane.b2bua.state.CallStore;
import io.siplane.b2bua.state.InfinispanCallStore;
import io.siplane.b2bua.testing.TestCluster;
import io.siplane.b2bua.testing.TestPhone;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.transaction.TimerConfig;
import io.siplane.sip.transport.TransportType;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.infinispan.manager.EmbeddedCacheManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two B2BUA instances, each with its own SIP stack and cache manager, in one Infinispan cluster (owners=2): a call
 * set up through the first is ended through the second after the first stopped.
 */
class FailoverTest {
    private TestPhone alice;
    private TestPhone bob;
    private EmbeddedCacheManager cache1;
    private EmbeddedCacheManager cache2;
    private B2buaInstance b2bua1;
    private B2buaInstance b2bua2;

    @AfterEach
    void stop() {
        if (b2bua1 != null) b2bua1.close();
        if (b2bua2 != null) b2bua2.close();
        if (cache1 != null) cache1.stop();
        if (cache2 != null) cache2.stop();
        if (alice != null) alice.close();
        if (bob != null) bob.close();
    }

    @Test
    void aByeToTheSecondInstanceEndsBothLegsOfACallSetUpThroughTheFirstAfterItStopped() throws Exception {
        alice = new TestPhone("alice");
        bob = new TestPhone("bob");
        TestCluster cluster = new TestCluster(2);
        cache1 = CacheManagers.start(cluster.member(0));
        cache2 = CacheManagers.start(cluster.member(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> cache2.getMembers().size() == 2);
        AtomicInteger takenOver = new AtomicInteger();
        StaticRouter router = new StaticRouter(Map.of("bob", "sip:127.0.0.1:" + bob.port()));
        b2bua1 = instance("b2bua-1", new InfinispanCallStore(cache1), router, CallMetrics.NONE);
        CallStore store2 = new InfinispanCallStore(cache2);
        b2bua2 = instance("b2bua-2", store2, router, new CallMetrics() {
            @Override
            public void callTakenOver() {
                takenOver.incrementAndGet();
            }
        });

        SipResponse answer = alice.call("sip:bob@127.0.0.1", b2bua1.localAddress(TransportType.UDP))
                .get(10, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> bob.acks.get() == 1);

        b2bua1.close();
        b2bua1 = null;
        cache1.stop();
        cache1 = null;
        await().atMost(Duration.ofSeconds(20)).until(() -> cache2.getMembers().size() == 1);

        // what the edge does when the instance named in the Contact is gone: the next one on the ring
        SipResponse byeAnswer =
                alice.bye(b2bua2.localAddress(TransportType.UDP)).get(10, TimeUnit.SECONDS);

        assertThat(byeAnswer.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> bob.byes.get() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> store2.size() == 0);
        assertThat(takenOver.get()).isEqualTo(1);
    }

    private static B2buaInstance instance(String id, CallStore store, StaticRouter router, CallMetrics metrics) {
        return new B2buaInstance(
                        new B2buaSettings(id, "127.0.0.1", 0, Duration.ZERO, 2),
                        "127.0.0.1",
                        0,
                        TimerConfig.DEFAULT,
                        store,
                        router,
                        metrics)
                .start();
    }
}
