package io.siplane.location;

import static io.restassured.RestAssured.given;
import static io.siplane.location.KafkaBrokerResource.TOPIC;
import static io.siplane.location.TestKafka.binding;
import static io.siplane.location.TestKafka.event;
import static io.siplane.location.TestKafka.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.siplane.events.registration.Binding;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The service end to end: events on a real broker in, REST lookups, health and metrics out. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
class LocationApiTest {
    private static final long HOUR = 3_600_000;

    @BeforeEach
    void serviceIsReady() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ready().statusCode(200));
    }

    @Test
    void publishedBindingsAreServedHighestQFirst() {
        long expiry = System.currentTimeMillis() + HOUR;
        Binding low = binding("sip:alice@10.0.0.1:5060;transport=tcp", 0.5, expiry);
        Binding high = new Binding(
                "sip:alice@192.0.2.7:5062",
                ";unknownparam",
                1.0,
                expiry,
                "c-1@ua",
                42,
                List.of("<sip:edge-1.example.com;lr;ob>"),
                "udp:198.51.100.4:40000",
                "<urn:uuid:00000000-0000-1000-8000-000A95A0E128>",
                1,
                "ua/1.0");
        publish(TOPIC, event("sip:alice@lookup.example.com", low, high));

        await().untilAsserted(() -> lookup("sip:alice@lookup.example.com")
                .statusCode(200)
                .body("aor", is("sip:alice@lookup.example.com"))
                .body("bindings.contact", contains(high.contact(), low.contact()))
                .body("bindings[0].q", is(1.0f))
                .body("bindings[0].expiresInSeconds", lessThanOrEqualTo(3600))
                .body("bindings[0].expiresAt", is(Instant.ofEpochMilli(expiry).toString()))
                .body("bindings[0].path", contains("<sip:edge-1.example.com;lr;ob>"))
                .body("bindings[0].received", is("udp:198.51.100.4:40000"))
                .body("bindings[0].instanceId", is("<urn:uuid:00000000-0000-1000-8000-000A95A0E128>"))
                .body("bindings[0].regId", is(1))
                .body("bindings[0].callId", is("c-1@ua"))
                .body("bindings[0].cseq", is(42))
                .body("bindings[0].contactParams", is(";unknownparam")));
    }

    @Test
    void lookupCanonicalisesSchemeAndHostButNotUser() {
        publish(TOPIC, event("sip:Bob@canon.example.com", binding("sip:bob@192.0.2.1", 1, far())));

        await().untilAsserted(() -> lookup("SIPS:Bob@CANON.Example.COM;transport=tls")
                .statusCode(200)
                .body("aor", is("sip:Bob@canon.example.com")));
        lookup("sip:bob@canon.example.com").statusCode(404);
    }

    @Test
    void unknownAorIsNotFoundWithAReason() {
        lookup("sip:nobody@unknown.example.com")
                .statusCode(404)
                .body("status", is(404))
                .body("error", containsString("sip:nobody@unknown.example.com"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "alice@example.com",
                "tel:+4930123456",
                "sip:example.com",
                "sip:@example.com",
                "sip:alice@",
                "sip:alice@exa mple.com",
                "sip:al%zzice@example.com",
                "http:alice@example.com"
            })
    void malformedAorIsBadRequestWithAReason(String aor) {
        lookup(aor).statusCode(400).body("status", is(400)).body("error", notNullValue());
    }

    @Test
    void bindingIsNoLongerServedOnceExpired() {
        publish(
                TOPIC,
                event(
                        "sip:carol@expiry.example.com",
                        binding("sip:carol@192.0.2.3", 1, System.currentTimeMillis() + 1_500)));

        await().untilAsserted(() -> lookup("sip:carol@expiry.example.com").statusCode(200));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> lookup("sip:carol@expiry.example.com").statusCode(404));
    }

    @Test
    void bindingAlreadyExpiredWhenPublishedIsNeverServed() {
        publish(
                TOPIC,
                event(
                        "sip:dave@expiry.example.com",
                        binding("sip:dave@192.0.2.4;old", 1, System.currentTimeMillis() - 1_000),
                        binding("sip:dave@192.0.2.4;new", 0.1, far())));

        await().untilAsserted(() -> lookup("sip:dave@expiry.example.com")
                .statusCode(200)
                .body("bindings.contact", contains("sip:dave@192.0.2.4;new")));
    }

    @Test
    void laterEventReplacesTheEarlierSnapshot() {
        String aor = "sip:erin@snapshot.example.com";
        publish(TOPIC, event(aor, binding("sip:erin@192.0.2.5;first", 1, far())));
        await().untilAsserted(() -> lookup(aor).statusCode(200));

        publish(TOPIC, event(aor, binding("sip:erin@192.0.2.5;second", 0.7, far())));

        await().untilAsserted(() ->
                lookup(aor).statusCode(200).body("bindings.contact", contains("sip:erin@192.0.2.5;second")));
    }

    @Test
    void eventWithoutBindingsRemovesTheAor() {
        String aor = "sip:frank@snapshot.example.com";
        publish(TOPIC, event(aor, binding("sip:frank@192.0.2.6", 1, far())));
        await().untilAsserted(() -> lookup(aor).statusCode(200));

        publish(TOPIC, event(aor));

        await().untilAsserted(() -> lookup(aor).statusCode(404));
    }

    @Test
    void tombstoneRemovesTheAor() {
        String aor = "sip:grace@snapshot.example.com";
        publish(TOPIC, event(aor, binding("sip:grace@192.0.2.7", 1, far())));
        await().untilAsserted(() -> lookup(aor).statusCode(200));

        TestKafka.send(TOPIC, aor, null);

        await().untilAsserted(() -> lookup(aor).statusCode(404));
    }

    @Test
    void poisonRecordIsSkippedAndCountedAndLaterRecordsAreConsumed() {
        String aor = "sip:heidi@poison.example.com";
        double badBefore = metric("siplane_location_records_bad_total");

        // Same key, so the same partition: the good record is behind the poison one.
        TestKafka.send(TOPIC, aor, "this is not JSON".getBytes(StandardCharsets.UTF_8));
        TestKafka.send(
                TOPIC,
                aor,
                "{\"aor\":\"sip:heidi@poison.example.com\",\"bindings\":[{\"q\":7}]}".getBytes(StandardCharsets.UTF_8));
        publish(TOPIC, event(aor, binding("sip:heidi@192.0.2.8", 1, far())));

        await().untilAsserted(() -> lookup(aor).statusCode(200));
        assertThat(metric("siplane_location_records_bad_total")).isGreaterThanOrEqualTo(badBefore + 2);
        ready().statusCode(200);
    }

    @Test
    void listingIsSortedByAorPagedAndCounted() {
        for (String user : List.of("pc", "pa", "pe", "pb", "pd")) {
            publish(
                    TOPIC,
                    event("sip:" + user + "@paging.example.com", binding("sip:" + user + "@192.0.2.9", 1, far())));
        }
        await().untilAsserted(() -> lookup("sip:pe@paging.example.com").statusCode(200));

        List<String> all = given().queryParam("size", 500)
                .get("/v1/locations")
                .then()
                .statusCode(200)
                .body("page", is(0))
                .body("size", is(500))
                .extract()
                .jsonPath()
                .getList("items.aor", String.class);
        assertThat(all)
                .isSorted()
                .containsSubsequence(
                        "sip:pa@paging.example.com",
                        "sip:pb@paging.example.com",
                        "sip:pc@paging.example.com",
                        "sip:pd@paging.example.com",
                        "sip:pe@paging.example.com");

        List<String> paged = new ArrayList<>();
        for (int page = 0; page * 2 < all.size(); page++) {
            paged.addAll(given().queryParam("page", page)
                    .queryParam("size", 2)
                    .get("/v1/locations")
                    .then()
                    .statusCode(200)
                    .body("total", equalTo(all.size()))
                    .body("items", hasSize(Math.min(2, all.size() - page * 2)))
                    .extract()
                    .jsonPath()
                    .getList("items.aor", String.class));
        }
        assertThat(paged).isEqualTo(all);
    }

    @Test
    void listingDefaultsToFiftyAndBoundsThePageSize() {
        given().get("/v1/locations").then().statusCode(200).body("page", is(0)).body("size", is(50));
        given().queryParam("size", 500).get("/v1/locations").then().statusCode(200);
        given().queryParam("size", 501)
                .get("/v1/locations")
                .then()
                .statusCode(400)
                .body("status", is(400))
                .body("error", containsString("500"));
        given().queryParam("size", 0).get("/v1/locations").then().statusCode(400);
        given().queryParam("page", -1).get("/v1/locations").then().statusCode(400);
        given().queryParam("page", "two")
                .get("/v1/locations")
                .then()
                .statusCode(400)
                .body("error", containsString("page"));
    }

    @Test
    void readyAndAliveOnceCaughtUp() {
        ready().body("status", is("UP")).body("checks[0].data.remaining", is(0));
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void metricsExposeTheLocationMeters() {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(body)
                .contains("siplane_location_aors ")
                .contains("siplane_location_bindings ")
                .contains("siplane_location_consumer_lag ")
                .contains("siplane_location_events_consumed_total ")
                .contains("siplane_location_records_bad_total ")
                .contains("siplane_location_bindings_expired_total ");
    }

    private static ValidatableResponse lookup(String aor) {
        return given().pathParam("aor", aor).get("/v1/locations/{aor}").then();
    }

    private static ValidatableResponse ready() {
        return given().get("/q/health/ready").then();
    }

    private static long far() {
        return System.currentTimeMillis() + HOUR;
    }

    private static double metric(String name) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? (\\S+)$").matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
