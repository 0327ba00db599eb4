package io.siplane.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siplane.sip.message.Via;
import io.siplane.sip.message.uri.SipUri;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** RFC 3263 §4 target selection, against in-memory DNS (no network; no real DNS server is started). */
class TargetResolverTest {
    private static final Set<TransportType> UDP_TCP = EnumSet.of(TransportType.UDP, TransportType.TCP);

    private final FakeDnsLookup dns = new FakeDnsLookup();

    private List<Destination> resolve(String uri) {
        return resolve(uri, UDP_TCP);
    }

    private List<Destination> resolve(String uri, Set<TransportType> supported) {
        return new TargetResolver(dns, supported, new SplittableRandom(7))
                .resolve(SipUri.parse(uri))
                .join();
    }

    private static Destination dest(TransportType t, String ip, int port) {
        return Destination.of(t, new InetSocketAddress(ip, port));
    }

    @Test
    void ipLiteralIsUsedDirectlyWithDefaultPortAndUdp() {
        assertThat(resolve("sip:alice@192.0.2.1")).containsExactly(dest(TransportType.UDP, "192.0.2.1", 5060));
        assertThat(dns.queries).isEmpty();
    }

    @Test
    void ipv6LiteralWithPortAndTransportParameter() {
        assertThat(resolve("sip:[::1]:5070;transport=tcp")).containsExactly(dest(TransportType.TCP, "::1", 5070));
    }

    @Test
    void sipsUriWithTransportTcpMeansTls() {
        assertThat(resolve("sips:192.0.2.1;transport=tcp", EnumSet.allOf(TransportType.class)))
                .containsExactly(dest(TransportType.TLS, "192.0.2.1", 5061));
    }

    @Test
    void maddrOverridesTheHost() {
        assertThat(resolve("sip:bob@example.com;maddr=192.0.2.9"))
                .containsExactly(dest(TransportType.UDP, "192.0.2.9", 5060));
    }

    @Test
    void explicitPortSkipsSrvAndUsesAddressRecords() {
        dns.host("example.com", "192.0.2.1", "2001:db8::1");
        assertThat(resolve("sip:example.com:5080"))
                .containsExactly(
                        dest(TransportType.UDP, "192.0.2.1", 5080), dest(TransportType.UDP, "2001:db8::1", 5080));
        assertThat(dns.queries).containsExactly("A/AAAA example.com");
    }

    @Test
    void srvRecordsOrderedByPriorityThenUdpBeforeTcp() {
        dns.srv(
                        "_sip._udp.example.com",
                        new SrvRecord(20, 0, 5062, "b.example.com"),
                        new SrvRecord(10, 0, 5061, "a.example.com"))
                .srv("_sip._tcp.example.com", new SrvRecord(10, 0, 5070, "a.example.com"))
                .host("a.example.com", "192.0.2.1")
                .host("b.example.com", "192.0.2.2");
        assertThat(resolve("sip:bob@example.com"))
                .containsExactly(
                        dest(TransportType.UDP, "192.0.2.1", 5061),
                        dest(TransportType.UDP, "192.0.2.2", 5062),
                        dest(TransportType.TCP, "192.0.2.1", 5070));
    }

    @Test
    void transportParameterLimitsSrvQueryToThatTransport() {
        dns.srv("_sip._tcp.example.com", new SrvRecord(10, 0, 5070, "a.example.com"))
                .host("a.example.com", "192.0.2.1");
        assertThat(resolve("sip:bob@example.com;transport=tcp"))
                .containsExactly(dest(TransportType.TCP, "192.0.2.1", 5070));
        assertThat(dns.queries).containsExactly("SRV _sip._tcp.example.com", "A/AAAA a.example.com");
    }

    @Test
    void sipsUriQueriesSipsTcpOnly() {
        dns.srv("_sips._tcp.example.com", new SrvRecord(0, 0, 5061, "tls.example.com"))
                .host("tls.example.com", "192.0.2.3");
        assertThat(resolve("sips:bob@example.com", EnumSet.allOf(TransportType.class)))
                .containsExactly(dest(TransportType.TLS, "192.0.2.3", 5061));
        assertThat(dns.queries).first().isEqualTo("SRV _sips._tcp.example.com");
    }

