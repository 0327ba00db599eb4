package io.siplane.sip.dialog;

import static io.siplane.sip.dialog.Rfc3261Calls.ALICE_CONTACT;
import static io.siplane.sip.dialog.Rfc3261Calls.BOB_CONTACT;
import static io.siplane.sip.dialog.Rfc3261Calls.INVITE_CSEQ;
import static org.assertj.core.api.Assertions.assertThat;

import io.siplane.sip.dialog.RemoteRequestOutcome.Verdict;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import org.junit.jupiter.api.Test;

/** RFC 3261 §12.2.2 and §12.2.1.2: requests received within a dialog, and target refresh. */
class RemoteRequestTest {
    @Test
    void higherCseqIsAcceptedAndBecomesTheRemoteSequenceNumber() {
        DialogState bob = Rfc3261Calls.bobConfirmed();

        RemoteRequestOutcome out = bob.acceptRemoteRequest(Rfc3261Calls.fromAlice(SipMethod.INFO, INVITE_CSEQ + 5));

        assertThat(out.verdict()).isEqualTo(Verdict.ACCEPT);
        assertThat(out.state().remoteSeq()).isEqualTo(INVITE_CSEQ + 5);
    }

    @Test
    void outOfOrderLowerCseqIsRejectedWith500AndStateUnchanged() {
        DialogState bob = Rfc3261Calls.bobConfirmed()
                .acceptRemoteRequest(Rfc3261Calls.fromAlice(SipMethod.INFO, INVITE_CSEQ + 2))
                .state();

        RemoteRequestOutcome late = bob.acceptRemoteRequest(Rfc3261Calls.fromAlice(SipMethod.INFO, INVITE_CSEQ + 1));

        assertThat(late.verdict()).isEqualTo(Verdict.REJECT_500);
        assertThat(late.verdict().status()).isEqualTo(500);
        assertThat(late.state()).isSameAs(bob);
    }

    @Test
    void newRequestReusingTheLastCseqIsRejectedWith500() {
        DialogState bob = Rfc3261Calls.bobConfirmed()
                .acceptRemoteRequest(Rfc3261Calls.fromAlice(SipMethod.INFO, INVITE_CSEQ + 1))
                .state();

        assertThat(bob.acceptRemoteRequest(Rfc3261Calls.fromAlice(SipMethod.UPDATE, INVITE_CSEQ + 1))
                        .verdict())
                .isEqualTo(Verdict.REJECT_500);
    }

    @Test
    void ackOfThe2xxCarriesTheInviteCseqAndDoesNotBumpTheRemoteSequenceNumber() {
        DialogState bob = Rfc3261Calls.bobConfirmed();

        RemoteRequestOutcome ack = bob.acceptRemoteRequest(Rfc3261Calls.fromAlice(SipMethod.ACK, INVITE_CSEQ));

        assertThat(ack.accepted()).isTrue();
        assertThat(ack.state()).isSameAs(bob);
    }

    @Test
    void firstRequestFromTheCalleeFillsTheEmptyRemoteSequenceNumber() {
        DialogState alice = Rfc3261Calls.aliceConfirmed();
        assertThat(alice.hasRemoteSeq()).isFalse();

        RemoteRequestOutcome bye = alice.acceptRemoteRequest(Rfc3261Calls.fromBob(SipMethod.BYE, 231));

        assertThat(bye.accepted()).isTrue();
        assertThat(bye.state().remoteSeq()).isEqualTo(231);
    }

    @Test
    void reInviteWithContactRefreshesTheRemoteTarget() {
        DialogState bob = Rfc3261Calls.bobConfirmed();
        SipRequest reInvite = Rfc3261Calls.fromAlice(SipMethod.INVITE, INVITE_CSEQ + 1).toBuilder()
                .add(HeaderName.CONTACT, "<sip:alice@198.51.100.9;transport=tcp>")
                .build();

        RemoteRequestOutcome out = bob.acceptRemoteRequest(reInvite);

        assertThat(out.accepted()).isTrue();
        assertThat(out.state().remoteTarget()).isEqualTo("sip:alice@198.51.100.9;transport=tcp");
        SipRequest bye =
                Dialogs.newRequest(out.state(), SipMethod.BYE).request().build();
        assertThat(bye.requestUri()).hasToString("sip:alice@198.51.100.9;transport=tcp");
    }

