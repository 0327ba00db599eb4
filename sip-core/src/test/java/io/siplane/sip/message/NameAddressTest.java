package io.siplane.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siplane.sip.message.syntax.Parameters;
import io.siplane.sip.message.syntax.SipParseException;
import io.siplane.sip.message.uri.SipUri;
import io.siplane.sip.message.uri.TelUri;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NameAddressTest {

    @Test
    void quotedDisplayNameKeepsEscapesAndUnquotes() {
        NameAddress na = NameAddress.parse("\"\\\"Bob\\\" \\\\ Smith\" <sip:bob@biloxi.com>;tag=a6c85cf");

        assertThat(na.displayName()).isEqualTo("\"\\\"Bob\\\" \\\\ Smith\"");
        assertThat(na.displayNameUnquoted()).isEqualTo("\"Bob\" \\ Smith");
        assertThat(na.sipUri().user()).isEqualTo("bob");
        assertThat(na.tag()).isEqualTo("a6c85cf");
    }

    @Test
    void wsinvQuotedDisplayNameWithEscapedBackslashAndQuote() {
        // RFC 4475 §3.1.1.1 wsinv, after unfolding
        NameAddress na = NameAddress.parse("\"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com> ;  tag = 98asjd8");

        assertThat(na.displayNameUnquoted()).isEqualTo("J Rosenberg \\\"");
        assertThat(na.tag()).isEqualTo("98asjd8");
    }

    @Test
    void tokenDisplayNameWithoutWhitespaceBeforeBracket() {
        // RFC 4475 §3.1.1.6 lwsdisp
        NameAddress na = NameAddress.parse("caller<sip:caller@example.com>;tag=323");

        assertThat(na.displayName()).isEqualTo("caller");
        assertThat(na.sipUri().user()).isEqualTo("caller");
        assertThat(na.tag()).isEqualTo("323");
    }

    @Test
    void multiTokenDisplayName() {
        assertThat(NameAddress.parse("Bob Smith <sip:bob@example.com>").displayName())
                .isEqualTo("Bob Smith");
    }

    @Test
    void addrSpecParametersBelongToTheHeader() {
        // RFC 3261 §20.10: without angle brackets, parameters after the URI are header parameters
        NameAddress na = NameAddress.parse("sip:a@b;tag=x");

        assertThat(na.tag()).isEqualTo("x");
        assertThat(na.sipUri().parameters().isEmpty()).isTrue();
        assertThat(na.sipUri()).hasToString("sip:a@b");
        assertThat(na.displayName()).isNull();
    }

    @Test
    void bracketedUriParametersStayInTheUri() {
        NameAddress na = NameAddress.parse("<sip:a@b;transport=tcp>;q=0.5");

        assertThat(na.sipUri().transportParam()).isEqualTo("tcp");
        assertThat(na.parameters().has("transport")).isFalse();
        assertThat(na.q()).isEqualTo(0.5f);
    }

    @Test
    void unknownParamOfAddrSpecContactIsAHeaderParameter() {
        // RFC 4475 §3.3.12 cparam01 vs §3.3.13 cparam02
        NameAddress addrSpec = NameAddress.parse("sip:+19725552222@gw1.example.net;unknownparam");
        NameAddress nameAddr = NameAddress.parse("<sip:+19725552222@gw1.example.net;unknownparam>");

        assertThat(addrSpec.parameters().has("unknownparam")).isTrue();
        assertThat(addrSpec.sipUri().hasParameter("unknownparam")).isFalse();
        assertThat(nameAddr.parameters().has("unknownparam")).isFalse();
        assertThat(nameAddr.sipUri().hasParameter("unknownparam")).isTrue();
    }

    @Test
    void outboundInstanceIdAndRegId() {
        // RFC 5626 §4.2
        NameAddress na = NameAddress.parse("<sip:line1@192.0.2.2;transport=tcp>; reg-id=1;"
                + " +sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\"");

        assertThat(na.regId()).isEqualTo(1);
        assertThat(na.instanceId()).isEqualTo("<urn:uuid:00000000-0000-1000-8000-000A95A0E128>");
        assertThat(NameAddress.parse("<sip:a@b>").regId()).isEqualTo(-1);
        assertThat(NameAddress.parse("<sip:a@b>").instanceId()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "0.5, 0.5", "0.333, 0.333", "1, 1", "1.0, 1", "1.000, 1", "0., 0"})
    void parsesValidQValues(String q, float expected) {
        assertThat(NameAddress.parse("<sip:a@b>;q=" + q).q()).isEqualTo(expected);
    }

    @Test
    void qDefaultsToOne() {
        assertThat(NameAddress.parse("<sip:a@b>").q()).isEqualTo(1.0f);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "2", "-0.5", "0.1234", "NaN", ".5", "1f", "0.5d", "1.001", "abc", "\"0.5\""})
    void rejectsInvalidQValues(String q) {
        // RFC 3261 §25.1: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
        NameAddress na = NameAddress.parse("<sip:a@b>;q=" + q);

        assertThatThrownBy(na::q).isInstanceOf(SipParseException.class);
    }

    @Test
    void expiresSaturatesInsteadOfOverflowing() {
        assertThat(NameAddress.parse("<sip:a@b>;expires=949302838503028349304023988")
                        .expires())
                .isEqualTo(Integer.MAX_VALUE);
        assertThat(NameAddress.parse("<sip:a@b>;expires=3600").expires()).isEqualTo(3600);
        assertThat(NameAddress.parse("<sip:a@b>").expires()).isEqualTo(-1);
        assertThatThrownBy(() -> NameAddress.parse("<sip:a@b>;expires=soon").expires())
                .isInstanceOf(SipParseException.class);
    }

    @Test
    void uriHeadersInsideBracketsAreKept() {
        // RFC 4475 §3.3.14 regescrt: escaped headers inside angle brackets are legal
        NameAddress na = NameAddress.parse("<sip:user@example.com?Route=%3Csip:sip.example.com%3E>");

        assertThat(na.sipUri().headers()).isEqualTo("Route=%3Csip:sip.example.com%3E");
    }

    @Test
    void nonSipUriIsKeptAndSipUriAccessorRefuses() {
        NameAddress na = NameAddress.parse("<tel:+1-201-555-0123>;tag=1");

        assertThat(na.uri()).isInstanceOf(TelUri.class);
        assertThatThrownBy(na::sipUri).isInstanceOf(SipParseException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"Mr. J. User <sip:j.user@example.com>", // RFC 4475 quotbal: unterminated quote
                "\"Watson, Thomas\" < sip:t.watson@example.org >", // RFC 4475 badaspec
                "<sip:user@example.com ;transport=udp>",
                "sip:user@example.com?Route=%3Csip:sip.example.com%3E", // RFC 4475 regbadct
                "Bell, Alexander <sip:a.g.bell@example.com>;tag=43", // RFC 4475 baddn
                "\"Joe\" <sip:joe@example.org>;;;;", // RFC 4475 badinv01
                "<sip:a@b",
                "<sip:a@b> trailing",
                "\"Bob\" sip:bob@example.com",
                "",
                "<>",
                "<sip:a@b>;tag=",
                "Joe@home <sip:joe@example.org>"
            })
    void rejectsMalformedAddresses(String value) {
        assertThatThrownBy(() -> NameAddress.parse(value)).isInstanceOf(SipParseException.class);
    }

    @Test
    void parsesListWithCommasInsideQuotesAndBrackets() {
        List<NameAddress> list =
                NameAddress.parseList("<sip:a@b;lr>, \"Smith, J\" <sip:c@d?x=y>;q=0.1 ,sip:e@f;expires=0");

        assertThat(list).hasSize(3);
        assertThat(list.get(1).displayNameUnquoted()).isEqualTo("Smith, J");
        assertThat(list.get(2).expires()).isZero();
    }

    @Test
    void parsedValueSerialisesAsWrittenAndBuiltValueInNameAddrForm() {
        assertThat(NameAddress.parse("  sip:a@b;tag=x ")).hasToString("sip:a@b;tag=x");
        assertThat(new NameAddress("\"Alice\"", SipUri.parse("sip:alice@atlanta.com;lr"), Parameters.of("tag", "1")))
                .hasToString("\"Alice\" <sip:alice@atlanta.com;lr>;tag=1");
        // a URI parameter must never turn into a header parameter when an addr-spec is re-serialised
        assertThat(NameAddress.parse("sip:a@b;tag=x").withTag("y")).hasToString("<sip:a@b>;tag=y");
    }

    @Test
    void equalityComparesUriAndParametersNotDisplayName() {
        assertThat(NameAddress.parse("\"A\" <sip:a@B>;TAG=1")).isEqualTo(NameAddress.parse("sip:a@b;tag=1"));
        assertThat(NameAddress.parse("<sip:a@b>;tag=1")).isNotEqualTo(NameAddress.parse("<sip:a@b>;tag=2"));
    }
}
