package io.siplane.registrar;

import static io.siplane.registrar.SipMessages.register;
import static io.siplane.registrar.SipMessages.rfc4475;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siplane.events.registration.RegistrationEvent;
import io.siplane.sip.auth.DigestClient;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The SIP entry point with authentication, the real broker and the CSV subscribers 1000 and 1001. */
@QuarkusTest
@Order(1)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RegistrarEndpointTest {

    @Inject
    SipRegistrarEndpoint endpoint;

    @Inject
    io.siplane.registrar.events.KafkaEvents events;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void ready() {
        await().atMost(30, TimeUnit.SECONDS).until(events::ready);
    }

    private SipResponse send(SipRequest request) {
        CompletableFuture<SipResponse> answer = new CompletableFuture<>();
        endpoint.handle(request, "udp:192.0.2.10:5060", answer::complete);
        return answer.orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Sends, answers the 401 with {@code client}, and returns the final response. */
    private SipResponse sendAuthenticated(
            DigestClient client, String aor, String callId, long cseq, String... headers) {
        SipResponse challenge = send(register(aor, callId, cseq, headers));
        assertThat(challenge.status()).isEqualTo(401);
        String authorization = client.authorization(
                        challenge.headerValues(HeaderName.WWW_AUTHENTICATE), "REGISTER", "sip:example.com")
                .orElseThrow();
        String[] withAuth = append(headers, "Authorization: " + authorization);
        return send(register(aor, callId, cseq + 1, withAuth));
    }

    private static String[] append(String[] headers, String extra) {
        List<String> l = new ArrayList<>(List.of(headers));
        l.add(extra);
        return l.toArray(String[]::new);
    }

    @Test
    void regaut01UnknownSchemeIsChallengedWithSha256ThenMd5() {
        SipResponse r = send(rfc4475("regaut01"));
        assertThat(r.status()).isEqualTo(401);
        List<String> challenges = r.headerValues(HeaderName.WWW_AUTHENTICATE);
        assertThat(challenges).hasSize(2);
        assertThat(challenges.get(0))
                .contains("algorithm=SHA-256")
                .contains("qop=\"auth\"")
                .contains("realm=\"example.com\"");
        assertThat(challenges.get(1)).contains("algorithm=MD5");
    }

    @Test
    void unksm2Is400EvenBeforeAuthentication() {
        assertThat(send(rfc4475("unksm2")).status()).isEqualTo(400);
    }

    @Test
    void okOnlyAfterTheBrokerAcknowledgedTheEvent() throws Exception {
        DigestClient client = DigestClient.withPassword("1000", "secret1000");
        SipResponse ok =
                sendAuthenticated(client, "sip:1000@example.com", "ack-1", 1, "Contact: <sip:1000@192.0.2.10:5060>");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.headerValues(HeaderName.CONTACT)).containsExactly("<sip:1000@192.0.2.10:5060>;expires=3600");
        // Acknowledged with acks=all before the 200: a fresh consumer finds the event at once.
        List<ConsumerRecord<String, String>> records = TopicReader.readAll("sip.registrations");
        RegistrationEvent last = null;
        for (ConsumerRecord<String, String> r : records) {
            if (r.key().equals("sip:1000@example.com")) {
                last = json.readValue(r.value(), RegistrationEvent.class);
            }
        }
        assertThat(last).isNotNull();
        assertThat(last.registrar()).isEqualTo("registrar-test");
        assertThat(last.bindings()).extracting(b -> b.contact()).contains("sip:1000@192.0.2.10:5060");
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        SipResponse wrong = sendAuthenticated(
                DigestClient.withPassword("1000", "nope"),
                "sip:1000@example.com",
                "wp-1",
                1,
                "Contact: <sip:x@192.0.2.1>");
        SipResponse unknown = sendAuthenticated(
                DigestClient.withPassword("9999", "nope"),
                "sip:9999@example.com",
                "uu-1",
                1,
                "Contact: <sip:x@192.0.2.1>");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.reason()).isEqualTo(unknown.reason());
        assertThat(wrong.headerValues(HeaderName.WWW_AUTHENTICATE)).hasSize(2);
        assertThat(unknown.headerValues(HeaderName.WWW_AUTHENTICATE)).hasSize(2);
    }

    @Test
    void authenticatedUserMayNotRegisterAnotherAor() {
        DigestClient client = DigestClient.withPassword("1000", "secret1000");
        // To is 1001 but the credentials are 1000's: the username maps to sip:1000@example.com.
        SipResponse challenge = send(register("sip:1001@example.com", "other-1", 1, "Contact: <sip:x@192.0.2.1>"));
        String authorization = client.authorization(
                        challenge.headerValues(HeaderName.WWW_AUTHENTICATE), "REGISTER", "sip:example.com")
                .orElseThrow();
        SipResponse r = send(register(
                "sip:1001@example.com", "other-1", 2, "Contact: <sip:x@192.0.2.1>", "Authorization: " + authorization));
        assertThat(r.status()).isEqualTo(403);
    }

    @Test
    void aReplayedAuthorizationIsChallengedAgain() {
        DigestClient client = DigestClient.withPassword("1001", "secret1001");
        SipResponse challenge = send(register("sip:1001@example.com", "replay-1", 1, "Contact: <sip:y@192.0.2.1>"));
        String authorization = client.authorization(
                        challenge.headerValues(HeaderName.WWW_AUTHENTICATE), "REGISTER", "sip:example.com")
                .orElseThrow();
        SipRequest signed = register(
                "sip:1001@example.com", "replay-1", 2, "Contact: <sip:y@192.0.2.1>", "Authorization: " + authorization);
        assertThat(send(signed).status()).isEqualTo(200);
        SipRequest replay = register(
                "sip:1001@example.com", "replay-1", 3, "Contact: <sip:y@192.0.2.1>", "Authorization: " + authorization);
        assertThat(send(replay).status()).isEqualTo(401);
    }

    @Test
    void concurrentRegistersForOneAorAreSerialisedAndNoneIsLost() {
        DigestClient client = DigestClient.withPassword("1000", "secret1000");
        // One nonce per request: with one shared nonce, concurrent requests reach the server out of
        // nonce-count order and the later-counted ones look like replays (RFC 7616 §5.5).
        List<SipRequest> signed = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            List<String> challenges =
                    send(register("sip:1000@example.com", "conc-" + i, 1)).headerValues(HeaderName.WWW_AUTHENTICATE);
            String authorization = client.authorization(challenges, "REGISTER", "sip:example.com")
                    .orElseThrow();
            signed.add(register(
                    "sip:1000@example.com",
                    "conc-" + i,
                    2,
                    "Contact: <sip:c" + i + "@192.0.2.20>",
                    "Authorization: " + authorization));
        }
        List<CompletableFuture<SipResponse>> answers = new ArrayList<>();
        for (SipRequest request : signed) {
            CompletableFuture<SipResponse> answer = new CompletableFuture<>();
            answers.add(answer);
            endpoint.handle(request, null, answer::complete);
        }
        answers.forEach(a ->
                assertThat(a.orTimeout(15, TimeUnit.SECONDS).join().status()).isEqualTo(200));
        List<String> challenges =
                send(register("sip:1000@example.com", "conc-q", 1)).headerValues(HeaderName.WWW_AUTHENTICATE);
        String authorization =
                client.authorization(challenges, "REGISTER", "sip:example.com").orElseThrow();
        SipResponse query = send(register("sip:1000@example.com", "conc-q", 2, "Authorization: " + authorization));
        assertThat(query.status()).isEqualTo(200);
        assertThat(query.headerValues(HeaderName.CONTACT))
                .filteredOn(c -> c.contains("@192.0.2.20"))
                .hasSize(6);
    }
}
