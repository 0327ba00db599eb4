package io.siplane.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AorKeyTest {

    @ParameterizedTest
    @CsvSource({
        "sip:alice@example.com, sip:alice@example.com",
        "SIP:Alice@EXAMPLE.COM, sip:Alice@example.com",
        "sips:alice@example.com, sip:alice@example.com",
        "sip:alice@example.com:5070, sip:alice@example.com:5070",
        "sip:alice@example.com;transport=tcp?subject=x, sip:alice@example.com",
        "sip:%61lice@example.com, sip:alice@example.com",
        "sip:+4930123;phone-context=x@example.com, sip:+4930123;phone-context=x@example.com",
        "sip:alice@[2001:DB8::1], sip:alice@[2001:db8::1]",
        "sip:alice@192.0.2.1, sip:alice@192.0.2.1",
        // the registrar's normal form (RFC 4475 §3.1.1.4: an escaped NUL or LF is part of the user, never cut)
        "sip:null-%00-null@example.com, sip:null-%00-null@example.com",
        "sip:al%0aice@example.com, sip:al%0Aice@example.com",
        "sip:%6Cice@Example.COM, sip:lice@example.com",
        "sip:%E2%82%AC@example.com, sip:%E2%82%AC@example.com"
    })
    void canonicalFormLowerCasesSchemeAndHostKeepsUserAndDropsParameters(String aor, String key) {
        assertThat(AorKey.canonical(aor)).isEqualTo(key);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "alice@example.com",
                "tel:+4930123456",
                "sip:example.com",
                "sip:@example.com",
                "sip:alice@",
                "sip:alice@exa mple.com",
                "sip:alice@example.com:port",
                "sip:al%zzice@example.com",
                "sip:al ice@example.com"
            })
    void notAnAorIsRejectedWithAReason(String aor) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AorKey.canonical(aor))
                .withMessageContaining("AOR");
    }
}
