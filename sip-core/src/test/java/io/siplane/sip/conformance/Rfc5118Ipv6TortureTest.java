package io.siplane.sip.conformance;

import static io.siplane.sip.conformance.Corpus.assertAnswer;
import static io.siplane.sip.conformance.Corpus.bodyStart;
import static io.siplane.sip.conformance.Corpus.bytes;
import static io.siplane.sip.conformance.Corpus.failedDatagram;
import static io.siplane.sip.conformance.Corpus.parse;
import static io.siplane.sip.conformance.Corpus.parsed;
import static io.siplane.sip.conformance.Corpus.parsedDatagram;
import static io.siplane.sip.conformance.Corpus.withCorrectContentLength;
import static org.assertj.core.api.Assertions.assertThat;

import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipMessage;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.StatusCodes;
import io.siplane.sip.message.Via;
import io.siplane.sip.message.uri.SipUri;
import io.siplane.sip.parse.ParseError;
import io.siplane.sip.parse.ParseFailure;
import io.siplane.sip.parse.ParseResult;
import io.siplane.sip.parse.SipParser.Framing;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * RFC 5118 "SIP Torture Test Messages for IPv6": one test per message of the RFC's Appendix A archive. The
 * archive uses bare LF; these tests use the corpus's {@code crlf/} variant (each LF replaced by CRLF, nothing
 * else), because that is what goes on the wire.
 *
 * <p>Three archived messages carry a Content-Length that does not match their CRLF body (corpus README §2):
 * {@code ipv6-in-sdp} (268 vs 251), {@code mult-ip-in-sdp} (181 vs 189) and {@code ipv4-mapped-ipv6} (236 vs
 * 245; 236 is the LF body). Decision: each of those tests asserts twice. First the raw bytes as a framing test
 * (a Content-Length over the datagram is a 400 {@code TRUNCATED_BODY}; one under it cuts the body and the rest
 * is discarded as RFC 3261 §18.3 says). Then, with the Content-Length corrected in memory to the CRLF body
 * length, the IPv6 content the section is about.
 */
class Rfc5118Ipv6TortureTest {

    private static byte[] dat(String name) {
        return bytes("rfc5118/crlf/" + name + ".dat");
    }

    private static SipRequest request(byte[] wire) {
        SipMessage m = parsedDatagram(wire);
        assertThat(m).isInstanceOf(SipRequest.class);
        return (SipRequest) m;
    }

    private static SipUri ruri(SipRequest m) {
        assertThat(m.requestUri()).isInstanceOf(SipUri.class);
        return (SipUri) m.requestUri();
    }

    private static SipUri contactUri(SipMessage m) {
        return m.contacts().get(0).sipUri();
    }

    /**
     * §4.1 A Valid SIP Message with an IPv6 Reference: "The request below is well-formatted according to the
     * grammar in [RFC3261]. An IPv6 reference appears in the Request-URI (R-URI), Via header field, and Contact
     * header field."
     */
    @Test
    void ipv6Good() {
        SipRequest m = request(dat("ipv6-good"));

        assertThat(ruri(m).host()).isEqualTo("[2001:db8::10]");
        assertThat(ruri(m).port()).isEqualTo(SipUri.NO_PORT);
        assertThat(m.topVia().host()).isEqualTo("[2001:db8::9:1]");
        assertThat(m.topVia().port()).isEqualTo(-1);
        assertThat(contactUri(m).host()).isEqualTo("[2001:db8::1]");
    }

    /**
     * §4.2 Invalid SIP Message with an IPv6 Reference: "The IPv6 address in the R-URI is not enclosed in '[' and
     * ']' delimiters. A SIP implementation receiving this message MUST respond with a 400 Bad Request."
     */
    @Test
    void ipv6Bad() {
        ParseFailure f = failedDatagram(dat("ipv6-bad"));

        assertThat(f.error()).isEqualTo(ParseError.BAD_REQUEST_URI);
        assertAnswer(f, StatusCodes.BAD_REQUEST);
    }

    /**
     * §4.3 Port Ambiguous in a SIP URI: "IPv6 uses the colon to delimit octets. This may lead to ambiguity if the
     * port number on which to contact the SIP server is inadvertently conflated with the IPv6 reference ... the
     * R-URI is syntactically valid, but the port 5070 is actually part of the IPv6 address ... it will not
     * produce the intended result" (a message to port 5060 of address 2001:db8::10:5070).
     */
    @Test
    void portAmbiguous() {
        SipRequest m = request(dat("port-ambiguous"));

        assertThat(ruri(m).host()).isEqualTo("[2001:db8::10:5070]");
        assertThat(ruri(m).port()).isEqualTo(SipUri.NO_PORT);
        assertThat(ruri(m).portOrDefault()).isEqualTo(5060);
    }

