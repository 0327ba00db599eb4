package io.siplane.sip.robustness;

import io.siplane.sip.message.HeaderField;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.NameAddress;
import io.siplane.sip.message.SipMessage;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.Via;
import io.siplane.sip.message.syntax.SipParseException;
import io.siplane.sip.message.uri.SipUri;
import io.siplane.sip.message.uri.TelUri;
import io.siplane.sip.message.uri.Uri;
import io.siplane.sip.parse.ParseFailure;
import java.util.List;

/**
 * Calls every typed accessor of a parsed message (and of a failure's error response). The contract under test:
 * a malformed header surfaces as {@link SipParseException} and nothing else, so any other exception escapes
 * from here and fails the caller.
 */
final class TypedAccessors {
    private static final List<HeaderName> NAME_ADDRESS_HEADERS = List.of(
            HeaderName.ROUTE,
            HeaderName.RECORD_ROUTE,
            HeaderName.PATH,
            HeaderName.CONTACT,
            HeaderName.REFER_TO,
            HeaderName.REFERRED_BY,
            HeaderName.REPLY_TO);
    private static final List<HeaderName> NUMERIC_HEADERS = List.of(
            HeaderName.EXPIRES, HeaderName.MIN_EXPIRES, HeaderName.RSEQ, HeaderName.MIN_SE, HeaderName.MAX_FORWARDS);
    private static final List<HeaderName> OPTION_TAG_HEADERS =
            List.of(HeaderName.REQUIRE, HeaderName.SUPPORTED, HeaderName.UNSUPPORTED, HeaderName.PROXY_REQUIRE);

    private TypedAccessors() {}

    /** Exercises the whole typed API of {@code m}; returns how many accessors threw {@link SipParseException}. */
    static int exercise(SipMessage m) {
        int rejected = 0;
        rejected += tryRun(m::startLine);
        rejected += tryRun(m::toBytes);
        rejected += tryRun(() -> m.vias().forEach(TypedAccessors::via));
        rejected += tryRun(m::topVia);
        rejected += tryRun(() -> nameAddress(m.from()));
        rejected += tryRun(() -> nameAddress(m.to()));
        rejected += tryRun(m::callId);
        rejected += tryRun(() -> m.cseq().toString());
        rejected += tryRun(m::maxForwards);
        rejected += tryRun(() -> m.routes().forEach(TypedAccessors::nameAddress));
        rejected += tryRun(() -> m.recordRoutes().forEach(TypedAccessors::nameAddress));
        rejected += tryRun(() -> m.paths().forEach(TypedAccessors::nameAddress));
        rejected += tryRun(() -> m.contacts().forEach(TypedAccessors::nameAddress));
        rejected += tryRun(m::isWildcardContact);
        for (HeaderName n : NAME_ADDRESS_HEADERS)
            rejected += tryRun(() -> m.nameAddresses(n).forEach(TypedAccessors::nameAddress));
        rejected += tryRun(() -> {
            var t = m.contentType();
            if (t != null) {
                t.toString();
                t.is(io.siplane.sip.message.MediaType.APPLICATION_SDP);
            }
        });
        for (HeaderName n : NUMERIC_HEADERS) rejected += tryRun(() -> m.numericHeader(n));
        for (HeaderName n : OPTION_TAG_HEADERS) rejected += tryRun(() -> m.optionTags(n));
        rejected += tryRun(m::allow);
        for (HeaderField f : m.headers()) {
            rejected += tryRun(() -> m.headerElements(f.name()));
            rejected += tryRun(() -> m.headerCount(f.name()));
            rejected += tryRun(() -> m.header(f.name().toString()));
        }
        rejected += tryRun(m::bodyAsString);
        rejected += tryRun(() -> m.toBuilder().build().toBytes());
        if (m instanceof SipRequest r) {
            rejected += tryRun(r::method);
            rejected += tryRun(() -> uri(r.requestUri()));
        } else if (m instanceof SipResponse r) {
            rejected += tryRun(() -> {
                r.status();
                r.reason();
                r.statusClass();
                r.isFinal();
                r.isSuccess();
            });
        }
        return rejected;
    }

    /** Exercises what the transport does with a failure: the status and the stateless error response. */
    static void exercise(ParseFailure f) {
        f.responseStatus();
        f.errorResponse().ifPresent(r -> {
            r.toBytes();
            r.toString();
        });
    }

    private static void via(Via v) {
        v.transport();
        v.host();
        v.port();
        v.portOrDefault();
        v.sentBy();
        v.branch();
        v.hasRfc3261Branch();
        v.received();
        v.maddr();
        v.hasRport();
        tryRun(v::rport);
        v.toString();
        v.withReceived("192.0.2.1", 5060).toString();
    }

    private static void nameAddress(NameAddress a) {
        a.displayName();
        tryRun(a::displayNameUnquoted);
        uri(a.uri());
        tryRun(a::sipUri);
        a.tag();
        tryRun(a::q);
        tryRun(a::expires);
        tryRun(a::instanceId);
        tryRun(a::regId);
        a.toString();
        a.hashCode();
        a.equals(a.withTag("x"));
    }

    private static void uri(Uri u) {
        u.scheme();
        u.toString();
        u.hashCode();
        if (u instanceof SipUri s) {
            s.user();
            tryRun(s::userDecoded);
            s.password();
            s.host();
            s.port();
            s.portOrDefault();
            s.transportParam();
            s.maddrParam();
            s.isLooseRouting();
            s.headers();
            tryRun(s::userAtHost);
            tryRun(() -> s.equivalentTo(s));
            tryRun(() -> s.equivalentTo(SipUri.of("user", "127.0.0.1", 5060)));
        } else if (u instanceof TelUri t) {
            t.number();
            tryRun(t::digits);
            t.isGlobal();
        }
    }

    private static int tryRun(Runnable call) {
        try {
            call.run();
            return 0;
        } catch (SipParseException e) {
            return 1;
        }
    }
}
