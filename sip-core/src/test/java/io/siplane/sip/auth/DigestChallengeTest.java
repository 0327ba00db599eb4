package io.siplane.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DigestChallengeTest {

    @Test
    void rfc3261ExampleChallengeParses() {
        // RFC 3261 §20.44
        DigestChallenge c = DigestChallenge.parse(
                        "Digest realm=\"atlanta.com\", domain=\"sip:boxesbybob.com\", qop=\"auth\","
                                + " nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE,"
                                + " algorithm=MD5")
                .orElseThrow();
        assertThat(c.realm()).isEqualTo("atlanta.com");
        assertThat(c.domain()).containsExactly("sip:boxesbybob.com");
        assertThat(c.qopOptions()).containsExactly("auth");
        assertThat(c.offersQopAuth()).isTrue();
        assertThat(c.nonce()).isEqualTo("f84f1cec41e6cbe5aea9c8e88d359");
        assertThat(c.opaque()).contains("");
        assertThat(c.stale()).isFalse();
        assertThat(c.algorithm()).contains(DigestAlgorithm.MD5);
    }

    @Test
    void schemeAndParameterNamesAreMatchedWithoutCase() {
        DigestChallenge c = DigestChallenge.parse(
                        "dIgEsT REALM=\"a\", NoNcE=\"n\", Algorithm=sha-256, QOP=\"AUTH\", STALE=true")
                .orElseThrow();
        assertThat(c.realm()).isEqualTo("a");
        assertThat(c.nonce()).isEqualTo("n");
        assertThat(c.algorithm()).contains(DigestAlgorithm.SHA_256);
        assertThat(c.offersQopAuth()).isTrue();
        assertThat(c.stale()).isTrue();
    }

    @Test
    void quotedPairsAreUnescaped() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"say \\\"hi\\\" \\\\ bye\", nonce=\"a\\bc\"")
                .orElseThrow();
        assertThat(c.realm()).isEqualTo("say \"hi\" \\ bye");
        assertThat(c.nonce()).isEqualTo("abc");
    }

    @Test
    void commasAndEqualsInsideQuotedStringsAreData() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"a, b=c\", nonce=\"x=,y\", qop=\"auth,auth-int\"")
                .orElseThrow();
        assertThat(c.realm()).isEqualTo("a, b=c");
        assertThat(c.nonce()).isEqualTo("x=,y");
        assertThat(c.qopOptions()).containsExactly("auth", "auth-int");
    }

    @Test
    void foldedLinesTabsAndSpacesAroundEqualsParse() {
        DigestChallenge c = DigestChallenge.parse(
                        "  Digest\trealm = \"biloxi.com\" ,\r\n   nonce\t=\t\"n1\"  ,, qop=\" auth , auth-int \"\r\n\t,algorithm=MD5 ")
                .orElseThrow();
        assertThat(c.realm()).isEqualTo("biloxi.com");
        assertThat(c.nonce()).isEqualTo("n1");
        assertThat(c.qopOptions()).containsExactly("auth", "auth-int");
        assertThat(c.algorithm()).contains(DigestAlgorithm.MD5);
    }

    @Test
    void quotedAlgorithmAndUnquotedValuesAreAccepted() {
        DigestChallenge c = DigestChallenge.parse(
                        "Digest realm=biloxi.com, nonce=abc/def==, algorithm=\"SHA-256\", qop=auth")
                .orElseThrow();
        assertThat(c.realm()).isEqualTo("biloxi.com");
        assertThat(c.nonce()).isEqualTo("abc/def==");
        assertThat(c.algorithm()).contains(DigestAlgorithm.SHA_256);
        assertThat(c.offersQopAuth()).isTrue();
    }

    @Test
    void unknownAlgorithmIsKeptButNotUsable() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"a\", nonce=\"n\", algorithm=SHA-3")
                .orElseThrow();
        assertThat(c.algorithm()).isEmpty();
        assertThat(c.algorithmToken()).contains("SHA-3");
    }

    @Test
    void absentAlgorithmMeansMd5() {
        DigestChallenge c =
                DigestChallenge.parse("Digest realm=\"a\", nonce=\"n\"").orElseThrow();
        assertThat(c.algorithm()).contains(DigestAlgorithm.MD5);
        assertThat(c.algorithmToken()).isEmpty();
        assertThat(c.qopOptions()).isEmpty();
    }

    @Test
    void unknownParametersAreKeptAndWrittenBack() {
        DigestChallenge c = DigestChallenge.parse(
                        "Digest realm=\"a\", nonce=\"n\", charset=UTF-8, X-Note=\"two words\"")
                .orElseThrow();
        assertThat(c.otherParams()).containsEntry("charset", "UTF-8").containsEntry("X-Note", "two words");
        assertThat(c.toHeaderValue()).contains("charset=UTF-8").contains("X-Note=\"two words\"");
        assertThat(DigestChallenge.parse(c.toHeaderValue())).contains(c);
    }

    @Test
    void formattedChallengeParsesBackEqual() {
        DigestChallenge built = DigestChallenge.builder("realm \"with\" quotes\\", "nonce-1")
                .opaque("op")
                .stale(true)
                .algorithm(DigestAlgorithm.SHA_512_256)
                .qopOptions("auth", "auth-int")
                .domain(List.of("sip:a.example.com", "sip:b.example.com"))
                .userhash(true)
                .otherParam("charset", "UTF-8")
                .build();
        String value = built.toHeaderValue();
        assertThat(value)
                .startsWith("Digest realm=\"realm \\\"with\\\" quotes\\\\\"")
                .contains("stale=TRUE")
                .contains("algorithm=SHA-512-256")
                .contains("qop=\"auth,auth-int\"");
        assertThat(DigestChallenge.parse(value)).contains(built);
    }

    @Test
    void builderRefusesCrlfSoNoHeaderCanBeInjected() {
        assertThatThrownBy(() -> DigestChallenge.builder("a\r\nVia: evil", "n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "   ",
                "Digest",
                "Digest ",
                "Digest realm",
                "Digest realm=",
                "Digest realm=\"unterminated, nonce=\"n\"",
                "Digest realm=\"a\" nonce=\"n\"",
                "Digest realm=\"a\", nonce=\"n\" trailing",
                "Digest realm=\"a\", realm=\"b\", nonce=\"n\"",
                "Digest nonce=\"n\"",
                "Digest realm=\"a\"",
                "Digest realm=a\"b, nonce=n",
                "Digest =\"a\", nonce=\"n\"",
                "Digest realm=\"a\r\n\", nonce=\"n\"",
                "Digest realm=\"a\\",
                "Digest ,,,,,",
                "Digestrealm=\"a\", nonce=\"n\"",
                "Basic realm=\"a\"",
                "NoOneKnowsThisScheme opaque-data=here",
                "\u0000\u0001garbage\u00ff",
                "\"\"\"\"",
                "Digest realm=\"a\", nonce=\"n\", Digest realm=\"b\", nonce=\"m\""
            })
    void malformedChallengesAreRejectedWithoutThrowing(String value) {
        assertThat(DigestChallenge.parse(value)).isEmpty();
    }

    static Stream<String> oversizedValues() {
        return Stream.of(
                "Digest realm=\"" + "a".repeat(AuthParams.MAX_VALUE_LENGTH) + "\", nonce=\"n\"",
                "Digest realm=\"a\", nonce=\"n\""
                        + IntStream.range(0, AuthParams.MAX_PARAMETERS)
                                .mapToObj(i -> ", p" + i + "=1")
                                .collect(Collectors.joining()));
    }

    @ParameterizedTest
    @MethodSource("oversizedValues")
    void valuesBeyondTheLimitsAreRejected(String value) {
        assertThat(DigestChallenge.parse(value)).isEmpty();
    }
}
