package io.siplane.sip.transport;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open connections of the connection-oriented transports, by connection id (RFC 5626 flows: responses and
 * later requests go back over the connection a message came in on) and by remote address (RFC 3261 §18.1.1
 * connection reuse: a request to an address that already has a connection uses it), plus the connections being
 * opened so that two sends to one address share one connect. Thread-safe.
 *
 * <p>Slots are counted against {@link TransportConfig#maxConnections()} from the moment a connection is accepted
 * or a connect starts until the channel closes.
 */
final class ConnectionTable {
    private record Entry(Channel channel, Flow flow) {}

    private final int maxConnections;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger slots = new AtomicInteger();
    private final ConcurrentHashMap<Long, Entry> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Key, Entry> byRemote = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Key, CompletableFuture<Channel>> connecting = new ConcurrentHashMap<>();

    /** Connections are per transport: a TCP and a TLS connection to one address are different things. */
    record Key(TransportType transport, InetSocketAddress remote) {}

    ConnectionTable(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    /** Takes a slot; false when the table is full. */
    boolean tryReserve() {
        while (true) { // a CAS loop; it only repeats when another thread changed the count in between
            int n = slots.get();
            if (n >= maxConnections) return false;
            if (slots.compareAndSet(n, n + 1)) return true;
        }
    }

    void releaseSlot() {
        slots.decrementAndGet();
    }

    /** Connections open or being opened. */
    int size() {
        return slots.get();
    }

    void add(Channel ch, Flow flow) {
        Entry e = new Entry(ch, flow);
        byId.put(flow.connectionId(), e);
        // the newest connection to an address wins; the older one stays reachable by id
        byRemote.put(new Key(flow.transport(), flow.remote()), e);
    }

    void remove(Flow flow) {
        Entry e = byId.remove(flow.connectionId());
        if (e != null) byRemote.remove(new Key(flow.transport(), flow.remote()), e);
    }

    /** The open channel of a connection, or null. */
    Channel byId(long connectionId) {
        Entry e = byId.get(connectionId);
        return e != null && e.channel.isActive() ? e.channel : null;
    }

    /** An open channel to {@code remote}, or null. */
    Channel byRemote(TransportType transport, InetSocketAddress remote) {
        Entry e = byRemote.get(new Key(transport, remote));
        return e != null && e.channel.isActive() ? e.channel : null;
    }

    Flow flowOf(long connectionId) {
        Entry e = byId.get(connectionId);
        return e == null ? null : e.flow;
    }

    /**
     * The pending connect to {@code key}, or null after registering {@code mine} as the pending connect: the
     * caller that gets null must start the connect and complete {@code mine}.
     */
    CompletableFuture<Channel> joinOrStartConnect(Key key, CompletableFuture<Channel> mine) {
        CompletableFuture<Channel> existing = connecting.putIfAbsent(key, mine);
        if (existing == null) mine.whenComplete((ch, err) -> connecting.remove(key, mine));
        return existing;
    }

    List<Channel> channels() {
        List<Channel> out = new ArrayList<>(byId.size());
        for (Entry e : byId.values()) out.add(e.channel);
        return out;
    }
}
