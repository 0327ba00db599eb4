package io.siplane.registrar;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The admin API over HTTP, against a real broker. */
@QuarkusTest
@Order(2)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SubscriberResourceTest {

    private static RequestSpecification admin() {
        return given().header("Authorization", "Bearer test-admin-token");
    }

    @Test
    void createGetReplaceDeleteLifecycle() {
        String aor = "sip:2000@example.com";
        admin().contentType(ContentType.JSON)
                .body("{\"aor\":\"" + aor + "\",\"password\":\"pw-2000\"}")
                .when()
                .post("/v1/subscribers")
                .then()
                .statusCode(201)
                .header("Location", containsString("/v1/subscribers/"))
                .body("aor", equalTo(aor))
                .body("algorithms", contains("MD5", "SHA-256", "SHA-512-256"));
        admin().contentType(ContentType.JSON)
                .body("{\"aor\":\"" + aor + "\",\"password\":\"other\"}")
                .when()
                .post("/v1/subscribers")
                .then()
                .statusCode(409)
                .body("status", equalTo(409));
        admin().when()
                .get("/v1/subscribers/{aor}", aor)
                .then()
                .statusCode(200)
                .body("realm", equalTo("example.com"))
                .body(not(containsString("pw-2000")))
                .body(not(containsString("ha1")));
        admin().contentType(ContentType.JSON)
                .body("{\"password\":\"pw-2000-b\"}")
                .when()
                .put("/v1/subscribers/{aor}", aor)
                .then()
                .statusCode(200);
        admin().when().delete("/v1/subscribers/{aor}", aor).then().statusCode(204);
        admin().when().get("/v1/subscribers/{aor}", aor).then().statusCode(404).body("status", equalTo(404));
        admin().when().delete("/v1/subscribers/{aor}", aor).then().statusCode(404);
    }

    @Test
    void putCreatesWhenAbsent() {
        admin().contentType(ContentType.JSON)
                .body("{\"password\":\"pw\"}")
                .when()
                .put("/v1/subscribers/{aor}", "sip:2001@example.com")
                .then()
                .statusCode(201);
    }

    @Test
    void onlyHa1ValuesReachTheTopicNeverThePassword() {
        admin().contentType(ContentType.JSON)
                .body("{\"aor\":\"sip:2002@example.com\",\"password\":\"very-secret-2002\"}")
                .when()
                .post("/v1/subscribers")
                .then()
                .statusCode(201);
        var records = TopicReader.readAll("sip.subscribers");
        assertThat(records).extracting(ConsumerRecord::key).contains("sip:2002@example.com");
        assertThat(records)
                .allSatisfy(r -> assertThat(String.valueOf(r.value())).doesNotContain("very-secret"));
    }

    @Test
    void csvSubscribersAreProvisionedAtStart() {
        admin().when()
                .get("/v1/subscribers/{aor}", "sip:1000@example.com")
                .then()
                .statusCode(200);
        admin().when()
                .get("/v1/subscribers?offset=0&limit=1")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1))
                .body("total", greaterThanOrEqualTo(2));
    }

    @Test
    void unknownAorIs404() {
        admin().when()
                .get("/v1/subscribers/{aor}", "sip:nobody@example.com")
                .then()
                .statusCode(404);
    }

    @Test
    void malformedJsonIs400WithoutEchoingTheBody() {
        admin().contentType(ContentType.JSON)
                .body("{\"aor\":\"sip:3000@example.com\",\"password\":\"leak-me\"")
                .when()
                .post("/v1/subscribers")
                .then()
                .statusCode(400)
                .body("error", equalTo("malformed JSON"))
                .body("status", equalTo(400))
                .body(not(containsString("leak-me")));
    }

    @Test
    void missingOrEmptyFieldsAre400() {
        admin().contentType(ContentType.JSON)
                .body("{\"aor\":\"sip:3000@example.com\"}")
                .when()
                .post("/v1/subscribers")
                .then()
                .statusCode(400);
        admin().contentType(ContentType.JSON)
                .body("{\"aor\":\"sip:3000@example.com\",\"password\":\"\"}")
                .when()
                .post("/v1/subscribers")
                .then()
                .statusCode(400);
        admin().contentType(ContentType.JSON)
                .body("{\"password\":\"x\"}")
                .when()
                .post("/v1/subscribers")
                .then()
                .statusCode(400);
        admin().contentType(ContentType.JSON)
                .body("[]")
                .when()
                .post("/v1/subscribers")
                .then()
                .statusCode(400);
    }

    @Test
    void aorMustBeSipUserAtHost() {
        for (String bad : new String[] {"tel:+15551234", "sip:example.com", "sip:a@b.com;transport=tcp", "1000"}) {
            admin().contentType(ContentType.JSON)
                    .body("{\"aor\":\"" + bad + "\",\"password\":\"x\"}")
                    .when()
                    .post("/v1/subscribers")
                    .then()
                    .statusCode(400)
                    .body("error", equalTo("aor must be sip:user@host"));
        }
    }

    @Test
    void missingOrWrongAdminCredentialsAre401() {
        given().when().get("/v1/subscribers").then().statusCode(401).body("status", equalTo(401));
        given().header("Authorization", "Bearer wrong")
                .when()
                .get("/v1/subscribers")
                .then()
                .statusCode(401);
        given().contentType(ContentType.JSON)
                .body("{\"aor\":\"sip:4000@example.com\",\"password\":\"x\"}")
                .when()
                .post("/v1/subscribers")
                .then()
                .statusCode(401);
    }

    @Test
    void healthIsUpOnceTheTopicsAreRead() {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(
                        () -> given().when().get("/q/health/ready").then().statusCode(200));
    }
}