    @Test
    void requestThatIsNoTargetRefreshLeavesTheRemoteTarget() {
        DialogState bob = Rfc3261Calls.bobConfirmed();
        SipRequest info = Rfc3261Calls.fromAlice(SipMethod.INFO, INVITE_CSEQ + 1).toBuilder()
                .add(HeaderName.CONTACT, "<sip:alice@198.51.100.9>")
                .build();

        assertThat(bob.acceptRemoteRequest(info).state().remoteTarget()).isEqualTo(ALICE_CONTACT);
    }

    @Test
    void requestOfAnotherOrATerminatedDialogIsRejectedWith481() {
        DialogState bob = Rfc3261Calls.bobConfirmed();
        SipRequest otherTag = Rfc3261Calls.fromAlice(SipMethod.BYE, INVITE_CSEQ + 1).toBuilder()
                .set(HeaderName.TO, "Bob <sip:bob@biloxi.com>;tag=stale")
                .build();

        assertThat(bob.acceptRemoteRequest(otherTag).verdict()).isEqualTo(Verdict.REJECT_481);
        assertThat(bob.terminated()
                        .acceptRemoteRequest(Rfc3261Calls.fromAlice(SipMethod.BYE, INVITE_CSEQ + 1))
                        .verdict()
                        .status())
                .isEqualTo(481);
    }

    @Test
    void okToReInviteWeSentRefreshesTheRemoteTarget() {
        DialogRequest reInvite = Dialogs.newRequest(Rfc3261Calls.aliceConfirmed(), SipMethod.INVITE);
        SipResponse ok = SipResponse.forRequest(UacDialogTest.withVia(reInvite), 200)
                .add(HeaderName.CONTACT, "<sip:bob@203.0.113.4>")
                .build();

        DialogState after = reInvite.state().applyTargetRefreshResponse(ok);

        assertThat(after.remoteTarget()).isEqualTo("sip:bob@203.0.113.4");
        assertThat(reInvite.state().applyResponse(ok).remoteTarget()).isEqualTo("sip:bob@203.0.113.4");
    }

    @Test
    void failedOrNonRefreshingRequestLeavesTheRemoteTarget() {
        DialogState alice = Rfc3261Calls.aliceConfirmed();
        DialogRequest update = Dialogs.newRequest(alice, SipMethod.UPDATE);
        DialogRequest info = Dialogs.newRequest(alice, SipMethod.INFO);
        SipResponse rejected = SipResponse.forRequest(UacDialogTest.withVia(update), 488)
                .add(HeaderName.CONTACT, "<sip:bob@203.0.113.4>")
                .build();
        SipResponse okToInfo = SipResponse.forRequest(UacDialogTest.withVia(info), 200)
                .add(HeaderName.CONTACT, "<sip:bob@203.0.113.4>")
                .build();

        assertThat(update.state().applyTargetRefreshResponse(rejected).remoteTarget())
                .isEqualTo(BOB_CONTACT);
        assertThat(info.state().applyTargetRefreshResponse(okToInfo).remoteTarget())
                .isEqualTo(BOB_CONTACT);
    }

    @Test
    void toTagMarksARequestAsInDialog() {
        assertThat(Dialogs.isInDialog(Rfc3261Calls.fromAlice(SipMethod.BYE, 1))).isTrue();
        assertThat(Dialogs.isInDialog(Rfc3261Calls.invite())).isFalse();
    }

    @Test
    void targetRefreshMethodsAreInviteUpdateSubscribeAndNotify() {
        assertThat(SipMethod.STANDARD.stream().filter(Dialogs::isTargetRefresh))
                .containsExactlyInAnyOrder(SipMethod.INVITE, SipMethod.UPDATE, SipMethod.SUBSCRIBE, SipMethod.NOTIFY);
    }
}
