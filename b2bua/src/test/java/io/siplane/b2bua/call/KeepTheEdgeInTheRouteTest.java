package io.siplane.b2bua.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.siplane.sip.dialog.DialogState;
import io.siplane.sip.dialog.Dialogs;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.uri.SipUri;
import org.junit.jupiter.api.Test;

/** Leg B's dialog keeps the edge in its route even when the callee does not echo Record-Route. */
class KeepTheEdgeInTheRouteTest {
    static final String EDGE_ROUTE = "<sip:TOKEN@127.0.0.1:5060;lr>";

    static SipRequest invite(boolean withPath) {
        SipRequest.Builder b = SipRequest.builder(SipMethod.INVITE, SipUri.parse("sip:2000@192.0.2.7:5060"))
                .add(HeaderName.VIA, "SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bKb1")
                .add(HeaderName.MAX_FORWARDS, "70")
                .add(HeaderName.FROM, "<sip:caller@example.com>;tag=b")
                .add(HeaderName.TO, "<sip:2000@example.com>")
                .add(HeaderName.CALL_ID, "leg-b@b2bua")
                .add(HeaderName.CSEQ, "1 INVITE")
                .add(HeaderName.CONTACT, "<sip:127.0.0.1:5060;b2bua=b2bua-1>");
        if (withPath) b.add(HeaderName.ROUTE, EDGE_ROUTE);
        return b.build();
    }

    static SipResponse ok(SipRequest invite, boolean recordRoute) {
        SipResponse.Builder b = SipResponse.forRequest(invite, 200)
                .toTag("callee")
                .add(HeaderName.CONTACT, "<sip:2000@192.0.2.7:5060>");
        if (recordRoute) b.add(HeaderName.RECORD_ROUTE, "<sip:OTHER@127.0.0.1:5060;lr>");
        return b.build();
    }

    @Test
    void aCalleeThatDropsRecordRouteStillGetsItsInDialogRequestsThroughTheEdge() {
        SipRequest invite = invite(true);
        DialogState d = LegBInvites.keepTheEdgeInTheRoute(Dialogs.createUac(invite, ok(invite, false)), invite);
        assertThat(d.routeSet()).containsExactly(EDGE_ROUTE);
    }

    @Test
    void aRecordRouteFromTheCalleeSideWins() {
        SipRequest invite = invite(true);
        DialogState d = LegBInvites.keepTheEdgeInTheRoute(Dialogs.createUac(invite, ok(invite, true)), invite);
        assertThat(d.routeSet()).containsExactly("<sip:OTHER@127.0.0.1:5060;lr>");
    }

    @Test
    void withoutAPathNothingIsInvented() {
        SipRequest invite = invite(false);
        DialogState d = LegBInvites.keepTheEdgeInTheRoute(Dialogs.createUac(invite, ok(invite, false)), invite);
        assertThat(d.routeSet()).isEmpty();
    }
}
