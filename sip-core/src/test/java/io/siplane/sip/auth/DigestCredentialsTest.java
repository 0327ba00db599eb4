package io.siplane.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DigestCredentialsTest {

    private static final String RFC3261_EXAMPLE =
            "Digest username=\"bob\", realm=\"biloxi.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\","
                    + " uri=\"sip:bob@biloxi.com\", qop=auth, nc=00000001, cnonce=\"0a4f113b\","
                    + " response=\"6629fae49393a05397450978507c4ef1\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";

    @Test
    void rfc3261ExampleCredentialsParse() {
        // RFC 3261 §20.7
        DigestCredentials c = DigestCredentials.parse(RFC3261_EXAMPLE).orElseThrow();
        assertThat(c.username()).isEqualTo("bob");
        assertThat(c.realm()).isEqualTo("biloxi.com");
        assertThat(c.nonce()).isEqualTo("dcd98b7102dd2f0e8b11d0f600bfb0c093");
        assertThat(c.uri()).isEqualTo("sip:bob@biloxi.com");
        assertThat(c.qop()).contains("auth");
        assertThat(c.nonceCount()).contains("00000001");
        assertThat(c.nonceCountValue()).hasValue(1);
        assertThat(c.cnonce()).contains("0a4f113b");
        assertThat(c.response()).isEqualTo("6629fae49393a05397450978507c4ef1");
        assertThat(c.opaque()).contains("5ccc069c403ebaf9f0171e9517f40e41");
        assertThat(c.algorithm()).contains(DigestAlgorithm.MD5);
    }

    @Test
    void rfc4475UnknownAuthorizationSchemeIsNotDigestAndDoesNotThrow() {
        // RFC 4475 §3.3.7 (regaut01): well-formed, but not ours to verify
        assertThat(DigestCredentials.parse("NoOneKnowsThisScheme opaque-data=here"))
                .isEmpty();
    }

    @Test
    void quotedAndBareValuesOddWhitespaceAndFoldsAllParse() {
        String value = "DIGEST\tUserName = \"bob\" ,realm=biloxi.com,\r\n nonce=dcd98b7102dd2f0e8b11d0f600bfb0c093 ,"
                + "  uri=sip:bob@biloxi.com,\tqop=\"auth\", NC=0000000A, cnonce=0a4f113b,\r\n\t"
                + "response=6629FAE49393A05397450978507C4EF1, algorithm=\"md5\"  ";
        DigestCredentials c = DigestCredentials.parse(value).orElseThrow();
        assertThat(c.username()).isEqualTo("bob");
        assertThat(c.realm()).isEqualTo("biloxi.com");
        assertThat(c.uri()).isEqualTo("sip:bob@biloxi.com");
        assertThat(c.qop()).contains("auth");
        assertThat(c.nonceCount()).contains("0000000A");
        assertThat(c.nonceCountValue()).hasValue(10);
        assertThat(c.algorithm()).contains(DigestAlgorithm.MD5);
    }

    @Test
    void escapedCharactersInUsernameAreUnescaped() {
        DigestCredentials c = DigestCredentials.parse(
                        "Digest username=\"b\\\"o\\\\b\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"x\"")
                .orElseThrow();
        assertThat(c.username()).isEqualTo("b\"o\\b");
        assertThat(DigestCredentials.parse(c.toHeaderValue())).contains(c);
    }

    @Test
    void formattedCredentialsParseBackEqual() {
        DigestCredentials built = DigestCredentials.builder(
                        "alice", "atlanta.com", "n0nce", "sip:atlanta.com", "abcdef")
                .algorithm(DigestAlgorithm.SHA_256)
                .cnonce("c")
                .opaque("o")
                .qop("auth")
                .nonceCount(0x1f)
                .userhash(true)
                .otherParam("x-extra", "with space")
                .build();
        String value = built.toHeaderValue();
        assertThat(value)
                .startsWith(
                        "Digest username=\"alice\", realm=\"atlanta.com\", nonce=\"n0nce\", uri=\"sip:atlanta.com\"")
                .contains("algorithm=SHA-256")
                .contains("qop=auth")
                .contains("nc=0000001f")
                .contains("x-extra=\"with space\"");
        assertThat(DigestCredentials.parse(value)).contains(built);
    }

    @Test
    void toStringHidesTheResponseDigest() {
        DigestCredentials c = DigestCredentials.parse(RFC3261_EXAMPLE).orElseThrow();
        assertThat(c.toString())
                .doesNotContain("6629fae49393a05397450978507c4ef1")
                .contains("bob");
    }

    @Test
    void nonceCountOutsideEightHexDigitsIsRefusedByTheBuilder() {
        DigestCredentials.Builder b = DigestCredentials.builder("u", "r", "n", "sip:r", "x");
        assertThatThrownBy(() -> b.nonceCount(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.nonceCount(0x1_0000_0000L)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "Digest",
                "Digest username=\"bob\"",
                // each of the five mandatory directives missing in turn
                "Digest realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"x\"",
                "Digest username=\"u\", nonce=\"n\", uri=\"sip:r\", response=\"x\"",
                "Digest username=\"u\", realm=\"r\", uri=\"sip:r\", response=\"x\"",
                "Digest username=\"u\", realm=\"r\", nonce=\"n\", response=\"x\"",
                "Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"sip:r\"",
                // nc must be 8 hex digits
                "Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"x\", nc=1",
                "Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"x\", nc=0000000g",
                // syntax
                "Digest username=\"u, realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"x\"",
                "Digest username=u\"x\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"x\"",
                "Digest username=\"u\" realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"x\"",
                "Digest username=\"u\", username=\"v\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"x\"",
                "Digest username=\"u\nInjected: yes\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"x\"",
                "Basic Ym9iOnphbnppYmFy",
                "}{}{ garbage ===",
                "Digest \"username\"=\"u\""
            })
    void malformedCredentialsAreRejectedWithoutThrowing(String value) {
        assertThat(DigestCredentials.parse(value)).isEmpty();
    }
}