    @Test
    void unsupportedTransportsAreNotQueried() {
        dns.srv("_sip._tcp.example.com", new SrvRecord(10, 0, 5070, "a.example.com"))
                .host("a.example.com", "192.0.2.1");
        assertThat(resolve("sip:example.com", EnumSet.of(TransportType.TCP)))
                .containsExactly(dest(TransportType.TCP, "192.0.2.1", 5070));
        assertThat(dns.queries).doesNotContain("SRV _sip._udp.example.com");
    }

    @Test
    void noSrvRecordsFallsBackToAddressRecordsWithDefaultPort() {
        dns.host("example.com", "192.0.2.5");
        assertThat(resolve("sip:example.com")).containsExactly(dest(TransportType.UDP, "192.0.2.5", 5060));
    }

    @Test
    void nothingResolvesFailsWithUnknownHost() {
        TargetResolver r = new TargetResolver(dns, UDP_TCP);
        assertThatThrownBy(() -> r.resolve(SipUri.parse("sip:nowhere.invalid")).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(UnknownHostException.class);
    }

    @Test
    void unsupportedTransportParameterFails() {
        TargetResolver r = new TargetResolver(dns, UDP_TCP);
        assertThatThrownBy(() ->
                        r.resolve(SipUri.parse("sip:192.0.2.1;transport=sctp")).join())
                .hasCauseInstanceOf(TransportException.class);
        assertThatThrownBy(() ->
                        r.resolve(SipUri.parse("sip:192.0.2.1;transport=tls")).join())
                .hasCauseInstanceOf(TransportException.class);
    }

    @Test
    void srvTargetDotMeansServiceNotOffered() {
        dns.srv("_sip._udp.example.com", new SrvRecord(0, 0, 0, "."));
        dns.host("example.com", "192.0.2.5");
        assertThat(resolve("sip:example.com", EnumSet.of(TransportType.UDP)))
                .containsExactly(dest(TransportType.UDP, "192.0.2.5", 5060));
    }

    @Test
    void sentByHostNameWithoutPortResolvesThroughSrv() {
        dns.srv("_sip._tcp.client.example.com", new SrvRecord(0, 0, 5099, "c.example.com"))
                .host("c.example.com", "192.0.2.8");
        TargetResolver r = new TargetResolver(dns, UDP_TCP);
        assertThat(r.resolveSentBy(Via.parse("SIP/2.0/TCP client.example.com;branch=z9hG4bK1"))
                        .join())
                .containsExactly(dest(TransportType.TCP, "192.0.2.8", 5099));
    }

    @Test
    void weightedSelectionWithinAPriorityFollowsTheWeights() {
        List<SrvRecord> records = List.of(
                new SrvRecord(10, 90, 5060, "heavy"),
                new SrvRecord(10, 10, 5060, "light"),
                new SrvRecord(5, 0, 5060, "first"));
        RandomGenerator random = new SplittableRandom(42);
        Map<String, Integer> firstOfPriority10 = new HashMap<>();
        for (int i = 0; i < 2000; i++) {
            List<SrvRecord> ordered = TargetResolver.orderSrv(records, random);
            assertThat(ordered).hasSize(3);
            assertThat(ordered.get(0).target()).isEqualTo("first");
            firstOfPriority10.merge(ordered.get(1).target(), 1, Integer::sum);
        }
        // RFC 2782: "heavy" comes first about 90% of the time
        assertThat(firstOfPriority10.get("heavy")).isBetween(1650, 1950);
        assertThat(firstOfPriority10.get("light")).isBetween(50, 350);
    }

    @Test
    void zeroWeightRecordsStillGetChosen() {
        List<SrvRecord> records = List.of(new SrvRecord(0, 0, 1, "a"), new SrvRecord(0, 0, 2, "b"));
        assertThat(TargetResolver.orderSrv(records, new SplittableRandom(1)))
                .hasSize(2)
                .containsExactlyInAnyOrderElementsOf(records);
    }
}
