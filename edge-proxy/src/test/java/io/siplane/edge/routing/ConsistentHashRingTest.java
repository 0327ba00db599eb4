package io.siplane.edge.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsistentHashRingTest {
    private static final List<String> NODES = List.of("10.0.0.1:5070", "10.0.0.2:5070", "10.0.0.3:5070");

    @Test
    void sameKeyAlwaysPicksTheSameNode() {
        ConsistentHashRing a = new ConsistentHashRing(NODES);
        ConsistentHashRing b = new ConsistentHashRing(List.of(NODES.get(2), NODES.get(0), NODES.get(1)));
        for (int i = 0; i < 1000; i++) {
            String aor = "sip:user" + i + "@example.com";
            assertThat(a.pick(aor)).isEqualTo(a.pick(aor)).isEqualTo(b.pick(aor));
        }
    }

    @Test
    void whenANodeLeavesOnlyItsKeysMove() {
        ConsistentHashRing ring = new ConsistentHashRing(NODES);
        String gone = NODES.get(1);
        Map<String, String> before = new HashMap<>();
        for (int i = 0; i < 5000; i++)
            before.put(
                    "sip:u" + i + "@example.com",
                    ring.pick("sip:u" + i + "@example.com").orElseThrow());

        int moved = 0;
        for (Map.Entry<String, String> e : before.entrySet()) {
            String after = ring.pick(e.getKey(), n -> !n.equals(gone)).orElseThrow();
            if (e.getValue().equals(gone)) {
                assertThat(after).isNotEqualTo(gone);
                moved++;
            } else {
                assertThat(after).as("key %s must stay", e.getKey()).isEqualTo(e.getValue());
            }
        }
        assertThat(moved).isPositive();
    }

    @Test
    void keysSpreadOverEveryNode() {
        ConsistentHashRing ring = new ConsistentHashRing(NODES);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 3000; i++)
            counts.merge(ring.pick("sip:u" + i + "@example.com").orElseThrow(), 1, Integer::sum);
        assertThat(counts.keySet()).isEqualTo(Set.copyOf(NODES));
        // 160 virtual nodes: each node gets a fair share, well within a factor of two
        counts.values().forEach(n -> assertThat(n).isBetween(500, 1500));
    }

    @Test
    void noUsableNodeGivesNothing() {
        ConsistentHashRing ring = new ConsistentHashRing(NODES);
        assertThat(ring.pick("sip:a@b", n -> false)).isEmpty();
        assertThat(new ConsistentHashRing(List.of()).pick("sip:a@b")).isEmpty();
    }
}
