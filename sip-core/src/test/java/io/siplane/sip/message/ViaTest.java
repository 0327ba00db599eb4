package io.siplane.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siplane.sip.message.syntax.SipParseException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ViaTest {

    @ParameterizedTest
    @CsvSource({
        "UDP, 5060",
        "udp, 5060",
        "TCP, 5060",
        "TLS, 5061",
        "SCTP, 5060",
        "WS, 5060",
        "WSS, 5061",
        "UNKNOWN, 5060"
    })
    void parsesEveryTransportIncludingUnknownInUpperCase(String transport, int defaultPort) {
        // RFC 4475 §3.1.1.10 transports
        Via v = Via.parse("SIP/2.0/" + transport + " t4.example.com;branch=z9hG4bKasd0f3en");

        assertThat(v.transport()).isEqualTo(transport.toUpperCase());
        assertThat(v.host()).isEqualTo("t4.example.com");
        assertThat(v.port()).isEqualTo(-1);
        assertThat(v.portOrDefault()).isEqualTo(defaultPort);
        assertThat(v.branch()).isEqualTo("z9hG4bKasd0f3en");
    }

    @Test
    void parsesIpv6SentByWithPort() {
        // RFC 5118 §4.1
        Via v = Via.parse("SIP/2.0/UDP [2001:db8::9:1]:5070;branch=z9hG4bKas3-111");

        assertThat(v.host()).isEqualTo("[2001:db8::9:1]");
        assertThat(v.port()).isEqualTo(5070);
        assertThat(v.sentBy()).isEqualTo("[2001:db8::9:1]:5070");
    }

    @Test
    void parsesReceivedIpv6WithAndWithoutBrackets() {
        // RFC 5118 §4.5
        Via with = Via.parse("SIP/2.0/UDP [2001:db8::9:1];received=[2001:db8::9:255];branch=z9hG4bKas3-111");
        Via without = Via.parse("SIP/2.0/UDP [2001:db8::9:1];received=2001:db8::9:255;branch=z9hG4bKas3-111");

        assertThat(with.received()).isEqualTo("[2001:db8::9:255]");
        assertThat(without.received()).isEqualTo("2001:db8::9:255");
        assertThat(without.branch()).isEqualTo("z9hG4bKas3-111");
    }

    @Test
    void rportFlagAndValue() {
        Via flag = Via.parse("SIP/2.0/UDP 192.0.2.1;rport;branch=z9hG4bK1");
        Via value = Via.parse("SIP/2.0/UDP 192.0.2.1;rport=5061;branch=z9hG4bK1");
        Via none = Via.parse("SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1");

        assertThat(flag.hasRport()).isTrue();
        assertThat(flag.rport()).isEqualTo(-1);
        assertThat(value.hasRport()).isTrue();
        assertThat(value.rport()).isEqualTo(5061);
        assertThat(none.hasRport()).isFalse();
        assertThat(none.rport()).isEqualTo(-1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "+5", "65536", "99999999999", "abc"})
    void rejectsRportThatIsNoPort(String rport) {
        Via v = Via.parse("SIP/2.0/UDP 192.0.2.1;rport=" + rport + ";branch=z9hG4bK1");

        assertThatThrownBy(v::rport).isInstanceOf(SipParseException.class);
    }

    @Test
    void withReceivedAddsReceivedAndRportWhenAskedFor() {
        // RFC 3581 §4: received is added whenever rport is present, even if the address matches
        Via v = Via.parse("SIP/2.0/UDP 192.0.2.1:5060;rport;branch=z9hG4bK1").withReceived("192.0.2.1", 40000);

        assertThat(v.rport()).isEqualTo(40000);
        assertThat(v.received()).isEqualTo("192.0.2.1");
        assertThat(v).hasToString("SIP/2.0/UDP 192.0.2.1:5060;rport=40000;branch=z9hG4bK1;received=192.0.2.1");
    }

    @Test
    void withReceivedAddsReceivedOnlyWhenTheAddressDiffers() {
        // RFC 3261 §18.2.1
        Via same = Via.parse("SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1");
        Via other = Via.parse("SIP/2.0/UDP pc33.example.com;branch=z9hG4bK1");

        assertThat(same.withReceived("192.0.2.1", 5060)).isSameAs(same);
        assertThat(other.withReceived("192.0.2.1", 5060).received()).isEqualTo("192.0.2.1");
        assertThat(other.withReceived("192.0.2.1", 5060).hasRport()).isFalse();
    }

    @Test
    void withReceivedWritesIpv6WithoutBrackets() {
        // RFC 5118 §4.5
        Via v = Via.parse("SIP/2.0/UDP pc33.example.com;branch=z9hG4bK1").withReceived("[2001:db8::9:255]", 5060);

        assertThat(v.received()).isEqualTo("2001:db8::9:255");
        assertThat(Via.parse(v.toString()).received()).isEqualTo("2001:db8::9:255");
    }

    @Test
    void withReceivedLeavesIpv6SentByAloneWhenTheSourceMatches() {
        Via v = Via.parse("SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bK1");

        assertThat(v.withReceived("2001:db8::9:1", 5060)).isSameAs(v);
        assertThat(v.withReceived("[2001:DB8::9:1]", 5060)).isSameAs(v);
    }

    @Test
    void bareMagicCookieIsNoRfc3261Branch() {
        // RFC 4475 §3.2.1 badbranch
        assertThat(Via.parse("SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK").hasRfc3261Branch())
                .isFalse();
        assertThat(Via.parse("SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1").hasRfc3261Branch())
                .isTrue();
        assertThat(Via.parse("SIP/2.0/UDP 192.0.2.1;branch=390skdjuw").hasRfc3261Branch())
                .isFalse();
        assertThat(Via.parse("SIP/2.0/UDP 192.0.2.1").hasRfc3261Branch()).isFalse();
    }

    @Test
    void toleratesLinearWhitespaceAroundSlashesAndSeparators() {
        // RFC 4475 §3.1.1.1 wsinv, after unfolding
        Via v = Via.parse("SIP  /   2.0  /UDP    192.0.2.2;branch=390skdjuw");
        List<Via> list = Via.parseList("SIP  / 2.0  / TCP     spindle.example.com   ;   branch  =   z9hG4bK9ikj8  , "
                + "SIP  /    2.0   / UDP  192.168.255.111   ; branch= z9hG4bK30239");

        assertThat(v.transport()).isEqualTo("UDP");
        assertThat(v.host()).isEqualTo("192.0.2.2");
        assertThat(list).extracting(Via::transport).containsExactly("TCP", "UDP");
        assertThat(list).extracting(Via::branch).containsExactly("z9hG4bK9ikj8", "z9hG4bK30239");
        assertThat(list.get(1).host()).isEqualTo("192.168.255.111");
    }

    @Test
    void parsedViaSerialisesAsWrittenAndBuiltViaCanonically() {
        String wire = "SIP/2.0/UDP  host ; branch=z9hG4bK1";

        assertThat(Via.parse(wire)).hasToString(wire);
        assertThat(Via.of("udp", "192.0.2.1", 5060, "z9hG4bKabc", true))
                .hasToString("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKabc;rport");
        assertThat(Via.parse("SIP/2.0/TLS h:5061;branch=z9hG4bK2").withParameter("received", "192.0.2.9"))
                .hasToString("SIP/2.0/TLS h:5061;branch=z9hG4bK2;received=192.0.2.9");
    }

    @Test
    void badinv01ViaListIsRejected() {
        // RFC 4475 §3.1.2.1 badinv01
        assertThatThrownBy(() -> Via.parseList("SIP/2.0/UDP 192.0.2.15;;,;,,")).isInstanceOf(SipParseException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "SIP/2.0/UDP",
                "SIP/2.0/UDP ",
                "SIP/2.0 host",
                "SIP/3.0/UDP host",
                "XSIP/2.0/UDP host",
                "SIP/2.0/UDP host:99999",
                "SIP/2.0/UDP host:",
                "SIP/2.0/UDP 2001:db8::1",
                "SIP/2.0/UDP [2001:db8::1",
                "SIP/2.0/UDP host;branch=",
                "SIP/2.0/UDP host;;branch=z9hG4bK1",
                "SIP/2.0/UDP host extra",
                "SIP/2.0/UDP host;branch=z9hG4bK1,",
                "SIP/2.0/UDP 192.0.2.15;;"
            })
    void rejectsMalformedVias(String value) {
        assertThatThrownBy(() -> Via.parse(value)).isInstanceOf(SipParseException.class);
    }
}
