package io.siplane.b2bua.drain;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.siplane.b2bua.testing.Ports;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /q/drain} (the preStop hook) answers once no call is left, and readiness goes DOWN. */
@QuarkusTest
@TestProfile(DrainEndpointTest.SingleMember.class)
class DrainEndpointTest {

    public static class SingleMember implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            int jgroups = Ports.free();
            return Map.of(
                    "b2bua.instance-id",
                    "b2bua-drain",
                    "b2bua.sip.port",
                    Integer.toString(Ports.free()),
                    "b2bua.cluster.name",
                    "b2bua-drain-" + System.nanoTime(),
                    "b2bua.cluster.bind-port",
                    Integer.toString(jgroups),
                    "b2bua.cluster.initial-hosts",
                    "127.0.0.1[" + jgroups + "]",
                    "b2bua.routing.location-enabled",
                    "false",
                    "b2bua.cdr.enabled",
                    "false",
                    "b2bua.drain.timeout",
                    "10s");
        }
    }

    @Test
    void drainAnswersAtOnceWithoutCallsAndTakesTheInstanceOutOfReadiness() {
        given().when()
                .get("/q/drain")
                .then()
                .statusCode(200)
                .body("drained", equalTo(true))
                .body("remaining", equalTo(0));
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("checks.find { it.name == 'b2bua-drain' }.status", equalTo("DOWN"));
    }
}
