package io.siplane.b2bua.call;

import io.siplane.sip.message.HeaderField;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.NameAddress;
import io.siplane.sip.message.SipMessage;
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
        return legBRequest(aInvite, requestUri, routeSet, callId, identityHost, via)
                .add(HeaderName.CONTACT, contact)
                .build();
    }

    /**
     * Leg B's copy of an out-of-dialog request from A (INVITE, MESSAGE, OPTIONS): a new Call-ID, From = the B2BUA's
     * identity keeping the caller's display name and user with a new tag, To = the callee without tag, CSeq 1, Max-Forwards
     * one less than A's, the route set as Route, A's end-to-end headers ({@link #copyEndToEnd}) and body. {@code via}
     * null: the stack adds it.
     */
    static SipRequest.Builder legBRequest(
            SipRequest aRequest,
            SipUri requestUri,
            List<String> routeSet,
            String callId,
            String identityHost,
            String via) {
        SipRequest aInvite = aRequest;
        NameAddress aFrom = aInvite.from();
        String user = aFrom.uri() instanceof SipUri s && s.user() != null ? s.user() : "anonymous";
        NameAddress from = new NameAddress(
                        aFrom.displayName(), SipUri.of(user, identityHost, SipUri.NO_PORT), Parameters.EMPTY)
                .withTag(TransactionLayer.newTag());
        NameAddress to =
                new NameAddress(aInvite.to().displayName(), aInvite.to().uri(), Parameters.EMPTY);
        SipRequest.Builder b = SipRequest.builder(aInvite.method(), requestUri);
        if (via != null) b.add(HeaderName.VIA, via);
        b.add(HeaderName.MAX_FORWARDS, Integer.toString(Math.max(0, aInvite.maxForwards() - 1)));
        for (String r : routeSet) b.add(HeaderName.ROUTE, r);
        b.add(HeaderName.FROM, from.toString())
                .add(HeaderName.TO, to.toString())
                .add(HeaderName.CALL_ID, callId)
                .add(HeaderName.CSEQ, "1 " + aInvite.method().name());
        copyEndToEnd(aInvite, b);
        return b;
    }

    /**
     * Header fields that describe the session or the content rather than the hop or the dialog, copied from a
     * message on one leg to its counterpart on the other: extensions (Supported, Require: 100rel, timer), session
     * timers (RFC 4028), events, INFO packages, content description, and the body.
     */
    static final List<HeaderName> END_TO_END = List.of(
            HeaderName.SUPPORTED,
            HeaderName.REQUIRE,
            HeaderName.ALLOW,
            HeaderName.ALLOW_EVENTS,
            HeaderName.ACCEPT,
            HeaderName.SESSION_EXPIRES,
            HeaderName.MIN_SE,
            HeaderName.EVENT,
            HeaderName.SUBSCRIPTION_STATE,
            HeaderName.SUBJECT,
            HeaderName.CONTENT_DISPOSITION,
            HeaderName.CONTENT_ENCODING,
            HeaderName.CONTENT_LANGUAGE,
            HeaderName.UNSUPPORTED,
            HeaderName.RETRY_AFTER,
            HeaderName.RSEQ,
            HeaderName.WARNING);

    static void copyEndToEnd(SipMessage from, SipMessage.Builder<?> to) {
        for (HeaderField f : from.headers()) {
            if (END_TO_END.contains(f.name())) to.add(f);
        }
        if (from.bodyLength() > 0) to.body(from.contentType(), from.body());
    }

    /**
     * Leg A's response for leg B's: same status and reason, A's To tag, the B2BUA's Contact on 101–299 (RFC 3261
     * §12.1.1), A's Record-Route copied into dialog-creating responses, B's end-to-end headers (RSeq and Require: 100rel of a
     * reliable provisional, RFC 3262) and body (SDP answer or early media).
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
        copyEndToEnd(fromB, b);
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
