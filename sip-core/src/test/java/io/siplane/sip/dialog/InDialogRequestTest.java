package io.siplane.sip.dialog;

import static io.siplane.sip.dialog.Rfc3261Calls.BOB_CONTACT;
import static io.siplane.sip.dialog.Rfc3261Calls.INVITE_CSEQ;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.siplane.sip.message.CSeq;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 3261 §12.2.1.1 and §13.2.2.4: requests a UA sends within a dialog. */
class InDialogRequestTest {
    private static final String SECTION_24_2 = "rfc3665/rfc3261-section24/messages/24.2";

    @Test
    void ackFor2xxIsRfc3261F12OnceTheTransactionLayerAddsItsVia() throws IOException {
        DialogState alice = Rfc3261Calls.aliceConfirmed();

        SipRequest ack = Dialogs.ackFor2xx(alice, INVITE_CSEQ)
                .addFirst(HeaderName.VIA, "SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds9")
                .build();

        assertSameMessage(ack, corpusMessage("F12.txt"));
    }

    @Test
    void byeFromCalleeIsRfc3261F13OnceTheTransactionLayerAddsItsVia() throws IOException {
        // F13 carries CSeq 231: Bob's local sequence number was empty and he picked 231.
        DialogState bob = Rfc3261Calls.bobConfirmed().withLocalSeq(230);

        DialogRequest bye = Dialogs.newRequest(bob, SipMethod.BYE);
        SipRequest sent = bye.request()
                .addFirst(HeaderName.VIA, "SIP/2.0/UDP 192.0.2.4;branch=z9hG4bKnashds10")
                .build();

        assertSameMessage(sent, corpusMessage("F13.txt"));
        assertThat(bye.state().localSeq()).isEqualTo(231);
    }

    @Test
    void requestsCarryDialogIdentityAndNoVia() {
        SipRequest bye = Dialogs.newRequest(Rfc3261Calls.aliceConfirmed(), SipMethod.BYE)
                .request()
                .build();

        assertThat(bye.header(HeaderName.TO)).isEqualTo("Bob <sip:bob@biloxi.com>;tag=a6c85cf");
        assertThat(bye.header(HeaderName.FROM)).isEqualTo("Alice <sip:alice@atlanta.com>;tag=1928301774");
        assertThat(bye.callId()).isEqualTo(Rfc3261Calls.CALL_ID);
        assertThat(bye.maxForwards()).isEqualTo(70);
        assertThat(bye.hasHeader(HeaderName.VIA)).isFalse();
    }

    @Test
    void cseqIncrementsWithEachRequestAndTheOldStateIsUntouched() {
        DialogState d0 = Rfc3261Calls.aliceConfirmed();

        DialogRequest info = Dialogs.newRequest(d0, SipMethod.INFO);
        DialogRequest update = Dialogs.newRequest(info.state(), SipMethod.UPDATE);
        DialogRequest bye = Dialogs.newRequest(update.state(), SipMethod.BYE);

        assertThat(info.request().build().cseq()).isEqualTo(new CSeq(INVITE_CSEQ + 1, SipMethod.INFO));
        assertThat(update.request().build().cseq()).isEqualTo(new CSeq(INVITE_CSEQ + 2, SipMethod.UPDATE));
        assertThat(bye.request().build().cseq()).isEqualTo(new CSeq(INVITE_CSEQ + 3, SipMethod.BYE));
        assertThat(bye.state().localSeq()).isEqualTo(INVITE_CSEQ + 3);
        assertThat(d0.localSeq()).isEqualTo(INVITE_CSEQ);
    }

    @Test
    void ackOfReInvite2xxReusesTheReInviteNumberAndLeavesLocalSeqAlone() {
        DialogRequest reInvite = Dialogs.newRequest(Rfc3261Calls.aliceConfirmed(), SipMethod.INVITE);
        long reInviteCseq = reInvite.state().localSeq();

        SipRequest ack = Dialogs.ackFor2xx(reInvite.state(), reInviteCseq).build();

        assertThat(ack.cseq()).isEqualTo(new CSeq(INVITE_CSEQ + 1, SipMethod.ACK));
        assertThat(Dialogs.newRequest(reInvite.state(), SipMethod.BYE).state().localSeq())
                .isEqualTo(INVITE_CSEQ + 2);
    }

    @Test
    void emptyLocalSeqGetsAnInitialValueBelowTheCSeqLimit() {
        DialogState bob = Rfc3261Calls.bobConfirmed();
        assertThat(bob.hasLocalSeq()).isFalse();

        DialogRequest first = Dialogs.newRequest(bob, SipMethod.INFO);
        DialogRequest second = Dialogs.newRequest(first.state(), SipMethod.INFO);

        long n = first.request().build().cseq().number();
        assertThat(n).isBetween(1L, CSeq.MAX_NUMBER / 2);
        assertThat(second.request().build().cseq().number()).isEqualTo(n + 1);
    }

    @Test
    void emptyRouteSetSendsStraightToTheRemoteTarget() {
        SipRequest bye = Dialogs.newRequest(Rfc3261Calls.aliceConfirmed(), SipMethod.BYE)
                .request()
                .build();

        assertThat(bye.requestUri()).hasToString(BOB_CONTACT);
        assertThat(bye.hasHeader(HeaderName.ROUTE)).isFalse();
    }

