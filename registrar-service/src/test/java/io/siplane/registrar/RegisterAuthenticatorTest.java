package io.siplane.registrar;

import static io.siplane.registrar.SipMessages.register;
import static org.assertj.core.api.Assertions.assertThat;

import io.siplane.sip.auth.DigestClient;
import io.siplane.sip.auth.DigestServer;
import io.siplane.sip.auth.StoredCredentials;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 3261 §10.3 steps 3–4 with RFC 7616 stale nonces, without a container. */
class RegisterAuthenticatorTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private final RegisterAuthenticator auth = new RegisterAuthenticator(
            DigestServer.builder("example.com", new byte[32]).clock(clock).build(),
            aor -> aor.equals("sip:alice@example.com")
                    ? Optional.of(StoredCredentials.fromPassword("alice", "example.com", "pw"))
                    : Optional.empty());

    private String answer(SipResponse challenge) {
        return DigestClient.withPassword("alice", "pw")
                .authorization(challenge.headerValues(HeaderName.WWW_AUTHENTICATE), "REGISTER", "sip:example.com")
                .orElseThrow();
    }

    private RegisterAuthenticator.Decision.Refused refused(RegisterAuthenticator.Decision d) {
        assertThat(d).isInstanceOf(RegisterAuthenticator.Decision.Refused.class);
        return (RegisterAuthenticator.Decision.Refused) d;
    }

    @Test
    void expiredNonceWithTheRightDigestIsChallengedWithStaleTrue() {
        SipResponse challenge = refused(
                        auth.authenticate(register("sip:alice@example.com", "s1", 1), "sip:alice@example.com"))
                .response();
        String authorization = answer(challenge);
        now = now.plus(DigestServer.DEFAULT_NONCE_LIFETIME).plus(Duration.ofSeconds(1));
        RegisterAuthenticator.Decision.Refused r = refused(auth.authenticate(
                register("sip:alice@example.com", "s1", 2, "Authorization: " + authorization),
                "sip:alice@example.com"));
        assertThat(r.stale()).isTrue();
        assertThat(r.response().status()).isEqualTo(401);
        assertThat(r.response().headerValues(HeaderName.WWW_AUTHENTICATE))
                .allMatch(v -> v.toLowerCase(java.util.Locale.ROOT).contains("stale=true"));
    }

    @Test
    void rightCredentialsAreAuthorisedForTheirOwnAor() {
        SipResponse challenge = refused(
                        auth.authenticate(register("sip:alice@example.com", "s2", 1), "sip:alice@example.com"))
                .response();
        assertThat(auth.authenticate(
                        register("sip:alice@example.com", "s2", 2, "Authorization: " + answer(challenge)),
                        "sip:alice@example.com"))
                .isEqualTo(new RegisterAuthenticator.Decision.Authorized("sip:alice@example.com"));
    }

    @Test
    void anAuthorizationForAnotherRealmIsIgnoredAndChallenged() {
        RegisterAuthenticator.Decision.Refused r = refused(auth.authenticate(
                register(
                        "sip:alice@example.com",
                        "s3",
                        1,
                        "Authorization: Digest username=\"alice\", realm=\"other.org\", nonce=\"x\", uri=\"sip:example.com\", response=\"00\""),
                "sip:alice@example.com"));
        assertThat(r.challenge()).isTrue();
        assertThat(r.stale()).isFalse();
    }
}
