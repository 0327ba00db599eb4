package io.siplane.b2bua.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.siplane.b2bua.testing.Ports;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service starts, joins its (one-member) cluster, is ready, and exports its metrics. */
@QuarkusTest
@TestProfile(ServiceHealthTest.SingleMember.class)
class ServiceHealthTest {

    public static class SingleMember implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            int jgroups = Ports.free();
            return Map.of(
                    "b2bua.instance-id",
                    "b2bua-test",
                    "b2bua.sip.port",
                    Integer.toString(Ports.free()),
                    "b2bua.cluster.name",
                    "b2bua-health-" + System.nanoTime(),
                    "b2bua.cluster.bind-port",
                    Integer.toString(jgroups),
                    "b2bua.cluster.initial-hosts",
                    "127.0.0.1[" + jgroups + "]",
                    "b2bua.routing.location-enabled",
                    "false",
                    "b2bua.cdr.enabled",
                    "false");
        }
    }

    @Test
    void readyOnceTheClusterHasItsMinimumMembers() {
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'b2bua-cluster' }.status", equalTo("UP"));
    }

    @Test
    void metricsListTheCallAndClusterGauges() {
        given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("siplane_b2bua_calls_active"))
                .body(containsString("siplane_b2bua_cluster_members"));
    }
}