    /**
     * §4.4 Port Unambiguous in a SIP URI: "the port appears outside the delimiters" — address 2001:db8::10 and
     * port 5070.
     */
    @Test
    void portUnambiguous() {
        SipRequest m = request(dat("port-unambiguous"));

        assertThat(ruri(m).host()).isEqualTo("[2001:db8::10]");
        assertThat(ruri(m).port()).isEqualTo(5070);
    }

    /**
     * §4.5 IPv6 Reference Delimiters in Via "received" Parameter (with delimiters): "The received parameter
     * contains an IPv6 reference enclosed in '[' and ']' ... Although this is not strictly correct per the
     * grammar, implementations MUST be prepared to parse the value ... and SHOULD continue processing"; "when
     * sending, the received parameter MUST NOT include the delimiters" (RFC 3261 §25 received = IPv6address).
     */
    @Test
    void viaReceivedParamWithDelim() {
        SipRequest m = request(dat("via-received-param-with-delim"));

        Via top = m.topVia();
        assertThat(top.host()).isEqualTo("[2001:db8::9:1]");
        assertThat(top.received()).isEqualTo("[2001:db8::9:255]");
        assertThat(top.branch()).isEqualTo("z9hG4bKas3-111");
        // what this stack writes itself never has the brackets
        assertThat(top.withReceived("[2001:db8::9:255]", 5060).received()).isEqualTo("2001:db8::9:255");
    }

    /** §4.5 (without delimiters): "received=2001:db8::9:255" is the form the grammar allows. */
    @Test
    void viaReceivedParamNoDelim() {
        SipRequest m = request(dat("via-received-param-no-delim"));

        Via top = m.topVia();
        assertThat(top.host()).isEqualTo("[2001:db8::9:1]");
        assertThat(top.received()).isEqualTo("2001:db8::9:255");
        assertThat(top.branch()).isEqualTo("z9hG4bKas3");
    }

    /**
     * §4.6 SIP Request with IPv6 Addresses in Session Description Protocol (SDP) Body: "This request contains
     * an IPv6 address in the SDP body"; the message is valid, SDP carries IPv6 addresses without brackets.
     * The archived Content-Length (268) exceeds the body (251 with CRLF).
     */
    @Test
    void ipv6InSdp() {
        byte[] wire = dat("ipv6-in-sdp");
        int body = wire.length - bodyStart(wire);
        assertThat(body).isEqualTo(251);

        // raw bytes: Content-Length 268 > 251 — a datagram 400, a stream waits for 17 more bytes
        ParseFailure f = failedDatagram(wire);
        assertThat(f.error()).isEqualTo(ParseError.TRUNCATED_BODY);
        assertAnswer(f, StatusCodes.BAD_REQUEST);
        ParseResult st = parse(wire, Framing.STREAM);
        assertThat(st).isInstanceOf(ParseResult.Incomplete.class);
        assertThat(((ParseResult.Incomplete) st).totalBytes()).isEqualTo(wire.length + 268 - 251);

        // Content-Length corrected to 251
        SipRequest m = request(withCorrectContentLength(wire));
        assertThat(m.header(HeaderName.CONTENT_LENGTH)).isEqualTo("251");
        assertThat(ruri(m).host()).isEqualTo("[2001:db8::10]");
        assertThat(m.topVia().host()).isEqualTo("[2001:db8::20]");
        assertThat(contactUri(m).host()).isEqualTo("[2001:db8::20]");
        assertThat(m.bodyLength()).isEqualTo(251);
        assertThat(m.bodyAsString()).contains("c=IN IP6 2001:db8::20\r\n").endsWith("H263-1998/90000\r\n");
    }

    /**
     * §4.7 Multiple IP Addresses in SIP Header Fields: "The request below contains several IP addresses ...
     * The Via header field contains IPv6 and IPv4 references ... a received parameter with an IPv4 address."
     */
    @Test
    void multIpInHeader() {
        SipRequest m = request(dat("mult-ip-in-header"));

        assertThat(m.vias()).hasSize(3);
        Via first = m.vias().get(0);
        assertThat(first.host()).isEqualTo("[2001:db8::9:1]");
        assertThat(first.port()).isEqualTo(6050);
        assertThat(m.vias().get(1).host()).isEqualTo("192.0.2.1");
        Via third = m.vias().get(2);
        assertThat(third.transport()).isEqualTo("TCP");
        assertThat(third.host()).isEqualTo("[2001:db8::9:255]");
        assertThat(third.received()).isEqualTo("192.0.2.200");
    }

