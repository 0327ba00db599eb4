package io.siplane.sip.dialog;

import static io.siplane.sip.dialog.Rfc3261Calls.ALICE_CONTACT;
import static io.siplane.sip.dialog.Rfc3261Calls.ALICE_TAG;
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

/** RFC 3261 §12.1.1: the dialog of the callee. */
class UasDialogTest {
    private static final String BIGBOX = "<sip:bigbox3.site3.atlanta.com;lr>";
    private static final String SERVER10 = "<sip:server10.biloxi.com;lr>";

    @Test
    void dialogKeepsRecordRouteInOrderAndRequestContactAsRemoteTarget() {
        SipRequest invite = Rfc3261Calls.invite(SERVER10, BIGBOX);

        DialogState d = Dialogs.createUas(invite, BOB_TAG, false);

        assertThat(d.role()).isEqualTo(DialogState.Role.UAS);
        assertThat(d.state()).isEqualTo(DialogState.State.EARLY);
        assertThat(d.id()).isEqualTo(new DialogId(CALL_ID, BOB_TAG, ALICE_TAG));
        assertThat(d.routeSet()).containsExactly(SERVER10, BIGBOX);
        assertThat(d.remoteTarget()).isEqualTo(ALICE_CONTACT);
        assertThat(d.remoteSeq()).isEqualTo(INVITE_CSEQ);
        assertThat(d.hasLocalSeq()).isFalse();
        assertThat(d.initialCseq()).isEqualTo(INVITE_CSEQ);
        assertThat(d.localUri()).isEqualTo("Bob <sip:bob@biloxi.com>");
        assertThat(d.remoteUri()).isEqualTo("Alice <sip:alice@atlanta.com>");
    }

    @Test
    void sending200ConfirmsTheDialog() {
        SipRequest invite = Rfc3261Calls.invite();
        DialogState early = Dialogs.createUas(invite, BOB_TAG, false);

        assertThat(early.applySentResponse(Rfc3261Calls.ringing(invite)).isEarly())
                .isTrue();
        assertThat(early.applySentResponse(Rfc3261Calls.ok(invite)).isConfirmed())
                .isTrue();
    }

    @Test
    void sendingNonSuccessFinalResponseTerminatesTheEarlyDialog() {
        SipRequest invite = Rfc3261Calls.invite();
        DialogState early = Dialogs.createUas(invite, BOB_TAG, false);

        assertThat(early.applySentResponse(Rfc3261Calls.response(invite, 603, null))
                        .isTerminated())
                .isTrue();
    }

    @Test
    void answeringByeWith200TerminatesTheDialog() {
        DialogState bob = Rfc3261Calls.bobConfirmed();
        RemoteRequestOutcome bye = bob.acceptRemoteRequest(Rfc3261Calls.fromAlice(SipMethod.BYE, INVITE_CSEQ + 1));

        DialogState after = bye.state()
                .applySentResponse(SipResponse.forRequest(Rfc3261Calls.fromAlice(SipMethod.BYE, INVITE_CSEQ + 1), 200)
                        .build());

        assertThat(bye.accepted()).isTrue();
        assertThat(after.isTerminated()).isTrue();
    }

    @Test
    void dialogIsSecureOnlyForSipsRequestUriOverTls() {
        SipRequest sips = Rfc3261Calls.invite().toBuilder()
                .requestUri(SipUri.parse("sips:bob@biloxi.com"))
                .build();
        SipRequest sip = Rfc3261Calls.invite();

        assertThat(Dialogs.createUas(sips, BOB_TAG, true).secure()).isTrue();
        assertThat(Dialogs.createUas(sips, BOB_TAG, false).secure()).isFalse();
        assertThat(Dialogs.createUas(sip, BOB_TAG, true).secure()).isFalse();
    }

    @Test
    void rfc2543CallerWithoutFromTagGivesEmptyRemoteTag() {
        SipRequest invite = Rfc3261Calls.invite().toBuilder()
                .set(HeaderName.FROM, "Alice <sip:alice@atlanta.com>")
                .build();

        DialogState d = Dialogs.createUas(invite, BOB_TAG, false);

        assertThat(d.remoteTag()).isEmpty();
        SipRequest bye = Dialogs.newRequest(d, SipMethod.BYE).request().build();
        assertThat(bye.to().tag()).isNull();
    }

    @Test
    void requestWithoutContactOrFromAnotherDialogIsRefused() {
        SipRequest noContact =
                Rfc3261Calls.invite().toBuilder().remove(HeaderName.CONTACT).build();
        SipRequest otherDialog = Rfc3261Calls.invite().toBuilder()
                .set(HeaderName.TO, "Bob <sip:bob@biloxi.com>;tag=zzz")
                .build();

        assertThatThrownBy(() -> Dialogs.createUas(noContact, BOB_TAG, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Contact");
        assertThatThrownBy(() -> Dialogs.createUas(otherDialog, BOB_TAG, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zzz");
    }
}
