package io.siplane.sip.transport;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The DNS queries RFC 3263 needs, asynchronous so that event-loop code never waits. {@link NettyDnsLookup} asks
 * real servers; tests supply records directly.
 */
public interface DnsLookup {
    /**
     * SRV records of {@code name} (e.g. {@code _sip._udp.example.com}), in any order. Completes with an empty list
     * when the name has none (NXDOMAIN or no SRV records); exceptionally only for a failure to ask.
     */
    CompletableFuture<List<SrvRecord>> srv(String name);

    /** A and AAAA records of {@code host}; an empty list when there are none. */
    CompletableFuture<List<InetAddress>> addresses(String host);
}
