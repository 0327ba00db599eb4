package io.siplane.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DigestClientTest {

    private static final String REALM = "trunk.example.net";
    private static final String USER = "b2bua";
    private static final String PASSWORD = "s3cret!";
    private static final String URI = "sip:+15551234567@trunk.example.net";

    private static String challenge(String algorithm) {
        return "Digest realm=\"" + REALM + "\", nonce=\"n-" + algorithm + "\", algorithm=" + algorithm
                + ", qop=\"auth\"";
    }

    private static DigestCredentials parse(String value) {
        return DigestCredentials.parse(value).orElseThrow();
    }

    @Test
    void strongestOfferedAlgorithmIsChosenWhateverTheOrder() {
        DigestClient client = DigestClient.withPassword(USER, PASSWORD);
        List<String> offered = List.of(challenge("MD5"), challenge("SHA-512-256"), challenge("SHA-256"));

        DigestCredentials answer =
                parse(client.authorization(offered, "INVITE", URI).orElseThrow());

        assertThat(answer.algorithm()).contains(DigestAlgorithm.SHA_512_256);
        assertThat(answer.nonce()).isEqualTo("n-SHA-512-256");
    }

    @Test
    void answerHasTheResponseTheCalculatorGivesForItsOwnCnonceAndCount() {
        DigestClient client = DigestClient.withPassword(USER, PASSWORD);
        DigestCredentials answer =
                parse(client.authorization(challenge("SHA-256"), "INVITE", URI).orElseThrow());

        String ha1 = DigestCalculator.ha1(DigestAlgorithm.SHA_256, USER, REALM, PASSWORD);
        assertThat(answer.response())
                .isEqualTo(DigestCalculator.response(
                        DigestAlgorithm.SHA_256,
                        ha1,
                        "n-SHA-256",
                        "00000001",
                        answer.cnonce().orElseThrow(),
                        "auth",
                        "INVITE",
                        URI));
        assertThat(answer.username()).isEqualTo(USER);
        assertThat(answer.realm()).isEqualTo(REALM);
        assertThat(answer.uri()).isEqualTo(URI);
        assertThat(answer.qop()).contains("auth");
    }

    @Test
    void unknownAlgorithmAndUnparseableChallengesAreSkipped() {
        DigestClient client = DigestClient.withPassword(USER, PASSWORD);
        List<String> offered = List.of(challenge("SHA-3"), "Digest realm=\"broken", challenge("MD5"));

        assertThat(client.select(offered).orElseThrow().algorithm()).contains(DigestAlgorithm.MD5);
    }

    @Test
    void challengeOfferingOnlyAuthIntCannotBeAnswered() {
        DigestClient client = DigestClient.withPassword(USER, PASSWORD);
        String authIntOnly = "Digest realm=\"" + REALM + "\", nonce=\"n\", algorithm=SHA-256, qop=\"auth-int\"";
        assertThat(client.authorization(authIntOnly, "INVITE", URI)).isEmpty();
        assertThat(client.authorization(List.of(), "INVITE", URI)).isEmpty();
    }

    @Test
    void nonceCountIncreasesPerNonceAndStartsAtOneForANewNonce() {
        DigestClient client = DigestClient.withPassword(USER, PASSWORD);
        DigestChallenge first = DigestChallenge.parse(challenge("SHA-256")).orElseThrow();
        DigestChallenge other = DigestChallenge.parse(challenge("MD5")).orElseThrow();

        assertThat(client.credentials(first, "INVITE", URI).orElseThrow().nonceCount())
                .contains("00000001");
        assertThat(client.credentials(first, "BYE", URI).orElseThrow().nonceCount())
                .contains("00000002");
        assertThat(client.credentials(other, "INVITE", URI).orElseThrow().nonceCount())
                .contains("00000001");
        assertThat(client.credentials(first, "BYE", URI).orElseThrow().nonceCount())
                .contains("00000003");
    }

    @Test
    void nonceCounterCanBeSharedBetweenClients() {
        ClientNonceCounter shared = new ClientNonceCounter();
        DigestChallenge c = DigestChallenge.parse(challenge("SHA-256")).orElseThrow();
        DigestClient.withPassword(USER, PASSWORD, shared).credentials(c, "INVITE", URI);
        assertThat(DigestClient.withPassword(USER, PASSWORD, shared)
                        .credentials(c, "INVITE", URI)
                        .orElseThrow()
                        .nonceCount())
                .contains("00000002");
    }

    @Test
    void cnonceIsFreshForEveryRequest() {
        DigestClient client = DigestClient.withPassword(USER, PASSWORD);
        DigestChallenge c = DigestChallenge.parse(challenge("SHA-256")).orElseThrow();
        String a = client.credentials(c, "INVITE", URI).orElseThrow().cnonce().orElseThrow();
        String b = client.credentials(c, "INVITE", URI).orElseThrow().cnonce().orElseThrow();
        assertThat(a).isNotEqualTo(b).hasSize(32);
    }

    @Test
    void opaqueIsReturnedUnchanged() {
        DigestClient client = DigestClient.withPassword(USER, PASSWORD);
        String withOpaque = challenge("SHA-256") + ", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";
        assertThat(parse(client.authorization(withOpaque, "INVITE", URI).orElseThrow())
                        .opaque())
                .contains("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS");
    }

    @Test
    void challengeWithoutQopGetsTheRfc2069FormAndNoAlgorithmIsEchoedWhenNoneWasNamed() {
        DigestClient client = DigestClient.withPassword(USER, PASSWORD);
        DigestCredentials answer =
                parse(client.authorization("Digest realm=\"" + REALM + "\", nonce=\"old\"", "INVITE", URI)
                        .orElseThrow());

        assertThat(answer.qop()).isEmpty();
        assertThat(answer.nonceCount()).isEmpty();
        assertThat(answer.cnonce()).isEmpty();
        assertThat(answer.algorithmToken()).isEmpty();
        String ha1 = DigestCalculator.ha1(DigestAlgorithm.MD5, USER, REALM, PASSWORD);
        assertThat(answer.response())
                .isEqualTo(DigestCalculator.response(DigestAlgorithm.MD5, ha1, "old", null, null, null, "INVITE", URI));
    }

    @Test
    void clientHoldingHa1AnswersOnlyItsRealmAndAlgorithms() {
        StoredCredentials stored =
                StoredCredentials.fromPassword(USER, REALM, PASSWORD, Set.of(DigestAlgorithm.SHA_256));
        DigestClient client = DigestClient.withStoredCredentials(stored, new ClientNonceCounter());

        assertThat(client.authorization(challenge("SHA-256"), "INVITE", URI)).isPresent();
        assertThat(client.authorization(challenge("MD5"), "INVITE", URI)).isEmpty();
        assertThat(client.authorization(
                        "Digest realm=\"elsewhere\", nonce=\"n\", algorithm=SHA-256, qop=\"auth\"", "INVITE", URI))
                .isEmpty();
    }

    @Test
    void userhashChallengeIsAnsweredWithTheHashedUsername() {
        DigestClient client = DigestClient.withPassword(USER, PASSWORD);
        DigestCredentials answer = parse(client.authorization(challenge("SHA-256") + ", userhash=true", "INVITE", URI)
                .orElseThrow());
        assertThat(answer.userhash()).isTrue();
        assertThat(answer.username()).isEqualTo(DigestAlgorithm.SHA_256.hash(USER + ":" + REALM));
    }

    @Test
    void toStringNeverShowsThePassword() {
        assertThat(DigestClient.withPassword(USER, PASSWORD).toString())
                .doesNotContain(PASSWORD)
                .contains(USER);
    }

    @Test
    void leastRecentlyUsedNonceIsForgottenBeyondTheBound() {
        ClientNonceCounter counter = new ClientNonceCounter(2);
        counter.next("a");
        counter.next("b");
        counter.next("a");
        counter.next("c"); // drops b, the least recently used
        assertThat(counter.next("a")).isEqualTo(3);
        assertThat(counter.next("b")).isEqualTo(1);
    }
}
