package io.siplane.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.siplane.sip.message.syntax.Parameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one-pass readers take the usual forms and build exactly what the general scanner path builds. */
class SimpleSyntaxTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8",
                "SIP/2.0/udp 192.0.2.1:5060;branch=z9hG4bK74bf9;received=192.0.2.101;rport=5060",
                "SIP/2.0/TLS client.example.com:05061;branch=z9hG4bK-1;rport",
                "SIP/2.0/UDP h;received=2001:db8::9:255;ttl=1;maddr=239.255.255.1",
                "SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK56sdasks;%72port"
            })
    void viaUsualFormsMatchTheGeneralPath(String v) {
        Via fast = SimpleSyntax.via(v);
        assertThat(fast).isNotNull();
        Via general = Via.parseGeneral(v);
        assertThat(fast.transport()).isEqualTo(general.transport());
        assertThat(fast.host()).isEqualTo(general.host());
        assertThat(fast.port()).isEqualTo(general.port());
        assertSameParameters(fast.parameters(), general.parameters());
        assertThat(Via.parse(v).toString()).isEqualTo(v);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SIP / 2.0 / UDP h;branch=z9hG4bK1",
                "SIP/2.0/UDP  h;branch=z9hG4bK1",
                "SIP/2.0/UDP h ; branch = z9hG4bK1",
                "SIP/2.0/UDP [2001:db8::10]:5060;branch=z9hG4bK1",
                "SIP/2.0/UDP h;branch=\"quoted\"",
                "SIP/2.0/UDP h:65536;branch=z9hG4bK1",
                "SIP/2.0/UDP h:000005060;branch=z9hG4bK1",
                "SIP/2.0/UDP h;;branch=z9hG4bK1",
                "SIP/2.0/UDP h;branch=",
                "sip/2.0/UDP h;branch=z9hG4bK1",
                "SIP/2.0/UDP h;branch=z9hG4bK1 "
            })
    void viaOtherFormsAreLeftToTheGeneralPath(String v) {
        assertThat(SimpleSyntax.via(v)).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Alice <sip:alice@atlanta.com>;tag=1928301774",
                "Bob <sip:bob@biloxi.com>",
                "<sip:bob@biloxi.com>;tag=a6c85cf",
                "Bob\t<sip:bob@biloxi.com>",
                "Bob Smith   <sips:bob:secret@biloxi.com:5061;transport=tcp;lr>;expires=60;q=0.7",
                "<tel:+1-201-555-0123>;tag=x",
                "<sip:p1.example.com;lr>"
            })
    void nameAddressUsualFormsMatchTheGeneralPath(String v) {
        NameAddress fast = SimpleSyntax.nameAddress(v);
        assertThat(fast).isNotNull();
        NameAddress general = NameAddress.parseGeneral(v);
        assertThat(fast.displayName()).isEqualTo(general.displayName());
        assertThat(fast.uri().toString()).isEqualTo(general.uri().toString());
        assertThat(fast.uri()).isEqualTo(general.uri());
        assertSameParameters(fast.parameters(), general.parameters());
        assertThat(NameAddress.parse(v).toString()).isEqualTo(v);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"Alice\" <sip:alice@atlanta.com>;tag=1",
                "sip:alice@atlanta.com;tag=1",
                " <sip:alice@atlanta.com>",
                "<sip:alice@atlanta.com> ;tag=1",
                "<sip:alice@atlanta.com>;tag=\"q\"",
                "A:b <sip:alice@atlanta.com>",
                "<sip:alice@atlanta.com"
            })
    void nameAddressOtherFormsAreLeftToTheGeneralPath(String v) {
        assertThat(SimpleSyntax.nameAddress(v)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"314159 INVITE", "1 ACK", "0000000001 BYE", "2147483647 REGISTER"})
    void cseqUsualForms(String v) {
        CSeq c = CSeq.parse(v);
        String[] parts = v.split(" ");
        assertThat(c.number()).isEqualTo(Long.parseLong(parts[0]));
        assertThat(c.method()).isSameAs(SipMethod.valueOf(parts[1]));
    }

    private static void assertSameParameters(Parameters a, Parameters b) {
        assertThat(a.size()).isEqualTo(b.size());
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.name(i)).isEqualTo(b.name(i));
            assertThat(a.value(i)).isEqualTo(b.value(i));
        }
    }
}
