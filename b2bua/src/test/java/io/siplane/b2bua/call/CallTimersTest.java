package io.siplane.b2bua.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siplane.b2bua.routing.StaticRouter;
import io.siplane.b2bua.state.CacheManagers;
import io.siplane.b2bua.state.CallStore;
import io.siplane.b2bua.state.InMemoryCallStore;
import io.siplane.b2bua.state.InfinispanCallStore;
import io.siplane.b2bua.testing.TestCluster;
import io.siplane.b2bua.testing.TestPhone;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.transaction.TimerConfig;
import io.siplane.sip.transport.TransportType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.infinispan.manager.EmbeddedCacheManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Call timers kept as deadlines in the call record and fired by the periodic scan: max call duration, RFC 4028
 * session expiry (refreshed by a relayed re-INVITE), and both surviving the death of the call's owner.
 */
class CallTimersTest {
    private static final Duration SCAN = Duration.ofMillis(100);
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final List<String> expired = new CopyOnWriteArrayList<>();
    private final CallMetrics metrics = new CallMetrics() {
        @Override
        public void callExpired(String reason) {
            expired.add(reason);
        }
    };
    private TestPhone alice;
    private TestPhone bob;

    @BeforeEach
    void phones() {
        alice = new TestPhone("alice");
        bob = new TestPhone("bob");
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) closing.get(i).close();
        alice.close();
        bob.close();
    }

    private B2buaInstance instance(String id, Duration max, CallStore store, Membership membership) {
        B2buaInstance b = new B2buaInstance(
                        new B2buaSettings(id, "127.0.0.1", 0, max, 2, SCAN),
                        "127.0.0.1",
                        0,
                        TimerConfig.DEFAULT,
                        store,
                        new StaticRouter(Map.of("bob", "sip:127.0.0.1:" + bob.port())),
                        metrics,
                        membership)
                .start();
        closing.add(b);
        return b;
    }

    @Test
    void aCallPastTheMaxDurationIsEndedWithByeOnBothLegs() throws Exception {
        InMemoryCallStore store = new InMemoryCallStore();
        B2buaInstance b2bua = instance("b2bua-1", Duration.ofSeconds(1), store, Membership.SINGLE);

        SipResponse ok = alice.call("sip:bob@127.0.0.1", b2bua.localAddress(TransportType.UDP))
                .get(10, TimeUnit.SECONDS);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(store.findByLegCallId(ok.callId()).orElseThrow().maxDurationDeadlineMillis())
                .isPositive();

        await().atMost(Duration.ofSeconds(5)).until(() -> alice.byes.get() == 1 && bob.byes.get() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.size() == 0);
        assertThat(expired).containsExactly("max-duration");
    }

    @Test
    void aSessionNotRefreshedWithinSessionExpiresIsEndedAndARefreshPushesTheDeadline() throws Exception {
        InMemoryCallStore store = new InMemoryCallStore();
        B2buaInstance b2bua = instance("b2bua-1", Duration.ZERO, store, Membership.SINGLE);
        bob.sessionExpires = "2;refresher=uac";

        SipResponse ok = alice.call("sip:bob@127.0.0.1", b2bua.localAddress(TransportType.UDP))
                .get(10, TimeUnit.SECONDS);
        assertThat(ok.header(io.siplane.sip.message.HeaderName.SESSION_EXPIRES)).startsWith("2");
        long first = store.findByLegCallId(ok.callId()).orElseThrow().sessionTimerDeadlineMillis();
        assertThat(first).isPositive();

        // the refresher (alice, the UAC) refreshes with a re-INVITE: the deadline moves on
        await().atMost(Duration.ofSeconds(5)).until(() -> bob.acks.get() == 1);
        assertThat(alice.inDialog(SipMethod.INVITE, TestPhone.sdp("sendrecv"), b2bua.localAddress(TransportType.UDP))
                        .get(10, TimeUnit.SECONDS)
                        .status())
                .isEqualTo(200);
        assertThat(store.findByLegCallId(ok.callId()).orElseThrow().sessionTimerDeadlineMillis())
                .isGreaterThan(first);

        // then no more refreshes: the session expires, BYE both ways
        await().atMost(Duration.ofSeconds(6)).until(() -> alice.byes.get() == 1 && bob.byes.get() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.size() == 0);
        assertThat(expired).containsExactly("session-expired");
    }

    @Test
    void theMaxDurationOfACallWhoseOwnerDiedIsEnforcedByTheSurvivingInstance() throws Exception {
        TestCluster cluster = new TestCluster(2);
        EmbeddedCacheManager cache1 = CacheManagers.start(cluster.member(0));
        EmbeddedCacheManager cache2 = CacheManagers.start(cluster.member(1));
        closing.add(cache2::stop);
        await().atMost(Duration.ofSeconds(20)).until(() -> cache2.getMembers().size() == 2);
        // instance ids are the cluster's node names (as in the service)
        B2buaInstance b2bua1 =
                instance("node-0", Duration.ofSeconds(3), new InfinispanCallStore(cache1), Membership.of(cache1));
        CallStore store2 = new InfinispanCallStore(cache2);
        instance("node-1", Duration.ofSeconds(3), store2, Membership.of(cache2));

        SipResponse ok = alice.call("sip:bob@127.0.0.1", b2bua1.localAddress(TransportType.UDP))
                .get(10, TimeUnit.SECONDS);
        assertThat(ok.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> bob.acks.get() == 1);

        closing.remove(b2bua1);
        b2bua1.close();
        cache1.stop();
        await().atMost(Duration.ofSeconds(20)).until(() -> cache2.getMembers().size() == 1);

        await().atMost(Duration.ofSeconds(10)).until(() -> alice.byes.get() == 1 && bob.byes.get() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> store2.size() == 0);
        assertThat(expired).containsExactly("max-duration");
    }
}
