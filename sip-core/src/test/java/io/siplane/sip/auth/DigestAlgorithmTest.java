package io.siplane.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DigestAlgorithmTest {

    @Test
    void tokensAreMatchedWithoutCase() {
        assertThat(DigestAlgorithm.fromToken("sha-256")).contains(DigestAlgorithm.SHA_256);
        assertThat(DigestAlgorithm.fromToken("SHA-512-256")).contains(DigestAlgorithm.SHA_512_256);
        assertThat(DigestAlgorithm.fromToken("md5-SESS")).contains(DigestAlgorithm.MD5_SESS);
    }

    @Test
    void absentAlgorithmMeansMd5AsRfc3261Says() {
        assertThat(DigestAlgorithm.fromToken(null)).contains(DigestAlgorithm.MD5);
    }

    @Test
    void unknownAlgorithmIsEmptySoTheChallengeCanBeIgnored() {
        assertThat(DigestAlgorithm.fromToken("SHA-3")).isEmpty();
        assertThat(DigestAlgorithm.fromToken("")).isEmpty();
    }

    @Test
    void sha512_256IsTheFips180_4AlgorithmNotATruncatedSha512() {
        // FIPS 180-4 example: SHA-512/256("abc")
        assertThat(DigestAlgorithm.SHA_512_256.hash("abc"))
                .isEqualTo("53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23");
    }

    @Test
    void hashesAreLowercaseHexOfTheUtf8Bytes() {
        assertThat(DigestAlgorithm.MD5.hash("")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(DigestAlgorithm.SHA_256.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(DigestAlgorithm.MD5.hexLength()).isEqualTo(32);
        assertThat(DigestAlgorithm.SHA_512_256.hexLength()).isEqualTo(64);
    }

    @Test
    void sessionVariantsStoreUnderTheirBaseAndRankBelowIt() {
        assertThat(DigestAlgorithm.SHA_256_SESS.base()).isEqualTo(DigestAlgorithm.SHA_256);
        assertThat(DigestAlgorithm.SHA_256_SESS.isSession()).isTrue();
        assertThat(DigestAlgorithm.SHA_256.preference()).isGreaterThan(DigestAlgorithm.SHA_256_SESS.preference());
        assertThat(DigestAlgorithm.SHA_256_SESS.preference()).isGreaterThan(DigestAlgorithm.MD5.preference());
        assertThat(DigestAlgorithm.SHA_512_256.preference()).isGreaterThan(DigestAlgorithm.SHA_256.preference());
    }
}
