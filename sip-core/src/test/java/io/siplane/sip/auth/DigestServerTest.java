package io.siplane.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siplane.sip.auth.DigestVerification.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DigestServerTest {

    private static final String REALM = "biloxi.com";
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String USER = "bob";
    private static final String PASSWORD = "zanzibar";
    private static final String REQUEST_URI = "sip:biloxi.com";

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final DigestServer server =
            DigestServer.builder(REALM, KEY).clock(clock).build();
    private final Ha1Lookup users = (username, realm) -> username.equals(USER) && realm.equals(REALM)
            ? Optional.of(StoredCredentials.fromPassword(USER, REALM, PASSWORD))
            : Optional.empty();

    private String answer(DigestClient client, DigestServer challenger) {
        return client.authorization(challenger.challenges(false), "REGISTER", REQUEST_URI)
                .orElseThrow();
    }

    private DigestChallenge challenge(DigestAlgorithm algorithm) {
        return server.newChallenges(false).stream()
                .filter(c -> c.algorithm().orElseThrow() == algorithm)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void defaultChallengesOfferSha256ThenMd5WithQopAuthAndOneNonce() {
        List<DigestChallenge> challenges = server.challenges(false).stream()
                .map(v -> DigestChallenge.parse(v).orElseThrow())
                .toList();
        assertThat(challenges)
                .extracting(c -> c.algorithm().orElseThrow())
                .containsExactly(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);
        assertThat(challenges).allSatisfy(c -> {
            assertThat(c.realm()).isEqualTo(REALM);
            assertThat(c.qopOptions()).containsExactly("auth");
            assertThat(c.stale()).isFalse();
            assertThat(c.nonce()).isEqualTo(challenges.get(0).nonce());
        });
    }

    @Test
    void eachChallengeRoundHasAFreshNonce() {
        assertThat(challenge(DigestAlgorithm.MD5).nonce())
                .isNotEqualTo(challenge(DigestAlgorithm.MD5).nonce());
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void clientAnswerIsAcceptedForEachAlgorithm(DigestAlgorithm algorithm) {
        DigestServer only = DigestServer.builder(REALM, KEY)
                .clock(clock)
                .algorithms(List.of(algorithm))
                .build();
        String authorization = answer(DigestClient.withPassword(USER, PASSWORD), only);

        DigestVerification result = only.verify("REGISTER", authorization, users);

        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(result.username()).contains(USER);
        assertThat(result.algorithm()).contains(algorithm);
        assertThat(result.credentials().orElseThrow().uri()).isEqualTo(REQUEST_URI);
    }

    @Test
    void clientPicksSha256FromTheDefaultChallenges() {
        DigestVerification result =
                server.verify("REGISTER", answer(DigestClient.withPassword(USER, PASSWORD), server), users);
        assertThat(result.isOk()).isTrue();
        assertThat(result.algorithm()).contains(DigestAlgorithm.SHA_256);
    }

    @Test
    void anotherInstanceWithTheSameKeyAcceptsTheNonce() {
        DigestServer other = DigestServer.builder(REALM, KEY).clock(clock).build();
        String authorization = answer(DigestClient.withPassword(USER, PASSWORD), server);
        assertThat(other.verify("REGISTER", authorization, users).outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void expiredNonceIsReportedStaleNotInvalid() {
        String authorization = answer(DigestClient.withPassword(USER, PASSWORD), server);
        clock.advance(DigestServer.DEFAULT_NONCE_LIFETIME);

        DigestVerification result = server.verify("REGISTER", authorization, users);

        assertThat(result.outcome()).isEqualTo(Outcome.STALE);
        assertThat(result.username()).contains(USER);
    }

    @Test
    void nonceIsAcceptedUntilJustBeforeItsLifetimeEnds() {
        String authorization = answer(DigestClient.withPassword(USER, PASSWORD), server);
        clock.advance(DigestServer.DEFAULT_NONCE_LIFETIME.minusMillis(1));
        assertThat(server.verify("REGISTER", authorization, users).outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void expiredNonceWithWrongPasswordIsInvalidNotStale() {
        // RFC 7616 §3.3: stale only when the digest is right, or a guesser gets silent retries.
        String authorization = answer(DigestClient.withPassword(USER, "wrong"), server);
        clock.advance(Duration.ofHours(1));
        assertThat(server.verify("REGISTER", authorization, users).outcome()).isEqualTo(Outcome.INVALID);
    }

    @Test
    void staleChallengesCarryStaleTrue() {
        assertThat(server.challenges(true)).allSatisfy(v -> assertThat(
                        DigestChallenge.parse(v).orElseThrow().stale())
                .isTrue());
    }

    @Test
    void configuredNonceLifetimeIsHonoured() {
        DigestServer shortLived = DigestServer.builder(REALM, KEY)
                .clock(clock)
                .nonceLifetime(Duration.ofSeconds(30))
                .build();
        String authorization = answer(DigestClient.withPassword(USER, PASSWORD), shortLived);
        clock.advance(Duration.ofSeconds(30));
        assertThat(shortLived.verify("REGISTER", authorization, users).outcome())
                .isEqualTo(Outcome.STALE);
    }

    @Test
    void tamperedNonceIsInvalidEvenWithTheRightPassword() {
        DigestChallenge real = challenge(DigestAlgorithm.SHA_256);
        char[] nonce = real.nonce().toCharArray();
        nonce[3] = nonce[3] == 'A' ? 'B' : 'A'; // e.g. to move the timestamp forward
        DigestChallenge tampered = DigestChallenge.builder(REALM, new String(nonce))
                .algorithm(DigestAlgorithm.SHA_256)
                .qopOptions("auth")
                .build();
        String authorization = DigestClient.withPassword(USER, PASSWORD)
                .credentials(tampered, "REGISTER", REQUEST_URI)
                .orElseThrow()
                .toHeaderValue();

        DigestVerification result = server.verify("REGISTER", authorization, users);

        assertThat(result.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(result.reason()).isEqualTo("nonce not issued here");
    }

    @Test
    void nonceFromAnotherKeyOrRealmIsInvalid() {
        byte[] otherKey = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
        DigestServer otherKeyServer =
                DigestServer.builder(REALM, otherKey).clock(clock).build();
        assertThat(server.verify("REGISTER", answer(DigestClient.withPassword(USER, PASSWORD), otherKeyServer), users)
                        .outcome())
                .isEqualTo(Outcome.INVALID);

        // Same key, other realm: the realm is inside the MAC, so the nonce cannot be carried over.
        DigestServer otherRealm =
                DigestServer.builder("atlanta.com", KEY).clock(clock).build();
        DigestChallenge foreign = otherRealm.newChallenges(false).get(0);
        DigestChallenge moved = DigestChallenge.builder(REALM, foreign.nonce())
                .algorithm(DigestAlgorithm.SHA_256)
                .qopOptions("auth")
                .build();
        String authorization = DigestClient.withPassword(USER, PASSWORD)
                .credentials(moved, "REGISTER", REQUEST_URI)
                .orElseThrow()
                .toHeaderValue();
        assertThat(server.verify("REGISTER", authorization, users).reason()).isEqualTo("nonce not issued here");
    }

    @Test
    void wrongPasswordIsInvalid() {
        DigestVerification result =
                server.verify("REGISTER", answer(DigestClient.withPassword(USER, "wrong"), server), users);
        assertThat(result.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(result.username()).isEmpty();
    }

    @Test
    void unknownUserGetsExactlyTheSameResultAsWrongPassword() {
        DigestVerification wrongPassword =
                server.verify("REGISTER", answer(DigestClient.withPassword(USER, "wrong"), server), users);
        DigestVerification unknownUser =
                server.verify("REGISTER", answer(DigestClient.withPassword("mallory", PASSWORD), server), users);
        assertThat(unknownUser).isEqualTo(wrongPassword);
    }

    @Test
    void wrongMethodIsInvalid() {
        String authorization = answer(DigestClient.withPassword(USER, PASSWORD), server);
        assertThat(server.verify("INVITE", authorization, users).outcome()).isEqualTo(Outcome.INVALID);
    }

    @Test
    void replayedNonceCountIsReported() {
        String authorization = answer(DigestClient.withPassword(USER, PASSWORD), server);
        assertThat(server.verify("REGISTER", authorization, users).outcome()).isEqualTo(Outcome.OK);

        DigestVerification replayed = server.verify("REGISTER", authorization, users);

        assertThat(replayed.outcome()).isEqualTo(Outcome.REPLAY);
    }

    @Test
    void reusingANonceWithAHigherCountIsAcceptedAndALowerOneIsReplay() {
        DigestClient client = DigestClient.withPassword(USER, PASSWORD);
        DigestChallenge c = challenge(DigestAlgorithm.SHA_256);
        String first =
                client.credentials(c, "REGISTER", REQUEST_URI).orElseThrow().toHeaderValue();
        String second =
                client.credentials(c, "REGISTER", REQUEST_URI).orElseThrow().toHeaderValue();

        assertThat(server.verify("REGISTER", second, users).outcome()).isEqualTo(Outcome.OK);
        assertThat(server.verify("REGISTER", first, users).outcome()).isEqualTo(Outcome.REPLAY);
    }

    @Test
    void evictedNonceHistoryIsStaleNotAcceptedAgain() {
        DigestServer tiny = DigestServer.builder(REALM, KEY)
                .clock(clock)
                .nonceCountTracker(new NonceCountTracker(1))
                .build();
        DigestClient client = DigestClient.withPassword(USER, PASSWORD);
        String first = answer(client, tiny);
        clock.advance(Duration.ofMillis(1));
        String second = answer(client, tiny);
        assertThat(tiny.verify("REGISTER", first, users).outcome()).isEqualTo(Outcome.OK);
        assertThat(tiny.verify("REGISTER", second, users).outcome()).isEqualTo(Outcome.OK); // evicts the first

        assertThat(tiny.verify("REGISTER", first, users).outcome()).isEqualTo(Outcome.STALE);
    }

    @Test
    void wrongRealmIsInvalid() {
        DigestChallenge c = challenge(DigestAlgorithm.SHA_256);
        DigestChallenge otherRealm = DigestChallenge.builder("atlanta.com", c.nonce())
                .algorithm(DigestAlgorithm.SHA_256)
                .qopOptions("auth")
                .build();
        String authorization = DigestClient.withPassword(USER, PASSWORD)
                .credentials(otherRealm, "REGISTER", REQUEST_URI)
                .orElseThrow()
                .toHeaderValue();

        DigestVerification result = server.verify("REGISTER", authorization, users);

        assertThat(result.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(result.reason()).isEqualTo("realm not served here");
    }

    @Test
    void algorithmNotOfferedIsInvalid() {
        DigestServer shaOnly = DigestServer.builder(REALM, KEY)
                .clock(clock)
                .algorithms(List.of(DigestAlgorithm.SHA_256))
                .build();
        DigestChallenge sha = shaOnly.newChallenges(false).get(0);
        DigestChallenge downgraded = DigestChallenge.builder(REALM, sha.nonce())
                .algorithm(DigestAlgorithm.MD5)
                .qopOptions("auth")
                .build();
        String authorization = DigestClient.withPassword(USER, PASSWORD)
                .credentials(downgraded, "REGISTER", REQUEST_URI)
                .orElseThrow()
                .toHeaderValue();

        assertThat(shaOnly.verify("REGISTER", authorization, users).reason()).isEqualTo("algorithm not offered");
    }

    @Test
    void responseWithoutQopIsInvalidByDefaultAndAcceptedWhenAllowed() {
        DigestServer md5 = DigestServer.builder(REALM, KEY)
                .clock(clock)
                .algorithms(List.of(DigestAlgorithm.MD5))
                .build();
        DigestChallenge offered = md5.newChallenges(false).get(0);
        DigestChallenge legacy = DigestChallenge.builder(REALM, offered.nonce()).build(); // RFC 2069 style
        String authorization = DigestClient.withPassword(USER, PASSWORD)
                .credentials(legacy, "REGISTER", REQUEST_URI)
                .orElseThrow()
                .toHeaderValue();

        assertThat(md5.verify("REGISTER", authorization, users).reason()).isEqualTo("qop missing");

        DigestServer lenient = DigestServer.builder(REALM, KEY)
                .clock(clock)
                .algorithms(List.of(DigestAlgorithm.MD5))
                .acceptResponsesWithoutQop(true)
                .build();
        assertThat(lenient.verify("REGISTER", authorization, users).outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void qopAuthIntIsInvalid() {
        DigestChallenge c = challenge(DigestAlgorithm.MD5);
        String ha1 = DigestCalculator.ha1(DigestAlgorithm.MD5, USER, REALM, PASSWORD);
        String authorization = DigestCredentials.builder(USER, REALM, c.nonce(), REQUEST_URI, ha1)
                .algorithm(DigestAlgorithm.MD5)
                .qop("auth-int")
                .cnonce("c")
                .nonceCount(1)
                .build()
                .toHeaderValue();
        assertThat(server.verify("REGISTER", authorization, users).reason()).isEqualTo("qop not offered");
    }

    @Test
    void userWithoutHa1ForTheAlgorithmIsInvalid() {
        Ha1Lookup md5Only = (u, r) -> Optional.of(
                StoredCredentials.fromPassword(USER, REALM, PASSWORD, java.util.Set.of(DigestAlgorithm.MD5)));
        String authorization = answer(DigestClient.withPassword(USER, PASSWORD), server); // SHA-256
        assertThat(server.verify("REGISTER", authorization, md5Only).outcome()).isEqualTo(Outcome.INVALID);
    }

    @Test
    void lookupIsNotConsultedWhenTheNonceIsForged() {
        AtomicInteger lookups = new AtomicInteger();
        String forged = "Digest username=\"bob\", realm=\"biloxi.com\", nonce=\"AAAA\", uri=\"sip:biloxi.com\","
                + " response=\"" + "0".repeat(64) + "\", algorithm=SHA-256, qop=auth, nc=00000001, cnonce=\"c\"";
        server.verify("REGISTER", forged, (u, r) -> {
            lookups.incrementAndGet();
            return Optional.empty();
        });
        assertThat(lookups).hasValue(0);
    }

    @Test
    void preFetchedCredentialsCanBeVerifiedForAsynchronousStores() {
        DigestCredentials credentials = DigestCredentials.parse(
                        answer(DigestClient.withPassword(USER, PASSWORD), server))
                .orElseThrow();
        Optional<StoredCredentials> stored = users.find(credentials.username(), credentials.realm());

        assertThat(server.verify("REGISTER", credentials, stored).outcome()).isEqualTo(Outcome.OK);
        assertThat(server.verify("REGISTER", credentials, Optional.empty()).outcome())
                .isEqualTo(Outcome.INVALID);
    }

    @Test
    void storedCredentialsOfAnotherUserAreNotAccepted() {
        DigestCredentials credentials = DigestCredentials.parse(
                        answer(DigestClient.withPassword("alice", PASSWORD), server))
                .orElseThrow();
        Optional<StoredCredentials> bobs = users.find(USER, REALM); // caller bug: wrong user fetched
        assertThat(server.verify("REGISTER", credentials, bobs).outcome()).isEqualTo(Outcome.INVALID);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "Digest",
                "Digest username=\"bob\", realm=\"biloxi.com\"",
                "Digest username=\"bob, realm=\"biloxi.com\", nonce=\"n\", uri=\"sip:x\", response=\"r\"",
                "Digest username=bob realm=biloxi.com",
                "Basic Ym9iOnphbnppYmFy",
                "NoOneKnowsThisScheme opaque-data=here",
                "Digest username=\"bob\", realm=\"biloxi.com\", nonce=\"!!!not-base64!!!\", uri=\"sip:x\","
                        + " response=\"00000000000000000000000000000000\", qop=auth, nc=00000001, cnonce=\"c\"",
                "Digest username=\"bob\", realm=\"biloxi.com\", nonce=\"n\", uri=\"sip:x\", response=\"short\","
                        + " qop=auth, nc=00000001, cnonce=\"c\"",
                "Digest username=\"bob\", realm=\"biloxi.com\", nonce=\"n\", uri=\"sip:x\","
                        + " response=\"00000000000000000000000000000000\", qop=auth",
                "\u0000\r\n\"",
            })
    void malformedCredentialsAreInvalidNeverAnException(String value) {
        assertThat(server.verify("REGISTER", value, users).outcome()).isEqualTo(Outcome.INVALID);
    }

    @Test
    void secretKeyShorterThan128BitsIsRefused() {
        assertThatThrownBy(() -> DigestServer.builder(REALM, new byte[15]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resultsNeverShowTheResponseDigest() {
        String authorization = answer(DigestClient.withPassword(USER, PASSWORD), server);
        String response = DigestCredentials.parse(authorization).orElseThrow().response();
        assertThat(server.verify("REGISTER", authorization, users).toString()).doesNotContain(response);
    }
}
