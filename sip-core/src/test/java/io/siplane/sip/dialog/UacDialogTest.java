package io.siplane.sip.dialog;

import static io.siplane.sip.dialog.Rfc3261Calls.ALICE_TAG;
import static io.siplane.sip.dialog.Rfc3261Calls.BOB_CONTACT;
import static io.siplane.sip.dialog.Rfc3261Calls.BOB_TAG;
import static io.siplane.sip.dialog.Rfc3261Calls.CALL_ID;
import static io.siplane.sip.dialog.Rfc3261Calls.INVITE_CSEQ;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.uri.SipUri;
import org.junit.jupiter.api.Test;

/** RFC 3261 §12.1.2, §12.2.1.2, §13.2.2.4: the dialog of the caller. */
class UacDialogTest {
    private static final String BIGBOX = "<sip:bigbox3.site3.atlanta.com;lr>";
    private static final String SERVER10 = "<sip:server10.biloxi.com;lr>";

    @Test
    void dialogFrom200HasRecordRouteReversedAndResponseContactAsRemoteTarget() {
        SipRequest invite = Rfc3261Calls.invite(SERVER10, BIGBOX);

        DialogState d = Dialogs.createUac(invite, Rfc3261Calls.ok(invite));

        assertThat(d.role()).isEqualTo(DialogState.Role.UAC);
        assertThat(d.state()).isEqualTo(DialogState.State.CONFIRMED);
        assertThat(d.id()).isEqualTo(new DialogId(CALL_ID, ALICE_TAG, BOB_TAG));
        assertThat(d.routeSet()).containsExactly(BIGBOX, SERVER10);
        assertThat(d.remoteTarget()).isEqualTo(BOB_CONTACT);
        assertThat(d.localSeq()).isEqualTo(INVITE_CSEQ);
        assertThat(d.hasRemoteSeq()).isFalse();
        assertThat(d.initialCseq()).isEqualTo(INVITE_CSEQ);
        assertThat(d.localUri()).isEqualTo("Alice <sip:alice@atlanta.com>");
        assertThat(d.remoteUri()).isEqualTo("Bob <sip:bob@biloxi.com>");
        assertThat(d.secure()).isFalse();
    }

    @Test
    void recordRouteInOneCommaSeparatedFieldIsReversedToo() {
        SipRequest invite = Rfc3261Calls.invite(SERVER10 + ", " + BIGBOX);

        DialogState d = Dialogs.createUac(invite, Rfc3261Calls.ok(invite));

        assertThat(d.routeSet()).containsExactly(BIGBOX, SERVER10);
    }

    @Test
    void recordRouteParametersArePreserved() {
        String rr = "<sip:p1.example.com;lr;transport=tcp;ftag=abc>;x-hdr=1";
        SipRequest invite = Rfc3261Calls.invite(rr);

        DialogState d = Dialogs.createUac(invite, Rfc3261Calls.ok(invite));

        assertThat(d.routeSet()).containsExactly(rr);
        assertThat(d.routes().get(0).sipUri().parameter("ftag")).isEqualTo("abc");
    }

    @Test
    void ringingWithToTagCreatesEarlyDialogThat200Confirms() {
        SipRequest invite = Rfc3261Calls.invite(SERVER10);
        SipResponse ringing = Rfc3261Calls.response(invite, 180, "sip:bob@early.biloxi.com");

        DialogState early = Dialogs.createUac(invite, ringing);
        assertThat(early.isEarly()).isTrue();
        assertThat(early.remoteTarget()).isEqualTo("sip:bob@early.biloxi.com");

        // §13.2.2.4: the 2xx recomputes the route set and brings the final remote target.
        SipResponse ok = SipResponse.forRequest(invite, 200)
                .toTag(BOB_TAG)
                .add(HeaderName.RECORD_ROUTE, SERVER10)
                .add(HeaderName.RECORD_ROUTE, BIGBOX)
                .add(HeaderName.CONTACT, "<" + BOB_CONTACT + ">")
                .build();
        DialogState confirmed = early.applyResponse(ok);

        assertThat(confirmed.isConfirmed()).isTrue();
        assertThat(confirmed.routeSet()).containsExactly(BIGBOX, SERVER10);
        assertThat(confirmed.remoteTarget()).isEqualTo(BOB_CONTACT);
        assertThat(confirmed.localSeq()).isEqualTo(INVITE_CSEQ);
    }

    @Test
    void laterProvisionalWithContactUpdatesEarlyRemoteTarget() {
        SipRequest invite = Rfc3261Calls.invite();
        DialogState early = Dialogs.createUac(invite, Rfc3261Calls.response(invite, 180, "sip:bob@a.example"));

        DialogState next = early.applyResponse(Rfc3261Calls.response(invite, 183, "sip:bob@b.example"));

        assertThat(next.isEarly()).isTrue();
        assertThat(next.remoteTarget()).isEqualTo("sip:bob@b.example");
    }

