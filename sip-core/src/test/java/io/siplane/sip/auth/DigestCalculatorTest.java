package io.siplane.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DigestCalculatorTest {

    // RFC 7616 §3.9.1
    private static final String RFC7616_USER = "Mufasa";
    private static final String RFC7616_PASSWORD = "Circle of Life";
    private static final String RFC7616_REALM = "http-auth@example.org";
    private static final String RFC7616_NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private static final String RFC7616_CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    @Test
    void rfc7616Md5ExampleResponseIsReproduced() {
        String ha1 = DigestCalculator.ha1(DigestAlgorithm.MD5, RFC7616_USER, RFC7616_REALM, RFC7616_PASSWORD);
        String response = DigestCalculator.response(
                DigestAlgorithm.MD5, ha1, RFC7616_NONCE, "00000001", RFC7616_CNONCE, "auth", "GET", "/dir/index.html");
        assertThat(response).isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
    }

    @Test
    void rfc7616Sha256ExampleResponseIsReproduced() {
        String ha1 = DigestCalculator.ha1(DigestAlgorithm.SHA_256, RFC7616_USER, RFC7616_REALM, RFC7616_PASSWORD);
        String response = DigestCalculator.response(
                DigestAlgorithm.SHA_256,
                ha1,
                RFC7616_NONCE,
                "00000001",
                RFC7616_CNONCE,
                "auth",
                "GET",
                "/dir/index.html");
        assertThat(response).isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    @Test
    void rfc2617Md5QopAuthExampleResponseIsReproduced() {
        // RFC 2617 §3.5
        String ha1 = DigestCalculator.ha1(DigestAlgorithm.MD5, "Mufasa", "testrealm@host.com", "Circle Of Life");
        String response = DigestCalculator.response(
                DigestAlgorithm.MD5,
                ha1,
                "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                "00000001",
                "0a4f113b",
                "auth",
                "GET",
                "/dir/index.html");
        assertThat(response).isEqualTo("6629fae49393a05397450978507c4ef1");
    }

    @Test
    void withoutQopTheRfc2069FormulaIsUsed() {
        DigestAlgorithm md5 = DigestAlgorithm.MD5;
        String ha1 = DigestCalculator.ha1(md5, "bob", "biloxi.com", "zanzibar");
        String ha2 = md5.hash("INVITE:sip:bob@biloxi.com");
        assertThat(DigestCalculator.response(md5, ha1, "n0nce", null, null, null, "INVITE", "sip:bob@biloxi.com"))
                .isEqualTo(md5.hash(ha1 + ":n0nce:" + ha2));
    }

    @Test
    void sessionAlgorithmRekeysHa1WithNonceAndCnonce() {
        DigestAlgorithm sess = DigestAlgorithm.SHA_256_SESS;
        String ha1 = DigestCalculator.ha1(sess, "bob", "biloxi.com", "zanzibar");
        assertThat(ha1).isEqualTo(DigestCalculator.ha1(DigestAlgorithm.SHA_256, "bob", "biloxi.com", "zanzibar"));
        String sessionKey = sess.hash(ha1 + ":n:c");
        String ha2 = sess.hash("REGISTER:sip:biloxi.com");
        assertThat(DigestCalculator.response(sess, ha1, "n", "00000001", "c", "auth", "REGISTER", "sip:biloxi.com"))
                .isEqualTo(sess.hash(sessionKey + ":n:00000001:c:auth:" + ha2));
    }

    @Test
    void authIntIsRefusedExplicitlyBecauseTheBodyIsNotAvailable() {
        assertThatThrownBy(() -> DigestCalculator.response(
                        DigestAlgorithm.MD5, "00", "n", "00000001", "c", "auth-int", "INVITE", "sip:a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("auth-int");
    }

    @Test
    void qopAuthWithoutCnonceIsRefused() {
        assertThatThrownBy(() -> DigestCalculator.response(
                        DigestAlgorithm.MD5, "00", "n", "00000001", null, "auth", "INVITE", "sip:a"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void userhashIsHashOfUsernameAndRealm() {
        assertThat(DigestCalculator.userhash(DigestAlgorithm.SHA_256, "bob", "biloxi.com"))
                .isEqualTo(DigestAlgorithm.SHA_256.hash("bob:biloxi.com"));
    }
}
