package io.siplane.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siplane.sip.message.uri.SipUri;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SipMessageBuilderTest {

    private static SipRequest.Builder invite() {
        return SipRequest.builder(SipMethod.INVITE, SipUri.parse("sip:bob@biloxi.com"))
                .add(HeaderName.VIA, "SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds")
                .add(HeaderName.MAX_FORWARDS, "70")
                .add(HeaderName.TO, "Bob <sip:bob@biloxi.com>")
                .add(HeaderName.FROM, "Alice <sip:alice@atlanta.com>;tag=1928301774")
                .add(HeaderName.CALL_ID, "a84b4c76e66710@pc33.atlanta.com")
                .add(HeaderName.CSEQ, "314159 INVITE");
    }

    /** A field as a parser would hand it over: bytes kept, here with a compact name and a folded value. */
    private static HeaderField wire(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        int colon = line.indexOf(':');
        int valueStart = colon + 1;
        while (b[valueStart] == ' ') valueStart++;
        HeaderName name = HeaderName.lookup(b, 0, colon);
        return HeaderField.fromWire(name, b, 0, valueStart, b.length);
    }

    @Test
    void buildAddsContentLengthMatchingTheBodyInBytes() {
        byte[] body = "v=0\r\ns=café\r\n".getBytes(StandardCharsets.UTF_8);
        SipRequest r = invite().body(MediaType.APPLICATION_SDP, body).build();

        assertThat(r.header(HeaderName.CONTENT_LENGTH)).isEqualTo(Integer.toString(body.length));
        assertThat(r.header(HeaderName.CONTENT_TYPE)).isEqualTo("application/sdp");
        assertThat(r.headerCount(HeaderName.CONTENT_LENGTH)).isEqualTo(1);
        assertThat(r.bodyLength()).isEqualTo(body.length);
        assertThat(invite().build().header(HeaderName.CONTENT_LENGTH)).isEqualTo("0");
    }

    @Test
    void buildCorrectsAWrongOrDuplicatedContentLength() {
        SipRequest r = invite().add(HeaderName.CONTENT_LENGTH, "999")
                .add("l", "3")
                .body("abc".getBytes(StandardCharsets.UTF_8))
                .build();
        SipRequest emptied =
                r.toBuilder().body(MediaType.TEXT_PLAIN, new byte[0]).build();

        assertThat(r.headerValues(HeaderName.CONTENT_LENGTH)).containsExactly("3");
        assertThat(emptied.headerValues(HeaderName.CONTENT_LENGTH)).containsExactly("0");
        assertThat(emptied.hasHeader(HeaderName.CONTENT_TYPE)).isFalse();
    }

    @Test
    void removeFirstValueDropsOnlyTheTopViaOfAMultiValueField() {
        SipRequest r = invite().addFirst(
                        HeaderName.VIA,
                        "SIP/2.0/UDP proxy.example.com;branch=z9hG4bK1, SIP/2.0/TCP edge.example.com;branch=z9hG4bK2")
                .build();

        SipRequest popped = r.toBuilder().removeFirstValue(HeaderName.VIA).build();
        SipRequest poppedTwice =
                popped.toBuilder().removeFirstValue(HeaderName.VIA).build();

        assertThat(popped.vias()).extracting(Via::host).containsExactly("edge.example.com", "pc33.atlanta.com");
        assertThat(popped.headerCount(HeaderName.VIA)).isEqualTo(2);
        assertThat(poppedTwice.vias()).extracting(Via::host).containsExactly("pc33.atlanta.com");
        assertThat(poppedTwice.headerCount(HeaderName.VIA)).isEqualTo(1);
    }

    @Test
    void replaceFirstValueRewritesOnlyTheFirstElement() {
        SipRequest r = invite().addFirst(
                        HeaderName.ROUTE, "<sip:p1.example.com;lr>, \"Smith, J\" <sip:p2.example.com;lr>")
                .build();
        Via top = r.topVia().withReceived("192.0.2.1", 5060);

        SipRequest routed = r.toBuilder()
                .replaceFirstValue(HeaderName.ROUTE, "<sip:p0.example.com;lr>")
                .replaceFirstValue(HeaderName.VIA, top.toString())
                .build();

        assertThat(routed.routes())
                .extracting(n -> n.sipUri().host())
                .containsExactly("p0.example.com", "p2.example.com");
        assertThat(routed.topVia().received()).isEqualTo("192.0.2.1");
        assertThat(routed.headerCount(HeaderName.VIA)).isEqualTo(1);
        assertThat(invite().replaceFirstValue(HeaderName.RECORD_ROUTE, "<sip:rr>")
                        .build()
                        .recordRoutes())
                .hasSize(1);
    }

    @Test
    void forRequestCopiesViaFromToCallIdAndCSeqByteForByte() {
        SipRequest req = SipRequest.fromWire(
                SipMethod.INVITE,
                SipUri.parse("sip:bob@biloxi.com"),
                new HeaderField[] {
                    wire("v: SIP/2.0/UDP  pc33.atlanta.com ;branch=z9hG4bK776asdhds"),
                    wire(
                            "Via: SIP/2.0/TCP a.example.com;branch=z9hG4bK1,\r\n SIP/2.0/UDP b.example.com;branch=z9hG4bK2"),
                    wire("Max-Forwards: 70"),
                    wire("t: Bob <sip:bob@biloxi.com>"),
                    wire("f: Alice <sip:alice@atlanta.com>;tag=1928301774"),
                    wire("i: a84b4c76e66710@pc33.atlanta.com"),
                    wire("CSeq: 314159 INVITE"),
                    wire("Subject: lunch"),
                    wire("Timestamp: 54"),
                    wire("l: 0")
                },
                new byte[0]);

        SipResponse ringing = SipResponse.forRequest(req, 180).build();
        String text = ringing.toString();

        assertThat(text)
                .startsWith("SIP/2.0 180 Ringing\r\n"
                        + "v: SIP/2.0/UDP  pc33.atlanta.com ;branch=z9hG4bK776asdhds\r\n"
                        + "Via: SIP/2.0/TCP a.example.com;branch=z9hG4bK1,\r\n SIP/2.0/UDP b.example.com;branch=z9hG4bK2\r\n"
                        + "t: Bob <sip:bob@biloxi.com>\r\n"
                        + "f: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n"
                        + "i: a84b4c76e66710@pc33.atlanta.com\r\n"
                        + "CSeq: 314159 INVITE\r\n")
                .doesNotContain("Max-Forwards", "Subject", "Timestamp");
        assertThat(ringing.vias()).hasSize(3);
        assertThat(ringing.cseq()).isEqualTo(req.cseq());
        assertThat(SipResponse.forRequest(req, 100).build().header(HeaderName.TIMESTAMP))
                .isEqualTo("54");
    }

    @Test
    void toTagAddsATagOnlyWhenTheToHasNone() {
        SipRequest req = invite().build();

        SipResponse tagged = SipResponse.forRequest(req, 200).toTag("a6c85cf").build();
        SipRequest inDialog = invite().set(HeaderName.TO, "Bob <sip:bob@biloxi.com>;tag=existing")
                .build();
        SipResponse kept = SipResponse.forRequest(inDialog, 200).toTag("other").build();
        SipRequest addrSpec =
                invite().set(HeaderName.TO, "sip:bob@biloxi.com;transport=tcp").build();

        assertThat(tagged.to().tag()).isEqualTo("a6c85cf");
        assertThat(tagged.to().displayName()).isEqualTo("Bob");
        assertThat(tagged.from()).isEqualTo(req.from());
        assertThat(kept.header(HeaderName.TO)).isEqualTo("Bob <sip:bob@biloxi.com>;tag=existing");
        // addr-spec parameters are header parameters (RFC 3261 §20.10) and stay so once brackets are added
        assertThat(SipResponse.forRequest(addrSpec, 200).toTag("t").build().header(HeaderName.TO))
                .isEqualTo("<sip:bob@biloxi.com>;transport=tcp;tag=t");
    }

    @Test
    void toBytesWritesStartLineHeadersBlankLineAndBody() {
        SipRequest r = SipRequest.builder(SipMethod.MESSAGE, SipUri.parse("sip:bob@biloxi.com"))
                .add(HeaderName.VIA, "SIP/2.0/TCP h;branch=z9hG4bK1")
                .add("X-Custom", "ü")
                .body(MediaType.TEXT_PLAIN, "hi".getBytes(StandardCharsets.UTF_8))
                .build();

        byte[] expected = ("MESSAGE sip:bob@biloxi.com SIP/2.0\r\n"
                        + "Via: SIP/2.0/TCP h;branch=z9hG4bK1\r\n"
                        + "X-Custom: ü\r\n"
                        + "Content-Type: text/plain\r\n"
                        + "Content-Length: 2\r\n"
                        + "\r\n"
                        + "hi")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(r.toBytes()).isEqualTo(expected);
        assertThat(SipResponse.builder(486).build().toBytes())
                .isEqualTo("SIP/2.0 486 Busy Here\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nVia: evil", "a\nb", "a\rb"})
    void headerValuesWithLineBreaksAreRejected(String value) {
        assertThatThrownBy(() -> invite().add("Subject", value)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> invite().set(HeaderName.SUBJECT, value)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SipResponse.builder(200).reason(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Evil\r\nVia", "X-Evil: x", "X Evil", "", "X-Ünicode"})
    void headerNamesThatAreNoTokenAreRejected(String name) {
        // RFC 3261 §25.1 header-name = token; anything else would inject lines or corrupt toBytes()
        assertThatThrownBy(() -> invite().add(name, "v")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builtMessageIsImmutable() {
        SipRequest.Builder b = invite();
        SipRequest r = b.build();
        b.add(HeaderName.SUBJECT, "later");
        List<HeaderField> headers = new ArrayList<>(r.headers());

        assertThat(r.hasHeader(HeaderName.SUBJECT)).isFalse();
        assertThatThrownBy(() -> r.headers().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(r.headers()).isEqualTo(headers);
    }
}
