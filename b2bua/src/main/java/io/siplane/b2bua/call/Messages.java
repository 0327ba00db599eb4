package io.siplane.b2bua.call;

import io.siplane.sip.message.HeaderField;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.NameAddress;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.syntax.Parameters;
import io.siplane.sip.message.uri.SipUri;
import io.siplane.sip.parse.ParseResult;
import io.siplane.sip.parse.SipParser;
import io.siplane.sip.transaction.TransactionLayer;
import io.siplane.sip.transport.TransportType;
import java.util.List;

/** The messages the B2BUA builds: leg B's INVITE, and leg A's responses relayed from leg B's. */
final class Messages {
    private Messages() {}

    /**
     * The B2BUA's Contact: an edge address in production, with the instance id in the {@code b2bua} URI parameter
     * so that the edge sends the call's in-dialog requests back here (DESIGN: never a pod address).
     */
    static String contact(String host, int port, String instanceId, TransportType transport) {
        SipUri uri = SipUri.of("b2bua", host, port).withParameter("b2bua", instanceId);
        if (transport != TransportType.UDP) uri = uri.withParameter("transport", transport.uriParam());
        return "<" + uri + ">";
    }

    /**
     * Leg B's INVITE: a new Call-ID, From = the B2BUA's identity keeping the caller's display name and user with a new
     * tag, To = the callee without tag, CSeq 1, Max-Forwards one less than A's, the route set as Route, A's body as
     * is (SDP relayed untouched, RFC 3264 offer).
     */
    static SipRequest legBInvite(
            SipRequest aInvite,
            SipUri requestUri,
            List<String> routeSet,
            String callId,
            String identityHost,
            String contact,
            String via) {
        NameAddress aFrom = aInvite.from();
        String user = aFrom.uri() instanceof SipUri s && s.user() != null ? s.user() : "anonymous";
        NameAddress from = new NameAddress(
                        aFrom.displayName(), SipUri.of(user, identityHost, SipUri.NO_PORT), Parameters.EMPTY)
                .withTag(TransactionLayer.newTag());
        NameAddress to =
                new NameAddress(aInvite.to().displayName(), aInvite.to().uri(), Parameters.EMPTY);
        SipRequest.Builder b = SipRequest.builder(SipMethod.INVITE, requestUri)
                .add(HeaderName.VIA, via)
                .add(HeaderName.MAX_FORWARDS, Integer.toString(Math.max(0, aInvite.maxForwards() - 1)));
        for (String r : routeSet) b.add(HeaderName.ROUTE, r);
        b.add(HeaderName.FROM, from.toString())
                .add(HeaderName.TO, to.toString())
                .add(HeaderName.CALL_ID, callId)
                .add(HeaderName.CSEQ, "1 INVITE")
                .add(HeaderName.CONTACT, contact);
        if (aInvite.bodyLength() > 0) b.body(aInvite.contentType(), aInvite.body());
        return b.build();
    }

    /**
     * Leg A's response for leg B's: same status and reason, A's To tag, the B2BUA's Contact on 101–299 (RFC 3261
     * §12.1.1), A's Record-Route copied into dialog-creating responses, B's body (SDP answer or early media).
     */
    static SipResponse relayToA(SipRequest aInvite, String aTag, SipResponse fromB, String contact) {
        int status = fromB.status();
        SipResponse.Builder b =
                SipResponse.forRequest(aInvite, status).reason(fromB.reason()).toTag(aTag);
        if (status > 100 && status < 300) {
            for (HeaderField f : aInvite.headers()) {
                if (f.name() == HeaderName.RECORD_ROUTE) b.add(f);
            }
            b.add(HeaderName.CONTACT, contact);
        }
        if (fromB.bodyLength() > 0) b.body(fromB.contentType(), fromB.body());
        return b.build();
    }

    /** A response of the B2BUA's own to leg A. */
    static SipResponse answer(SipRequest request, String toTag, int status) {
        SipResponse.Builder b = SipResponse.forRequest(request, status);
        if (request.to().tag() == null) b.toTag(toTag);
        return b.build();
    }

    /** A request from its stored bytes (leg B's INVITE in the call record). */
    static SipRequest parseRequest(byte[] bytes) {
        ParseResult r = new SipParser().parseDatagram(bytes);
        if (r instanceof ParseResult.Parsed p && p.message() instanceof SipRequest request) return request;
        throw new IllegalArgumentException("stored request does not parse: " + r);
    }
}