    @Test
    void earlyDialogIsTerminatedByNonSuccessFinalResponse() {
        SipRequest invite = Rfc3261Calls.invite();
        DialogState early = Dialogs.createUac(invite, Rfc3261Calls.ringing(invite));

        DialogState after = early.applyResponse(Rfc3261Calls.response(invite, 486, null));

        assertThat(after.isTerminated()).isTrue();
    }

    @Test
    void okToCancelDoesNotConfirmEarlyDialog() {
        SipRequest invite = Rfc3261Calls.invite();
        DialogState early = Dialogs.createUac(invite, Rfc3261Calls.ringing(invite));
        SipResponse okToCancel = SipResponse.forRequest(invite, 200)
                .toTag(BOB_TAG)
                .set(HeaderName.CSEQ, INVITE_CSEQ + " CANCEL")
                .build();

        assertThat(early.applyResponse(okToCancel)).isEqualTo(early);
    }

    @Test
    void provisionalWithoutContactTakesRequestUriAsRemoteTargetUntilA2xxBringsOne() {
        SipRequest invite = Rfc3261Calls.invite();

        DialogState early = Dialogs.createUac(invite, Rfc3261Calls.response(invite, 180, null));

        assertThat(early.remoteTarget()).isEqualTo("sip:bob@biloxi.com");
        assertThat(early.applyResponse(Rfc3261Calls.ok(invite)).remoteTarget()).isEqualTo(BOB_CONTACT);
    }

    @Test
    void responsesThatCannotCreateADialogAreRefused() {
        SipRequest invite = Rfc3261Calls.invite();
        SipResponse trying = SipResponse.forRequest(invite, 100).build();
        SipResponse ringingWithoutTag = SipResponse.forRequest(invite, 180).build();
        SipResponse busy = Rfc3261Calls.response(invite, 486, null);
        SipResponse okWithoutContact = Rfc3261Calls.response(invite, 200, null);
        SipResponse okForAnotherCall = Rfc3261Calls.ok(invite).toBuilder()
                .set(HeaderName.CALL_ID, "other")
                .build();

        for (SipResponse r : new SipResponse[] {trying, ringingWithoutTag, busy, okWithoutContact, okForAnotherCall}) {
            assertThatThrownBy(() -> Dialogs.createUac(invite, r))
                    .as(r.startLine())
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void sipsRequestUriMakesTheDialogSecure() {
        SipRequest invite = Rfc3261Calls.invite().toBuilder()
                .requestUri(SipUri.parse("sips:bob@biloxi.com"))
                .build();

        assertThat(Dialogs.createUac(invite, Rfc3261Calls.ok(invite)).secure()).isTrue();
    }

    @Test
    void responseWithAnotherToTagBelongsToAnotherDialog() {
        SipRequest invite = Rfc3261Calls.invite();
        DialogState early = Dialogs.createUac(invite, Rfc3261Calls.ringing(invite));
        SipResponse forked = SipResponse.forRequest(invite, 200)
                .toTag("fork2")
                .add(HeaderName.CONTACT, "<sip:bob@other.biloxi.com>")
                .build();

        assertThatThrownBy(() -> early.applyResponse(forked))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fork2");
        assertThat(Dialogs.createUac(invite, forked).remoteTag()).isEqualTo("fork2");
    }

    @Test
    void response481or408ToRequestWithinDialogTerminatesIt() {
        DialogState alice = Rfc3261Calls.aliceConfirmed();
        DialogRequest info = Dialogs.newRequest(alice, SipMethod.INFO);
        SipRequest sent = withVia(info);

        assertThat(info.state().applyResponse(response(sent, 481)).isTerminated())
                .isTrue();
        assertThat(info.state().applyResponse(response(sent, 408)).isTerminated())
                .isTrue();
        assertThat(info.state().applyResponse(response(sent, 200)).isConfirmed())
                .isTrue();
    }

    @Test
    void okToByeTerminatesDialog() {
        DialogRequest bye = Dialogs.newRequest(Rfc3261Calls.aliceConfirmed(), SipMethod.BYE);

        assertThat(bye.state().applyResponse(response(withVia(bye), 200)).isTerminated())
                .isTrue();
    }

    @Test
    void challengeToByeKeepsDialogSoTheByeCanBeRetriedWithCredentials() {
        DialogRequest bye = Dialogs.newRequest(Rfc3261Calls.aliceConfirmed(), SipMethod.BYE);

        DialogState after = bye.state().applyResponse(response(withVia(bye), 401));
        DialogRequest retry = Dialogs.newRequest(after, SipMethod.BYE);

        assertThat(after.isConfirmed()).isTrue();
        assertThat(retry.request().build().cseq().number()).isEqualTo(INVITE_CSEQ + 2);
    }

    static SipRequest withVia(DialogRequest r) {
        return r.request()
                .addFirst(HeaderName.VIA, "SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKtest")
                .build();
    }

    static SipResponse response(SipRequest request, int status) {
        return SipResponse.forRequest(request, status).build();
    }
}
