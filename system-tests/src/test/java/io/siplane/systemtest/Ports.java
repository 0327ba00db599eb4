package io.siplane.systemtest;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports free for both TCP and UDP right now, chosen below the kernel's ephemeral range (32768 and up on
 * Linux): a port from that range can be taken by any outgoing connection between the moment we pick it and the
 * moment a service binds it, which busy build machines do.
 */
final class Ports {
    static final int LOW = 20_000;
    static final int HIGH = 32_000;
    /** Ports already handed out: a system picks a dozen before it binds any, so a pick must never repeat. */
    private static final java.util.Set<Integer> GIVEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private Ports() {}

    static int free() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            if (GIVEN.contains(port)) continue;
            try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
                    DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
                tcp.setReuseAddress(true);
                if (GIVEN.add(port)) return port;
            } catch (IOException taken) {
                // in use: try another
            }
        }
        throw new IllegalStateException("no free loopback port for TCP and UDP in " + LOW + "-" + HIGH);
    }
}
