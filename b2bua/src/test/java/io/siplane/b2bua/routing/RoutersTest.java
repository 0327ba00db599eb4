package io.siplane.b2bua.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.siplane.sip.message.uri.SipUri;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutersTest {

    @Test
    void theLongestPrefixWinsAndTheDialledUserIsKept() {
        StaticRouter router =
                new StaticRouter(Map.of("44", "sip:10.0.0.1", "4420", "sip:10.0.0.2:5070", "", "sip:10.0.0.9"));
        assertThat(router.match(SipUri.parse("sip:442071@b2bua"))
                        .orElseThrow()
                        .requestUri()
                        .toString())
                .isEqualTo("sip:442071@10.0.0.2:5070");
        assertThat(router.match(SipUri.parse("sip:4431@b2bua"))
                        .orElseThrow()
                        .requestUri()
                        .host())
                .isEqualTo("10.0.0.1");
        assertThat(router.match(SipUri.parse("sip:1@b2bua"))
                        .orElseThrow()
                        .requestUri()
                        .host())
                .isEqualTo("10.0.0.9");
    }

    @Test
    void noPrefixMeansNoRoute() {
        assertThat(new StaticRouter(Map.of("44", "sip:10.0.0.1")).match(SipUri.parse("sip:33@b2bua")))
                .isEmpty();
    }

    @Test
    void theHighestQBindingIsTheTargetWithItsPathAsRouteSet() {
        LocationServiceRouter router = new LocationServiceRouter(
                URI.create("http://127.0.0.1:1"),
                Duration.ofMillis(100),
                new ObjectMapper(),
                new StaticRouter(Map.of()));
        String json = "{\"aor\":\"sip:bob@example\",\"bindings\":["
                + "{\"contact\":\"<sip:bob@10.0.0.5:5060>\",\"q\":0.5,\"path\":[]},"
                + "{\"contact\":\"sip:bob@10.0.0.6:5062\",\"q\":0.9,\"path\":[\"<sip:edge@10.0.0.1;lr>\"]}]}";
        Route r = router.firstBinding(json.getBytes(StandardCharsets.UTF_8)).orElseThrow();
        assertThat(r.requestUri().toString()).isEqualTo("sip:bob@10.0.0.6:5062");
        assertThat(r.routeSet()).isEqualTo(List.of("<sip:edge@10.0.0.1;lr>"));
    }

    @Test
    void bindingsAreGroupedByQHighestFirstForForking() {
        LocationServiceRouter router = new LocationServiceRouter(
                URI.create("http://127.0.0.1:1"),
                Duration.ofMillis(100),
                new ObjectMapper(),
                new StaticRouter(Map.of()));
        String json = "{\"aor\":\"sip:bob@example\",\"bindings\":["
                + "{\"contact\":\"<sip:bob@10.0.0.5:5060>\",\"q\":0.5,\"path\":[]},"
                + "{\"contact\":\"<sip:bob@10.0.0.7:5060>\",\"q\":0.9,\"path\":[]},"
                + "{\"contact\":\"sip:bob@10.0.0.6:5062\",\"q\":0.9,\"path\":[\"<sip:edge@10.0.0.1;lr>\"]}]}";
        List<List<Route>> groups = router.groups(json.getBytes(StandardCharsets.UTF_8));
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0)).extracting(r -> r.requestUri().host()).containsExactly("10.0.0.7", "10.0.0.6");
        assertThat(groups.get(0).get(1).routeSet()).containsExactly("<sip:edge@10.0.0.1;lr>");
        assertThat(groups.get(1)).extracting(r -> r.requestUri().host()).containsExactly("10.0.0.5");
    }
}
