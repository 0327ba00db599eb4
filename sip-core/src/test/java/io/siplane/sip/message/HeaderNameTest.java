package io.siplane.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderNameTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "v, Via",
        "f, From",
        "t, To",
        "i, Call-ID",
        "m, Contact",
        "l, Content-Length",
        "c, Content-Type",
        "k, Supported",
        "s, Subject",
        "e, Content-Encoding",
        "o, Event",
        "r, Refer-To",
        "b, Referred-By",
        "x, Session-Expires",
        "u, Allow-Events",
        "y, Identity",
        "a, Accept-Contact",
        "j, Reject-Contact",
        "d, Request-Disposition"
    })
    void everyCompactFormMapsToItsLongFormInEitherCase(char compact, String longName) {
        HeaderName h = HeaderName.of(longName);

        assertThat(h.isRegistered()).isTrue();
        assertThat(h.compactForm()).isEqualTo(compact);
        assertThat(HeaderName.of(String.valueOf(compact))).isSameAs(h);
        assertThat(HeaderName.of(String.valueOf(Character.toUpperCase(compact))))
                .isSameAs(h);
        byte[] b = {(byte) compact};
        assertThat(HeaderName.lookup(b, 0, 1)).isSameAs(h);
    }

    @Test
    void everyRegisteredConstantIsFoundByItsLongNameInAnyCase() throws IllegalAccessException {
        int count = 0;
        for (Field f : HeaderName.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() != HeaderName.class) continue;
            HeaderName h = (HeaderName) f.get(null);
            for (String spelling :
                    new String[] {h.name(), h.name().toUpperCase(), h.name().toLowerCase()}) {
                byte[] b = spelling.getBytes(StandardCharsets.US_ASCII);
                assertThat(HeaderName.lookup(b, 0, b.length)).as(spelling).isSameAs(h);
            }
            count++;
        }
        assertThat(count).isGreaterThan(50);
    }

    @Test
    void looksUpLongNamesCaseInsensitivelyFromBytesInsideABuffer() {
        byte[] line = "cOnTeNt-LeNgTh: 0\r\nMaX-fOrWaRdS: 70".getBytes(StandardCharsets.US_ASCII);

        assertThat(HeaderName.lookup(line, 0, 14)).isSameAs(HeaderName.CONTENT_LENGTH);
        assertThat(HeaderName.lookup(line, 19, 12)).isSameAs(HeaderName.MAX_FORWARDS);
        assertThat(HeaderName.lookup(line, 0, 13)).isNull();
        assertThat(HeaderName.of("www-authenticate")).isSameAs(HeaderName.WWW_AUTHENTICATE);
        assertThat(HeaderName.of("CSEQ").name()).isEqualTo("CSeq");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NewFangledHeader", "X-Custom", "z", "Vias", "Contact-Length", "C%6Fntact"})
    void unknownNamesKeepTheirSpellingAndAreNotRegistered(String name) {
        HeaderName h = HeaderName.of(name);
        byte[] b = name.getBytes(StandardCharsets.US_ASCII);

        assertThat(h.isRegistered()).isFalse();
        assertThat(h.name()).isEqualTo(name);
        assertThat(h.compactForm()).isEqualTo((char) 0);
        assertThat(HeaderName.lookup(b, 0, b.length)).isNull();
        assertThat(HeaderName.of(name)).isNotSameAs(h).isEqualTo(h);
        assertThat(HeaderName.of(name.toUpperCase())).isEqualTo(h).hasSameHashCodeAs(h);
    }

    @Test
    void compactAndLongFormsAreEqual() {
        assertThat(HeaderName.of("v")).isEqualTo(HeaderName.of("VIA")).hasSameHashCodeAs(HeaderName.VIA);
        assertThat(HeaderName.of("l")).hasToString("Content-Length");
    }
}
