package io.siplane.sip.transaction;

import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.uri.Uri;
import java.net.InetSocketAddress;

/** Test messages built with the model's builders, after the RFC 3665 / RFC 4475 examples. */
final class Sip {
    /** Where a UAC sends, and where a UAS receives from, over UDP. */
    static final Destination UDP_PEER = Destination.of("UDP", new InetSocketAddress("192.0.2.10", 5060));
    /** The same peer over a TCP connection. */
    static final Destination TCP_PEER = new Destination("TCP", new InetSocketAddress("192.0.2.10", 49152), "flow-7");

    static final String BRANCH = "z9hG4bK776asdhds";
    static final String UAS_TAG = "a6c85cf";

    private Sip() {}

    static SipRequest.Builder request(SipMethod method, String transport, String branch) {
        String via = "SIP/2.0/" + transport + " pc33.atlanta.example.com" + (branch == null ? "" : ";branch=" + branch);
        return SipRequest.builder(method, Uri.parse("sip:bob@biloxi.example.com"))
                .add(HeaderName.VIA, via)
                .add(HeaderName.MAX_FORWARDS, "70")
                .add(HeaderName.TO, "Bob <sip:bob@biloxi.example.com>")
                .add(HeaderName.FROM, "Alice <sip:alice@atlanta.example.com>;tag=1928301774")
                .add(HeaderName.CALL_ID, "a84b4c76e66710@pc33.atlanta.example.com")
                .add(HeaderName.CSEQ, "314159 " + method)
                .add(HeaderName.CONTACT, "<sip:alice@pc33.atlanta.example.com>");
    }

    static SipRequest invite(String transport) {
        return request(SipMethod.INVITE, transport, BRANCH).build();
    }

    static SipRequest invite() {
        return invite("UDP");
    }

    static SipRequest options(String transport) {
        return request(SipMethod.OPTIONS, transport, "z9hG4bKnashds8").build();
    }

    /** A response as the UAS would send it: To tag added except on 100. */
    static SipResponse response(SipRequest request, int status) {
        SipResponse.Builder b = SipResponse.forRequest(request, status);
        if (status != 100) b.toTag(UAS_TAG);
        return b.build();
    }

    /** {@code request} as the server transport hands it up: {@code received} added to the top Via (§18.2.1). */
    static SipRequest arrived(SipRequest request, Destination source) {
        String ip = source.address().getAddress().getHostAddress();
        return request.toBuilder()
                .replaceFirstValue(
                        HeaderName.VIA,
                        request.topVia()
                                .withReceived(ip, source.address().getPort())
                                .toString())
                .build();
    }

    /** The ACK for a 2xx: a new transaction, so a new branch (RFC 3261 §13.2.2.4). */
    static SipRequest ackFor2xx(SipRequest invite, SipResponse ok, String branch) {
        return SipRequest.builder(SipMethod.ACK, invite.requestUri())
                .add(
                        HeaderName.VIA,
                        invite.topVia().withParameter("branch", branch).toString())
                .add(HeaderName.MAX_FORWARDS, "70")
                .add(HeaderName.FROM, invite.header(HeaderName.FROM))
                .add(HeaderName.TO, ok.header(HeaderName.TO))
                .add(HeaderName.CALL_ID, invite.callId())
                .add(HeaderName.CSEQ, invite.cseq().number() + " ACK")
                .build();
    }
}
