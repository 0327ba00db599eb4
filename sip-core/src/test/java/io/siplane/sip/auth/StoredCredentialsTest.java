package io.siplane.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredCredentialsTest {

    @Test
    void fromPasswordHoldsHa1ForEveryPlainAlgorithm() {
        StoredCredentials stored = StoredCredentials.fromPassword("bob", "biloxi.com", "zanzibar");
        for (DigestAlgorithm algorithm : StoredCredentials.ALL_PLAIN_ALGORITHMS) {
            assertThat(stored.ha1(algorithm))
                    .contains(DigestCalculator.ha1(algorithm, "bob", "biloxi.com", "zanzibar"));
        }
    }

    @Test
    void sessionAlgorithmUsesTheHa1OfItsBase() {
        StoredCredentials stored = StoredCredentials.fromPassword("bob", "biloxi.com", "zanzibar");
        assertThat(stored.ha1(DigestAlgorithm.MD5_SESS)).isEqualTo(stored.ha1(DigestAlgorithm.MD5));
    }

    @Test
    void toStringNamesAlgorithmsButNeverHa1() {
        StoredCredentials stored = StoredCredentials.fromPassword("bob", "biloxi.com", "zanzibar");
        String text = stored.toString();
        stored.ha1ByAlgorithm().values().forEach(ha1 -> assertThat(text).doesNotContain(ha1));
        assertThat(text).contains("bob", "biloxi.com", "SHA-256");
    }

    @Test
    void somethingThatIsNotAHexDigestIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> new StoredCredentials("bob", "biloxi.com", Map.of(DigestAlgorithm.MD5, "zanzibar")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("zanzibar");
    }

    @Test
    void sessionAlgorithmKeysAreRefused() {
        String ha1 = DigestCalculator.ha1(DigestAlgorithm.MD5, "bob", "biloxi.com", "zanzibar");
        assertThatThrownBy(() -> new StoredCredentials("bob", "biloxi.com", Map.of(DigestAlgorithm.MD5_SESS, ha1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void uppercaseHa1IsStoredLowercase() {
        String ha1 = DigestCalculator.ha1(DigestAlgorithm.MD5, "bob", "biloxi.com", "zanzibar");
        StoredCredentials stored =
                new StoredCredentials("bob", "biloxi.com", Map.of(DigestAlgorithm.MD5, ha1.toUpperCase()));
        assertThat(stored.ha1(DigestAlgorithm.MD5)).contains(ha1);
    }
}
