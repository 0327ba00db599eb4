package io.siplane.sip.transport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** In-memory DNS for tests: no network. Records every query so tests can check what was asked. */
final class FakeDnsLookup implements DnsLookup {
    private final Map<String, List<SrvRecord>> srv = new HashMap<>();
    private final Map<String, List<InetAddress>> addresses = new HashMap<>();
    final List<String> queries = new ArrayList<>();

    FakeDnsLookup srv(String name, SrvRecord... records) {
        srv.put(name, List.of(records));
        return this;
    }

    FakeDnsLookup host(String name, String... ips) {
        List<InetAddress> list = new ArrayList<>();
        for (String ip : ips) {
            try {
                list.add(InetAddress.getByName(ip)); // IP literals only: no lookup happens
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(e);
            }
        }
        addresses.put(name, list);
        return this;
    }

    @Override
    public synchronized CompletableFuture<List<SrvRecord>> srv(String name) {
        queries.add("SRV " + name);
        return CompletableFuture.completedFuture(srv.getOrDefault(name, List.of()));
    }

    @Override
    public synchronized CompletableFuture<List<InetAddress>> addresses(String host) {
        queries.add("A/AAAA " + host);
        return CompletableFuture.completedFuture(addresses.getOrDefault(host, List.of()));
    }
}
