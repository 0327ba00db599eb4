package io.siplane.sip.transport;

import io.siplane.sip.message.Via;
import io.siplane.sip.message.uri.SipUri;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * RFC 3263 §4 (and §5 for responses): turns a SIP URI into the ordered list of {@link Destination}s to try.
 *
 * <ol>
 *   <li>Target host: {@code maddr} when present, else the URI host.
 *   <li>Transport: the {@code transport} parameter (in a SIPS URI {@code tcp} means TLS); otherwise, for an IP
 *       literal or an explicit port, UDP (TLS for SIPS).
 *   <li>An IP literal is used directly, with the URI port or the transport's default.
 *   <li>A host name with an explicit port: its A/AAAA records, that port.
 *   <li>Otherwise SRV: {@code _sips._tcp} for SIPS, else {@code _sip._udp} then {@code _sip._tcp} (only the
 *       transports this element supports, only the one a {@code transport} parameter names). Records are ordered
 *       by priority, and within a priority by RFC 2782 weighted random selection; each target's A/AAAA records
 *       follow in the order DNS gave them. The results of all queried transports are concatenated in that
 *       preference order, so failover can move on to TCP when UDP targets fail.
 *   <li>No SRV records: A/AAAA of the host with the default port.
 * </ol>
 *
 * <p>NAPTR (RFC 3263 §4.1 step one) is not queried: operators publish SRV records and the transport preference
 * above is what a NAPTR set for SIP nearly always says. Adding it means one more {@link DnsLookup} method and
 * ordering the SRV queries by the NAPTR records. WS/WSS have no SRV service (RFC 7118 §6) and go straight to
 * A/AAAA.
 *
 * <p>Results are not cached here; {@link NettyDnsLookup} caches by TTL.
 */
public final class TargetResolver {
    private final DnsLookup dns;
    private final Set<TransportType> supported;
    private final RandomGenerator random;

    /** @param supported the transports this element can send over; others are skipped */
    public TargetResolver(DnsLookup dns, Set<TransportType> supported) {
        this(dns, supported, RandomGenerator.getDefault());
    }

    public TargetResolver(DnsLookup dns, Set<TransportType> supported, RandomGenerator random) {
        this.dns = dns;
        this.supported = supported.isEmpty() ? EnumSet.noneOf(TransportType.class) : EnumSet.copyOf(supported);
        this.random = random;
    }

    /**
     * The destinations for a request to {@code uri}, best first. Completes exceptionally with
     * {@link UnknownHostException} when nothing resolves, with {@link TransportException} when the URI asks for a
     * transport this element does not support.
     */
    public CompletableFuture<List<Destination>> resolve(SipUri uri) {
        String target = uri.maddrParam() != null ? uri.maddrParam() : uri.host();
        boolean secure = uri.isSecure();
        TransportType explicit = null;
        String tp = uri.transportParam();
        if (tp != null) {
            explicit = TransportType.fromName(tp).orElse(null);
            if (explicit == null) return failed(new TransportException("unknown transport " + tp + " in " + uri));
            if (secure && explicit == TransportType.TCP) explicit = TransportType.TLS; // RFC 3263 §4.1
            if (secure && explicit == TransportType.WS) explicit = TransportType.WSS;
        }
        return resolve(target, uri.port(), explicit, secure);
    }

    /**
     * RFC 3263 §5: the destinations of a response whose top Via names a host rather than an address (and carries
     * no {@code received}): A/AAAA with the sent-by port when there is one, else SRV for the Via transport.
     */
    public CompletableFuture<List<Destination>> resolveSentBy(Via via) {
        TransportType t = TransportType.fromName(via.transport()).orElse(null);
        if (t == null) return failed(new TransportException("unknown Via transport " + via.transport()));
        return resolve(via.host(), via.port(), t, t.isSecure());
    }