    /**
     * §4.8 Multiple IP Addresses in SDP: "This request contains a SDP body with multiple media streams, one
     * using IPv4 and the other IPv6." The archived Content-Length (181) is under the CRLF body (189).
     */
    @Test
    void multIpInSdp() {
        byte[] wire = dat("mult-ip-in-sdp");
        int start = bodyStart(wire);
        assertThat(wire.length - start).isEqualTo(189);

        // raw bytes: a datagram takes 181 body bytes and discards the rest (RFC 3261 §18.3) — the SDP is cut
        SipRequest raw = request(wire);
        assertThat(raw.bodyLength()).isEqualTo(181);
        assertThat(raw.body()).isEqualTo(Arrays.copyOfRange(wire, start, start + 181));

        SipRequest m = request(withCorrectContentLength(wire));
        assertThat(m.bodyLength()).isEqualTo(189);
        assertThat(m.bodyAsString())
                .contains("c=IN IP4 192.0.2.1\r\n", "c=IN IP6 2001:db8::1\r\n")
                .endsWith("a=rtpmap:107 H263-1998/90000\r\n");
        assertThat(contactUri(m).host()).isEqualTo("[2001:db8::9:1]");
    }

    /**
     * §4.9 IPv4-Mapped IPv6 Addresses: "An IPv4-mapped IPv6 address appears in the Via, Contact and SDP ... SIP
     * implementations MUST be able to parse and process" them. The archived Content-Length (236) is the LF
     * body; with CRLF the body is 245.
     */
    @Test
    void ipv4MappedIpv6() {
        byte[] wire = dat("ipv4-mapped-ipv6");
        int start = bodyStart(wire);
        assertThat(wire.length - start).isEqualTo(245);

        SipRequest raw = request(wire);
        assertThat(raw.bodyLength()).isEqualTo(236);

        SipRequest m = request(withCorrectContentLength(wire));
        assertThat(m.vias().get(0).host()).isEqualTo("[::ffff:192.0.2.10]");
        assertThat(m.vias().get(0).port()).isEqualTo(19823);
        assertThat(m.vias().get(1).host()).isEqualTo("[::ffff:192.0.2.2]");
        assertThat(m.vias().get(1).port()).isEqualTo(-1);
        assertThat(contactUri(m).host()).isEqualTo("[::ffff:192.0.2.2]");
        assertThat(m.contacts().get(0).displayNameUnquoted()).isEqualTo("T. desk phone");
        assertThat(m.bodyLength()).isEqualTo(245);
        assertThat(m.bodyAsString()).contains("c=IN IP6 ::ffff:192.0.2.2\r\n").endsWith("H263-1998/90000\r\n");
    }

    /**
     * §4.10 IPv6 Reference Bug in RFC 3261 ABNF (three colons): "[2001:db8:::192.0.2.1] ... is derivable from
     * the RFC 3261 ABNF (the bug was inherited from RFC 2373) ... Implementations SHOULD be liberal and accept
     * it", i.e. tolerate the extra colon.
     *
     * <p>The archived file has no empty line after the headers. As a datagram the packet end closes the message,
     * so it parses as is; on a stream the same bytes are still incomplete until the empty line arrives.
     */
    @Test
    void ipv6BugAbnf3Colons() {
        byte[] wire = dat("ipv6-bug-abnf-3-colons");

        SipRequest m = request(wire);
        assertThat(ruri(m).host()).isEqualTo("[2001:db8:::192.0.2.1]");
        assertThat(m.to().sipUri().host()).isEqualTo("[2001:db8:::192.0.2.1]");

        assertThat(parse(wire, Framing.STREAM)).isInstanceOf(ParseResult.Incomplete.class);
        SipMessage viaStream = parsed(Corpus.concat(wire, Corpus.ascii("\r\n")), Framing.STREAM);
        assertThat(viaStream.startLine()).isEqualTo("OPTIONS sip:user@[2001:db8:::192.0.2.1] SIP/2.0");
    }

    /** §4.10 (the correct form, two colons): "[2001:db8::192.0.2.1]"; accept. Same missing empty line. */
    @Test
    void ipv6CorrectAbnf2Colons() {
        byte[] wire = dat("ipv6-correct-abnf-2-colons");

        SipRequest m = request(wire);
        assertThat(ruri(m).host()).isEqualTo("[2001:db8::192.0.2.1]");
        assertThat(m.to().sipUri().host()).isEqualTo("[2001:db8::192.0.2.1]");
        assertThat(new String(m.toBytes(), StandardCharsets.US_ASCII)).endsWith("Content-Length: 0\r\n\r\n");
        assertThat(parse(wire, Framing.STREAM)).isInstanceOf(ParseResult.Incomplete.class);
    }
}
