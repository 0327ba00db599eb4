package io.siplane.b2bua.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siplane.b2bua.testing.TestCluster;
import java.time.Duration;
import org.infinispan.manager.EmbeddedCacheManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two cache managers in one JVM, on distinct loopback ports, form one cluster that holds the calls. */
class InfinispanCallStoreClusterTest {
    private EmbeddedCacheManager first;
    private EmbeddedCacheManager second;

    @AfterEach
    void stop() {
        if (first != null) first.stop();
        if (second != null) second.stop();
    }

    @Test
    void aCallWrittenOnOneMemberIsReadOnTheOtherAndSurvivesTheFirstStopping() {
        TestCluster cluster = new TestCluster(2);
        first = CacheManagers.start(cluster.member(0));
        second = CacheManagers.start(cluster.member(1));
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        first.getMembers().size() == 2 && second.getMembers().size() == 2);

        CallStore one = new InfinispanCallStore(first);
        CallStore two = new InfinispanCallStore(second);
        CallRecord record =
                CallRecord.initial("call-1", "a-leg@example", "b-leg@b2bua", "node-0", 1_000L, 0).toBuilder()
                        .legADialog(new byte[] {1, 2, 3})
                        .legBInvite("INVITE sip:bob@example SIP/2.0\r\n\r\n".getBytes())
                        .legBDestination("UDP:127.0.0.1:5062")
                        .build();
        one.put(record);

        assertThat(two.get("call-1")).contains(record);
        assertThat(two.findByLegCallId("a-leg@example")).contains(record);
        assertThat(two.findByLegCallId("b-leg@b2bua")).contains(record);

        first.stop();
        first = null;
        await().atMost(Duration.ofSeconds(20)).until(() -> second.getMembers().size() == 1);

        assertThat(two.findByLegCallId("b-leg@b2bua")).contains(record);
        CallRecord confirmed = record.toBuilder()
                .phase(CallPhase.CONFIRMED)
                .ownerInstance("node-1")
                .build();
        assertThat(two.replace(record, confirmed)).isTrue();
        assertThat(two.replace(record, confirmed)).as("stale expected value").isFalse();
        assertThat(two.get("call-1")).contains(confirmed);
    }
}