    private CompletableFuture<List<Destination>> resolve(
            String target, int port, TransportType explicit, boolean secure) {
        if (explicit != null && !supported.contains(explicit))
            return failed(new TransportException("transport " + explicit + " not supported"));
        TransportType direct = explicit != null ? explicit : defaultTransport(secure);
        if (direct == null) return failed(new TransportException("no supported transport for " + target));
        if (Addresses.isIpLiteral(target)) {
            int p = port >= 0 ? port : direct.defaultPort();
            return CompletableFuture.completedFuture(
                    List.of(Destination.of(direct, new InetSocketAddress(Addresses.literal(target), p))));
        }
        if (port >= 0) return addresses(target, port, direct).thenApply(list -> nonEmpty(list, target));

        List<TransportType> srvTransports = new ArrayList<>(2);
        if (explicit != null) srvTransports.add(explicit);
        else if (secure) srvTransports.add(TransportType.TLS);
        else {
            srvTransports.add(TransportType.UDP);
            srvTransports.add(TransportType.TCP);
        }
        srvTransports.removeIf(t -> !supported.contains(t) || srvPrefix(t) == null);

        List<CompletableFuture<List<Destination>>> perTransport = new ArrayList<>(srvTransports.size());
        for (TransportType t : srvTransports) {
            // a failed SRV query counts as "no records" so that the other transports and the A/AAAA fallback still run
            perTransport.add(dns.srv(srvPrefix(t) + target)
                    .exceptionally(e -> List.of())
                    .thenCompose(records -> srvTargets(records, t)));
        }
        return allInOrder(perTransport).thenCompose(found -> {
            if (!found.isEmpty()) return CompletableFuture.completedFuture(found);
            // RFC 3263 §4.2: no SRV records, so the host's A/AAAA records with the transport's default port
            return addresses(target, direct.defaultPort(), direct).thenApply(list -> nonEmpty(list, target));
        });
    }

    private TransportType defaultTransport(boolean secure) {
        if (secure) return supported.contains(TransportType.TLS) ? TransportType.TLS : null;
        if (supported.contains(TransportType.UDP)) return TransportType.UDP;
        return supported.contains(TransportType.TCP) ? TransportType.TCP : null;
    }

    private static String srvPrefix(TransportType t) {
        return switch (t) {
            case UDP -> "_sip._udp.";
            case TCP -> "_sip._tcp.";
            case TLS -> "_sips._tcp.";
            case WS, WSS -> null;
        };
    }

    private CompletableFuture<List<Destination>> srvTargets(List<SrvRecord> records, TransportType t) {
        List<SrvRecord> ordered = orderSrv(records, random);
        List<CompletableFuture<List<Destination>>> lookups = new ArrayList<>(ordered.size());
        for (SrvRecord r : ordered)
            lookups.add(addresses(r.target(), r.port(), t).exceptionally(e -> List.of()));
        return allInOrder(lookups);
    }

    private CompletableFuture<List<Destination>> addresses(String host, int port, TransportType t) {
        return dns.addresses(host).thenApply(addrs -> {
            List<Destination> out = new ArrayList<>(addrs.size());
            for (InetAddress a : addrs) out.add(Destination.of(t, new InetSocketAddress(a, port)));
            return out;
        });
    }

    /**
     * RFC 2782 ordering: ascending priority; within one priority, repeatedly pick a record at random with
     * probability proportional to its weight (zero-weight records first in the running sum, so they are chosen
     * rarely but not never). A target of "." means the service is not offered there (RFC 2782) and is dropped.
     */
    static List<SrvRecord> orderSrv(List<SrvRecord> records, RandomGenerator random) {
        List<SrvRecord> sorted = new ArrayList<>(records);
        sorted.removeIf(r -> r.target().isEmpty() || r.target().equals("."));
        sorted.sort(Comparator.comparingInt(SrvRecord::priority));
        List<SrvRecord> out = new ArrayList<>(sorted.size());
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j < sorted.size()
                    && sorted.get(j).priority() == sorted.get(i).priority()) j++;
            List<SrvRecord> group = new ArrayList<>(sorted.subList(i, j));
            group.sort(Comparator.comparingInt(r -> r.weight() == 0 ? 0 : 1)); // zero weights first (RFC 2782)
            while (!group.isEmpty()) {
                int sum = 0;
                for (SrvRecord r : group) sum += r.weight();
                int pick = sum == 0 ? 0 : random.nextInt(sum + 1);
                int running = 0;
                int chosen = group.size() - 1;
                for (int k = 0; k < group.size(); k++) {
                    running += group.get(k).weight();
                    if (running >= pick) {
                        chosen = k;
                        break;
                    }
                }
                out.add(group.remove(chosen));
            }
            i = j;
        }
        return out;
    }

    private static CompletableFuture<List<Destination>> allInOrder(List<CompletableFuture<List<Destination>>> parts) {
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Destination> out = new ArrayList<>();
            for (CompletableFuture<List<Destination>> p : parts) out.addAll(p.join());
            return out;
        });
    }

    private static List<Destination> nonEmpty(List<Destination> list, String target) {
        if (list.isEmpty()) throw new java.util.concurrent.CompletionException(new UnknownHostException(target));
        return list;
    }

    private static <T> CompletableFuture<T> failed(Throwable t) {
        return CompletableFuture.failedFuture(t);
    }
}
