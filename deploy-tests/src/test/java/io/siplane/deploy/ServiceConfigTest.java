package io.siplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The source reader finds what docs/operations.md documents, so the manifest checks rest on real names. */
class ServiceConfigTest {

    private static final Path ROOT = ManifestsTest.ROOT;

    @Test
    void readsGroupsDefaultsRenamesAndMaps() {
        ServiceConfig registrar =
                ServiceConfig.read(ROOT, "registrar-service", "io.siplane.registrar.config.RegistrarConfig");
        assertThat(registrar.properties)
                .containsEntry("registrar.sip.port", "5070")
                .containsEntry("registrar.expires.default", "3600")
                .containsEntry("registrar.kafka.bootstrap-servers", "127.0.0.1:19092")
                .containsEntry("registrar.auth.algorithms", "SHA-256,MD5")
                .containsEntry("quarkus.http.port", "8081")
                .containsKey("registrar.auth.nonce-secret")
                .containsKey("registrar.admin.token")
                .containsKey("registrar.provisioning.csv");

        ServiceConfig b2bua = ServiceConfig.read(ROOT, "b2bua", "io.siplane.b2bua.config.B2buaConfig");
        assertThat(b2bua.properties)
                .containsEntry("b2bua.cluster.initial-hosts", "127.0.0.1[7800],127.0.0.1[7801]")
                .containsEntry("b2bua.routing.location-url", "http://127.0.0.1:8082")
                .containsEntry("b2bua.cluster.bind-port", "7800")
                .containsKey("b2bua.sip.contact-host");
        assertThat(b2bua.mapPrefixes).containsExactly("b2bua.routing.static-routes");
        assertThat(b2bua.propertyOf("B2BUA_ROUTING_STATIC_ROUTES__44_")).contains("b2bua.routing.static-routes.*");

        ServiceConfig edge = ServiceConfig.read(ROOT, "edge-proxy", "io.siplane.edge.config.EdgeConfig");
        assertThat(edge.properties).containsKey("edge.flow-token.secret").containsEntry("edge.sip.port", "5060");
        assertThat(edge.propertyOf("EDGE_FLOW_TOKEN_SECRET")).contains("edge.flow-token.secret");
        assertThat(edge.propertyOf("EDGE_SIP_PORTS")).isEmpty();

        ServiceConfig location =
                ServiceConfig.read(ROOT, "location-service", "io.siplane.location.config.LocationConfig");
        assertThat(location.properties)
                .containsEntry("kafka.bootstrap.servers", "127.0.0.1:19092")
                .containsEntry("location.events.metadata-timeout", "10s")
                .containsEntry("location.listing.max-page-size", "500");
    }

    @Test
    void everyPropertyReadIsDocumentedInOperations() {
        String ops = ServiceConfig.readString(ROOT.resolve("docs/operations.md"));
        for (String[] s : new String[][] {
            {"registrar-service", "io.siplane.registrar.config.RegistrarConfig"},
            {"location-service", "io.siplane.location.config.LocationConfig"},
        }) {
            ServiceConfig c = ServiceConfig.read(ROOT, s[0], s[1]);
            c.properties.keySet().stream()
                    .filter(p -> !p.startsWith("quarkus.") && !p.equals("kafka.bootstrap.servers"))
                    .forEach(p ->
                            assertThat(ops).as("docs/operations.md names " + p).contains("`" + p + "`"));
        }
    }
}
