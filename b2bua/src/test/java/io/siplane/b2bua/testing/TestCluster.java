package io.siplane.b2bua.testing;

import io.siplane.b2bua.state.ClusterSettings;

/** Cluster settings for in-JVM clusters on loopback: a fresh cluster name per test, so runs never merge. */
public final class TestCluster {
    private final String name = "b2bua-test-" + Long.toHexString(System.nanoTime());
    private final int[] ports;

    public TestCluster(int members) {
        ports = new int[members];
        for (int i = 0; i < members; i++) ports[i] = Ports.free();
    }

    public ClusterSettings member(int i) {
        StringBuilder hosts = new StringBuilder();
        for (int p : ports) {
            if (hosts.length() > 0) hosts.append(',');
            hosts.append("127.0.0.1[").append(p).append(']');
        }
        return new ClusterSettings(
                name,
                ClusterSettings.STACK_TCP_LOOPBACK,
                "node-" + i,
                "127.0.0.1",
                ports[i],
                hosts.toString(),
                null,
                2);
    }
}
