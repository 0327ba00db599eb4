package io.siplane.registrar;

import io.siplane.sip.message.SipRequest;
import io.siplane.sip.parse.ParseResult;
import io.siplane.sip.parse.SipParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test messages: RFC 4475 files from the test resources, or REGISTERs written inline. */
final class SipMessages {

    private static final SipParser PARSER = new SipParser();

    private SipMessages() {}

    static SipRequest rfc4475(String name) {
        try (InputStream in = SipMessages.class.getResourceAsStream("/rfc4475/" + name + ".dat")) {
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A REGISTER for {@code aor} with the given extra header lines (each without CRLF). */
    static SipRequest register(String aor, String callId, long cseq, String... headers) {
        StringBuilder sb = new StringBuilder()
                .append("REGISTER sip:example.com SIP/2.0\r\n")
                .append("Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK")
                .append(callId.hashCode() & 0xffff)
                .append(cseq)
                .append("\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("From: <")
                .append(aor)
                .append(">;tag=f1\r\n")
                .append("To: <")
                .append(aor)
                .append(">\r\n")
                .append("Call-ID: ")
                .append(callId)
                .append("\r\n")
                .append("CSeq: ")
                .append(cseq)
                .append(" REGISTER\r\n");
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        sb.append("Content-Length: 0\r\n\r\n");
        return parse(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    static SipRequest parse(byte[] bytes) {
        ParseResult r = PARSER.parseDatagram(bytes);
        if (r instanceof ParseResult.Parsed p) {
            return (SipRequest) p.message();
        }
        throw new IllegalArgumentException("does not parse: " + r);
    }
}
