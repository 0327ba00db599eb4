package io.siplane.sip.message.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siplane.sip.message.syntax.SipParseException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SipUriTest {

    @Nested
    class Parsing {
        @Test
        void parsesEveryComponentOfAFullSipUri() {
            SipUri u = SipUri.parse("sip:alice:secretword@atlanta.com:5070;transport=tcp;lr;maddr=239.255.255.1"
                    + "?subject=project%20x&priority=urgent");

            assertThat(u.isSecure()).isFalse();
            assertThat(u.scheme()).isEqualTo("sip");
            assertThat(u.user()).isEqualTo("alice");
            assertThat(u.password()).isEqualTo("secretword");
            assertThat(u.host()).isEqualTo("atlanta.com");
            assertThat(u.port()).isEqualTo(5070);
            assertThat(u.transportParam()).isEqualTo("tcp");
            assertThat(u.isLooseRouting()).isTrue();
            assertThat(u.maddrParam()).isEqualTo("239.255.255.1");
            assertThat(u.headers()).isEqualTo("subject=project%20x&priority=urgent");
        }

        @Test
        void parsesSipsWithIpv4AndDefaultsPortTo5061() {
            SipUri u = SipUri.parse("sips:bob@192.0.2.4");

            assertThat(u.isSecure()).isTrue();
            assertThat(u.scheme()).isEqualTo("sips");
            assertThat(u.host()).isEqualTo("192.0.2.4");
            assertThat(u.port()).isEqualTo(SipUri.NO_PORT);
            assertThat(u.portOrDefault()).isEqualTo(5061);
            assertThat(SipUri.parse("sip:bob@192.0.2.4").portOrDefault()).isEqualTo(5060);
            assertThat(SipUri.parse("sip:bob@192.0.2.4;transport=TLS").portOrDefault())
                    .isEqualTo(5061);
        }

        @Test
        void parsesIpv6ReferenceWithPortKeepingBrackets() {
            // RFC 5118 §4.1
            SipUri u = SipUri.parse("sip:[2001:db8::10]:5070;transport=udp");

            assertThat(u.host()).isEqualTo("[2001:db8::10]");
            assertThat(u.port()).isEqualTo(5070);
            assertThat(u.user()).isNull();
        }

        @Test
        void parsesFlagParameterAsNullValueAndParameterNamesCaseInsensitively() {
            SipUri u = SipUri.parse("sip:proxy.example.com;LR;Transport=TCP");

            assertThat(u.isLooseRouting()).isTrue();
            assertThat(u.hasParameter("lr")).isTrue();
            assertThat(u.parameter("lr")).isNull();
            assertThat(u.transportParam()).isEqualTo("TCP");
        }

        @Test
        void schemeIsCaseInsensitiveAndKeptAsWritten() {
            SipUri u = SipUri.parse("SIP:ALICE@AtLanTa.CoM;Transport=udp");

            assertThat(u.scheme()).isEqualTo("sip");
            assertThat(u.user()).isEqualTo("ALICE");
            assertThat(u).hasToString("SIP:ALICE@AtLanTa.CoM;Transport=udp");
        }

        @Test
        void escapedAtBelongsToTheUserPart() {
            // RFC 4475 §3.1.1.9 semiuri
            SipUri u = SipUri.parse("sip:user;par=u%40example.net@example.com");

            assertThat(u.user()).isEqualTo("user;par=u%40example.net");
            assertThat(u.userDecoded()).isEqualTo("user;par=u@example.net");
            assertThat(u.host()).isEqualTo("example.com");
            assertThat(u.parameters().isEmpty()).isTrue();
        }

        @Test
        void escapedNulDecodesWithoutShorteningTheUser() {
            // RFC 4475 §3.1.1.4 escnull
            assertThat(SipUri.parse("sip:null-%00-null@example.com").userDecoded())
                    .isEqualTo("null-\0-null")
                    .hasSize(11);
            assertThat(SipUri.parse("sip:%00@host5.example.com").userDecoded()).isEqualTo("\0");
            assertThat(SipUri.parse("sip:%00%00@host5.example.com").userDecoded())
                    .hasSize(2);
        }

        @Test
        void escapedUserDecodesForComparisonOnly() {
            // RFC 4475 §3.1.1.3 esc01
            SipUri u = SipUri.parse("sip:%75se%72@example.com");

            assertThat(u.user()).isEqualTo("%75se%72");
            assertThat(u.userDecoded()).isEqualTo("user");
            assertThat(u.userAtHost()).isEqualTo("user@example.com");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "sip:2001:db8::10", // RFC 5118 §4.2: IPv6 without brackets
                    "sip:alice@2001:db8::10",
                    "sip:[2001:db8::10",
                    "sip:[2001:db8::1g]",
                    "sip:alice@atlanta.com:65536",
                    "sip:alice@atlanta.com:99999999999",
                    "sip:alice@atlanta.com:",
                    "sip:alice@atlanta.com:50a",
                    "sip:alice@atlanta.com:-1",
                    "sip:",
                    "sip:@atlanta.com",
                    "sip:alice@",
                    "sip:al ice@atlanta.com",
                    "sip:alice@atlanta.com;",
                    "sip:alice@atlanta.com;transport=",
                    "sip:alice@atlanta.com;=tcp",
                    "sip:alice@atlanta.com;tr<ansport=tcp",
                    "sip:alice@atlanta.com extra",
                    "sip:alice@atlanta.com?sub ject=x",
                    "sip:user@example.com>",
                    "sip:alice@atl%61nta.com"
                })
        void rejectsMalformedSipUris(String text) {
            assertThatThrownBy(() -> SipUri.parse(text)).isInstanceOf(SipParseException.class);
        }

        @Test
        void rejectsNonSipSchemeWhenASipUriIsRequired() {
            assertThatThrownBy(() -> SipUri.parse("tel:+1234")).isInstanceOf(SipParseException.class);
        }
    }

    @Nested
    class Serialising {
        @ParameterizedTest
        @ValueSource(
                strings = {
                    "sip:alice@atlanta.com",
                    "sips:alice:pw@atlanta.com:5061;transport=tls",
                    "sip:[2001:db8::10]:5070;lr",
                    "sip:+1-212-555-1212:1234@gateway.com;user=phone",
                    "sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
                    "sip:user;par=u%40example.net@example.com"
                })
        void parsedUriSerialisesAsWritten(String text) {
            assertThat(SipUri.parse(text)).hasToString(text);
        }

        @Test
        void modifiedCopySerialisesEveryComponent() {
            SipUri u = SipUri.parse("sip:alice:pw@[2001:db8::1]:5060;transport=tcp;lr?subject=x");

            assertThat(u.withPort(5070)).hasToString("sip:alice:pw@[2001:db8::1]:5070;transport=tcp;lr?subject=x");
            assertThat(u.withSecure(true).withoutHeaders().withoutParameter("transport"))
                    .hasToString("sips:alice:pw@[2001:db8::1]:5060;lr");
            assertThat(u.withUser(null)).hasToString("sip:[2001:db8::1]:5060;transport=tcp;lr?subject=x");
            assertThat(u.withParameter("maddr", "192.0.2.1").withHost("example.com"))
                    .hasToString("sip:alice:pw@example.com:5060;transport=tcp;lr;maddr=192.0.2.1?subject=x");
        }

        @Test
        void builtUriRoundTripsThroughParse() {
            SipUri built = SipUri.of("bob", "biloxi.example.com", 5080).withParameter("transport", "udp");

            assertThat(built).hasToString("sip:bob@biloxi.example.com:5080;transport=udp");
            assertThat(SipUri.parse(built.toString()).equivalentTo(built)).isTrue();
        }
    }

    @Nested
    class Rfc3261Section1914Comparison {
        @ParameterizedTest(name = "{0} == {1}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "sip:%61lice@atlanta.com;transport=TCP | sip:alice@AtLanTa.CoM;Transport=tcp",
                    "sip:carol@chicago.com | sip:carol@chicago.com;newparam=5",
                    "sip:carol@chicago.com | sip:carol@chicago.com;security=on",
                    "sip:carol@chicago.com;newparam=5 | sip:carol@chicago.com;security=on",
                    "sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com"
                            + " | sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com",
                    "sip:alice@atlanta.com?subject=project%20x&priority=urgent"
                            + " | sip:alice@atlanta.com?priority=urgent&subject=project%20x",
                    "sip:carol@chicago.com | sip:carol@chicago.com;security=off"
                })
        void equivalentPairs(String a, String b) {
            SipUri x = SipUri.parse(a), y = SipUri.parse(b);

            assertThat(x.equivalentTo(y)).isTrue();
            assertThat(y.equivalentTo(x)).isTrue();
            assertThat(x.hashCode()).isEqualTo(y.hashCode());
        }

        @ParameterizedTest(name = "{0} != {1}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "SIP:ALICE@AtLanTa.CoM;Transport=udp | sip:alice@AtLanTa.CoM;Transport=UDP",
                    "sip:bob@biloxi.com | sip:bob@biloxi.com:5060",
                    "sip:bob@biloxi.com | sip:bob@biloxi.com;transport=udp",
                    "sip:bob@biloxi.com | sip:bob@biloxi.com:6000;transport=tcp",
                    "sip:carol@chicago.com | sip:carol@chicago.com?Subject=next%20meeting",
                    "sip:bob@phone21.boxesbybob.com | sip:bob@192.0.2.4",
                    "sip:carol@chicago.com;security=on | sip:carol@chicago.com;security=off",
                    "sip:alice@atlanta.com | sips:alice@atlanta.com",
                    "sip:alice@atlanta.com | sip:atlanta.com",
                    "sip:alice:pw@atlanta.com | sip:alice@atlanta.com",
                    "sip:alice@atlanta.com;maddr=239.255.255.1 | sip:alice@atlanta.com",
                    "sip:alice@atlanta.com;user=phone | sip:alice@atlanta.com",
                    "sip:alice@atlanta.com;ttl=1 | sip:alice@atlanta.com",
                    "sip:alice@atlanta.com;method=INVITE | sip:alice@atlanta.com"
                })
        void nonEquivalentPairs(String a, String b) {
            SipUri x = SipUri.parse(a), y = SipUri.parse(b);

            assertThat(x.equivalentTo(y)).isFalse();
            assertThat(y.equivalentTo(x)).isFalse();
        }

        @Test
        void escapedParameterNamesAndValuesCompareAfterOneUnescaping() {
            // RFC 4475 §3.1.1.3 esc01: "value%41" is not "valueA"; unescaping is never recursive
            SipUri contact = SipUri.parse("sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31");

            assertThat(contact.equivalentTo(SipUri.parse("sip:caller@host5.example.net;lr;name=value%2541")))
                    .isTrue();
            assertThat(contact.equivalentTo(SipUri.parse("sip:caller@host5.example.net;lr;name=valueA")))
                    .isFalse();
            assertThat(SipUri.parse("sip:a@b;%74ransport=tcp").equivalentTo(SipUri.parse("sip:a@b")))
                    .isFalse();
            assertThat(SipUri.parse("sip:a@b;%74ransport=tcp").equivalentTo(SipUri.parse("sip:a@b;transport=TCP")))
                    .isTrue();
        }
    }

    @Nested
    class OtherSchemes {
        @Test
        void parsesGlobalTelUriAndComparesWithoutVisualSeparators() {
            Uri u = Uri.parse("tel:+1-201-555-0123");

            assertThat(u).isInstanceOf(TelUri.class);
            TelUri t = (TelUri) u;
            assertThat(t.isGlobal()).isTrue();
            assertThat(t.digits()).isEqualTo("+12015550123");
            assertThat(t).isEqualTo(Uri.parse("tel:+1.201.555.0123")).hasToString("tel:+1-201-555-0123");
            assertThat(u.isSip()).isFalse();
        }

        @Test
        void parsesLocalTelUriWithPhoneContext() {
            TelUri t = (TelUri) Uri.parse("tel:7042;phone-context=example.com");

            assertThat(t.isGlobal()).isFalse();
            assertThat(t.number()).isEqualTo("7042");
            assertThat(t.parameters().get("phone-context")).isEqualTo("example.com");
            assertThat(t).hasToString("tel:7042;phone-context=example.com");
        }

        @ParameterizedTest
        @ValueSource(strings = {"tel:", "tel:;phone-context=x", "tel:12 34", "tel:+1/234", "tel:123;"})
        void rejectsMalformedTelUris(String text) {
            assertThatThrownBy(() -> Uri.parse(text)).isInstanceOf(SipParseException.class);
        }

        @Test
        void unknownSchemesParseAsGenericUris() {
            // RFC 4475 §3.3.2 unkscm and §3.3.3 novelsc
            Uri a = Uri.parse("nobodyKnowsThisScheme:totallyopaquecontent");
            Uri b = Uri.parse("soap.beep://192.0.2.103:3002");

            assertThat(a).isInstanceOf(GenericUri.class).hasToString("nobodyKnowsThisScheme:totallyopaquecontent");
            assertThat(a.scheme()).isEqualTo("nobodyknowsthisscheme");
            assertThat(((GenericUri) a).schemeSpecificPart()).isEqualTo("totallyopaquecontent");
            assertThat(b).isInstanceOf(GenericUri.class);
            assertThat(b.scheme()).isEqualTo("soap.beep");
            assertThat(Uri.parse("urn:service:sos").scheme()).isEqualTo("urn");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "noscheme", ":x", "1sip:a@b", "s p:x", "http://a b", "mailto:<a>"})
        void rejectsTextThatIsNoUri(String text) {
            assertThatThrownBy(() -> Uri.parse(text)).isInstanceOf(SipParseException.class);
        }
    }
}
