package io.siplane.sip.transaction;

import io.siplane.sip.message.NameAddress;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.Via;
import java.util.Locale;

/** The keys of the layer's tables: RFC 3261 §17.1.3, §17.2.3 and §8.2.2.2. */
final class TransactionKeys {
    private TransactionKeys() {}

    /** §17.1.3: a response matches the client transaction whose request had its top Via branch and CSeq method. */
    record ClientKey(String branch, String method) {}

    /** §17.2.3, RFC 3261 requests: branch, sent-by, and method (INVITE for ACK). */
    record Rfc3261Key(String branch, String sentBy, String method) {}

    /**
     * §17.2.3, RFC 2543 requests (no branch, or one without the magic cookie): Request-URI, From tag, Call-ID, CSeq
     * and top Via. The To tag is left out because the ACK's To tag is the one of the response, not of the INVITE;
     * {@link ServerTransaction#toTagMatches} checks it.
     */
    record Rfc2543Key(String requestUri, String fromTag, String callId, long cseq, String method, String topVia) {}

    /** §8.2.2.2: From tag, Call-ID and CSeq of a request without To tag. */
    record MergeKey(String fromTag, String callId, long cseq, String method) {}

    static ClientKey client(String branch, SipMethod method) {
        return new ClientKey(branch, method.name());
    }

    /** The server key of {@code r}; ACK is looked up as the INVITE it acknowledges. */
    static Object server(SipRequest r) {
        return server(r, r.method() == SipMethod.ACK ? SipMethod.INVITE : r.method());
    }

    /** The server key {@code r} would have with another method: CANCEL looks up its target this way (§9.2). */
    static Object server(SipRequest r, SipMethod method) {
        Via top = r.topVia();
        if (top.hasRfc3261Branch()) return new Rfc3261Key(top.branch(), sentBy(top), method.name());
        return new Rfc2543Key(
                r.requestUri().toString(), r.from().tag(), r.callId(), r.cseq().number(), method.name(), via(top));
    }

    static boolean isRfc2543(Object key) {
        return key instanceof Rfc2543Key;
    }

    /** Null when the request has a To tag (it is then inside a dialog and cannot have been merged). */
    static MergeKey merge(SipRequest r) {
        NameAddress to = r.to();
        if (to.tag() != null) return null;
        return new MergeKey(
                r.from().tag(), r.callId(), r.cseq().number(), r.cseq().method().name());
    }

    private static String sentBy(Via v) {
        return v.host().toLowerCase(Locale.ROOT) + ":" + v.port();
    }

    private static String via(Via v) {
        return v.transport() + " " + sentBy(v) + ";branch=" + v.branch();
    }
}