    @Test
    void looseRouteSetGoesIntoRouteAndRemoteTargetIntoRequestUri() {
        // As Bob receives the INVITE: server10 (nearest Bob) on top; Alice's route set is the reverse.
        DialogState alice =
                Rfc3261Calls.aliceConfirmed("<sip:server10.biloxi.com;lr>", "<sip:bigbox3.site3.atlanta.com;lr>");

        SipRequest bye = Dialogs.newRequest(alice, SipMethod.BYE).request().build();

        assertThat(bye.requestUri()).hasToString(BOB_CONTACT);
        assertThat(bye.headerValues(HeaderName.ROUTE))
                .containsExactly("<sip:bigbox3.site3.atlanta.com;lr>", "<sip:server10.biloxi.com;lr>");
    }

    @Test
    void strictFirstRouteBecomesRequestUriAndRemoteTargetTheLastRoute() {
        // Alice's route set: [strict p1, loose p2]. p1 is an RFC 2543 proxy (no lr).
        DialogState alice = Rfc3261Calls.aliceConfirmed(
                "<sip:p2.example.com;lr>", "<sip:p1.example.com;transport=tcp;method=INVITE?Priority=urgent>");

        SipRequest bye = Dialogs.newRequest(alice, SipMethod.BYE).request().build();

        // §12.2.1.1: parameters not allowed in a Request-URI (method, headers; §19.1.1) are stripped.
        assertThat(bye.requestUri()).hasToString("sip:p1.example.com;transport=tcp");
        assertThat(bye.headerValues(HeaderName.ROUTE))
                .containsExactly("<sip:p2.example.com;lr>", "<" + BOB_CONTACT + ">");
    }

    @Test
    void strictRoutingWithASingleRouteLeavesOnlyTheRemoteTargetInRoute() {
        DialogState alice = Rfc3261Calls.aliceConfirmed("<sip:p1.example.com>");

        SipRequest bye = Dialogs.newRequest(alice, SipMethod.BYE).request().build();

        assertThat(bye.requestUri()).hasToString("sip:p1.example.com");
        assertThat(bye.headerValues(HeaderName.ROUTE)).containsExactly("<" + BOB_CONTACT + ">");
    }

    @Test
    void remoteTargetWithHeadersLosesThemInTheRequestUri() {
        SipRequest invite = Rfc3261Calls.invite();
        SipResponse ok = Rfc3261Calls.response(invite, 200, "sip:bob@192.0.2.4;transport=tcp?Subject=x");
        DialogState alice = Dialogs.createUac(invite, ok);

        SipRequest bye = Dialogs.newRequest(alice, SipMethod.BYE).request().build();

        assertThat(bye.requestUri()).hasToString("sip:bob@192.0.2.4;transport=tcp");
    }

    @Test
    void ackCancelAndTerminatedDialogsAreRefused() {
        DialogState alice = Rfc3261Calls.aliceConfirmed();

        assertThatThrownBy(() -> Dialogs.newRequest(alice, SipMethod.ACK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ackFor2xx");
        assertThatThrownBy(() -> Dialogs.newRequest(alice, SipMethod.CANCEL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CANCEL");
        assertThatThrownBy(() -> Dialogs.newRequest(alice.terminated(), SipMethod.BYE))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void exhaustedLocalSeqIsRefused() {
        DialogState alice = Rfc3261Calls.aliceConfirmed().withLocalSeq(CSeq.MAX_NUMBER);

        assertThatThrownBy(() -> Dialogs.newRequest(alice, SipMethod.BYE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2**31");
    }

    @Test
    void earlyDialogCanCarryRequests() {
        SipRequest invite = Rfc3261Calls.invite();
        DialogState early = Dialogs.createUac(invite, Rfc3261Calls.ringing(invite));

        SipRequest prack = Dialogs.newRequest(early, SipMethod.PRACK).request().build();

        assertThat(prack.cseq()).isEqualTo(new CSeq(INVITE_CSEQ + 1, SipMethod.PRACK));
        assertThat(prack.requestUri()).hasToString(BOB_CONTACT);
    }

    /** Start line and header fields equal, order of different header names aside (§7.3.1). */
    private static void assertSameMessage(SipRequest built, List<String> expectedLines) {
        List<String> actual = List.of(built.toString().split("\r\n"));
        assertThat(actual.get(0)).isEqualTo(expectedLines.get(0));
        assertThat(actual.subList(1, actual.size()))
                .containsExactlyInAnyOrderElementsOf(expectedLines.subList(1, expectedLines.size()));
    }

    /** A corpus message's head, one line per header field (these messages have no folded lines). */
    private static List<String> corpusMessage(String name) throws IOException {
        Path file = corpus().resolve(SECTION_24_2).resolve(name);
        String text = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        int end = text.indexOf("\n\n");
        return List.of((end < 0 ? text.strip() : text.substring(0, end)).split("\n"));
    }

    private static Path corpus() {
        for (String candidate : new String[] {"../../shared/corpus", "../shared/corpus"}) {
            Path p = Path.of(candidate);
            if (Files.isDirectory(p)) return p;
        }
        assumeThat(false)
                .as("conformance corpus not found beside the repository")
                .isTrue();
        throw new IllegalStateException("unreachable");
    }
}
