package io.siplane.registrar;

import static io.restassured.RestAssured.given;
import static io.siplane.registrar.SipMessages.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.siplane.registrar.events.KafkaEvents;
import io.siplane.sip.auth.DigestClient;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipResponse;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * With the broker stopped, nothing is answered 200: REGISTER gets 503 with Retry-After, REST writes 503.
 * Runs last ({@code @Order}): it stops the shared broker.
 */
@QuarkusTest
@Order(100)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class KafkaUnavailableTest {

    @Inject
    SipRegistrarEndpoint endpoint;

    @Inject
    KafkaEvents events;

    @Test
    void registerIs503WithRetryAfterAndRestWritesAre503WhileTheBrokerIsDown() {
        await().atMost(30, TimeUnit.SECONDS).until(events::ready);
        DigestClient client = DigestClient.withPassword("1001", "secret1001");
        SipResponse challenge = send(register("sip:1001@example.com", "down-1", 1, "Contact: <sip:z@192.0.2.30>"));
        String authorization = client.authorization(
                        challenge.headerValues(HeaderName.WWW_AUTHENTICATE), "REGISTER", "sip:example.com")
                .orElseThrow();

        KafkaResource.stopBroker();

        SipResponse r = send(register(
                "sip:1001@example.com", "down-1", 2, "Contact: <sip:z@192.0.2.30>", "Authorization: " + authorization));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header(HeaderName.RETRY_AFTER)).isEqualTo("10");

        given().header("Authorization", "Bearer test-admin-token")
                .contentType(ContentType.JSON)
                .body("{\"aor\":\"sip:5000@example.com\",\"password\":\"x\"}")
                .when()
                .post("/v1/subscribers")
                .then()
                .statusCode(503)
                .header("Retry-After", "10");
    }

    private SipResponse send(io.siplane.sip.message.SipRequest request) {
        CompletableFuture<SipResponse> answer = new CompletableFuture<>();
        endpoint.handle(request, null, answer::complete);
        return answer.orTimeout(20, TimeUnit.SECONDS).join();
    }
}
