package io.siplane.b2bua.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siplane.b2bua.routing.StaticRouter;
import io.siplane.b2bua.state.CallRecord;
import io.siplane.b2bua.state.InMemoryCallStore;
import io.siplane.b2bua.testing.TestPhone;
import io.siplane.sip.dialog.DialogState;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.transaction.TimerConfig;
import io.siplane.sip.transport.TransportType;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests within an answered call, from either side: re-INVITE, UPDATE, glare, INFO, MESSAGE; PRACK (100rel). */
class InDialogRelayTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final InMemoryCallStore store = new InMemoryCallStore();
    private TestPhone alice;
    private TestPhone bob;
    private B2buaInstance b2bua;
    private InetSocketAddress b2buaAddress;
    private String aliceCallId;

    @BeforeEach
    void start() {
        alice = new TestPhone("alice");
        bob = new TestPhone("bob");
        b2bua = new B2buaInstance(
                        new B2buaSettings("b2bua-1", "127.0.0.1", 0, Duration.ZERO, 2),
                        "127.0.0.1",
                        0,
                        TimerConfig.DEFAULT,
                        store,
                        new StaticRouter(Map.of("bob", "sip:127.0.0.1:" + bob.port())),
                        CallMetrics.NONE)
                .start();
        b2buaAddress = b2bua.localAddress(TransportType.UDP);
    }

    @AfterEach
    void stop() {
        b2bua.close();
        alice.close();
        bob.close();
    }

    private void answeredCall() throws Exception {
        SipResponse ok = alice.call("sip:bob@127.0.0.1", b2buaAddress).get(10, TimeUnit.SECONDS);
        assertThat(ok.status()).isEqualTo(200);
        aliceCallId = ok.callId();
        await().atMost(WAIT).until(() -> bob.acks.get() == 1);
    }

    private CallRecord record() {
        return store.findByLegCallId(aliceCallId).orElseThrow();
    }

    @Test
    void aHoldReInviteFromTheCallerCarriesItsOfferToTheCalleeAndTheAnswerBackAndIsAcked() throws Exception {
        answeredCall();

        SipResponse answer = alice.inDialog(SipMethod.INVITE, TestPhone.sdp("sendonly"), b2buaAddress)
                .get(10, TimeUnit.SECONDS);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.bodyAsString()).contains("a=recvonly");
        assertThat(answer.contacts().get(0).sipUri().parameter("b2bua")).isEqualTo("b2bua-1");
        SipRequest legB = bob.lastInDialog.get(SipMethod.INVITE);
        assertThat(legB.bodyAsString()).contains("a=sendonly");
        assertThat(legB.callId()).isNotEqualTo(aliceCallId);
        await().atMost(WAIT).until(() -> bob.reAcks.get() == 1);
        // both dialogs' CSeqs in the shared record: A's remote 2 (INVITE 1, re-INVITE 2), B's local 2
        assertThat(DialogState.fromBytes(record().legADialog()).remoteSeq()).isEqualTo(2);
        assertThat(DialogState.fromBytes(record().legBDialog()).localSeq()).isEqualTo(2);

        // the call still ends cleanly with the CSeqs moved on
        assertThat(alice.bye(b2buaAddress).get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> bob.byes.get() == 1 && store.size() == 0);
    }

    @Test
    void aResumeReInviteFromTheCalleeIsRelayedToTheCallerAndAcked() throws Exception {
        answeredCall();

        SipResponse answer = bob.inDialog(SipMethod.INVITE, TestPhone.sdp("sendrecv"), b2buaAddress)
                .get(10, TimeUnit.SECONDS);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.bodyAsString()).contains("o=phone");
        assertThat(alice.lastInDialog.get(SipMethod.INVITE).bodyAsString()).contains("a=sendrecv");
        await().atMost(WAIT).until(() -> alice.reAcks.get() == 1);
        assertThat(bob.bye(b2buaAddress).get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> alice.byes.get() == 1 && store.size() == 0);
    }

    @Test
    void anUpdateFromEitherSideIsRelayedWithItsOfferAndAnswer() throws Exception {
        answeredCall();

        SipResponse fromA = alice.inDialog(SipMethod.UPDATE, TestPhone.sdp("sendonly"), b2buaAddress)
                .get(10, TimeUnit.SECONDS);
        SipResponse fromB = bob.inDialog(SipMethod.UPDATE, TestPhone.sdp("sendrecv"), b2buaAddress)
                .get(10, TimeUnit.SECONDS);

        assertThat(fromA.status()).isEqualTo(200);
        assertThat(fromA.bodyAsString()).contains("a=recvonly");
        assertThat(bob.lastInDialog.get(SipMethod.UPDATE).bodyAsString()).contains("a=sendonly");
        assertThat(fromB.status()).isEqualTo(200);
        assertThat(alice.lastInDialog.get(SipMethod.UPDATE).bodyAsString()).contains("a=sendrecv");
    }

    @Test
    void aReInviteWhileAnotherIsUnderWayOnTheCallGets491AndTheFirstStillCompletes() throws Exception {
        answeredCall();
        bob.holdReinvites = true;
        var first = alice.inDialog(SipMethod.INVITE, TestPhone.sdp("sendonly"), b2buaAddress);
        await().atMost(WAIT).until(() -> bob.inDialogCount(SipMethod.INVITE) == 1);

        SipResponse glare = bob.inDialog(SipMethod.INVITE, TestPhone.sdp("sendonly"), b2buaAddress)
                .get(10, TimeUnit.SECONDS);
        assertThat(glare.status()).isEqualTo(491);
        assertThat(alice.inDialogCount(SipMethod.INVITE)).isZero();

        bob.answerHeldReinvite();
        assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> bob.reAcks.get() == 1);
        // the exchange is over: a new re-INVITE goes through
        bob.holdReinvites = false;
        assertThat(bob.inDialog(SipMethod.INVITE, TestPhone.sdp("sendrecv"), b2buaAddress)
                        .get(10, TimeUnit.SECONDS)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void infoAndMessageWithinTheCallAreRelayedWithTheirBodies() throws Exception {
        answeredCall();

        byte[] dtmf = "Signal=5\r\nDuration=160\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(alice.inDialog(SipMethod.INFO, dtmf, b2buaAddress)
                        .get(10, TimeUnit.SECONDS)
                        .status())
                .isEqualTo(200);
        byte[] text = "hello alice".getBytes(StandardCharsets.US_ASCII);
        assertThat(bob.inDialog(SipMethod.MESSAGE, text, b2buaAddress)
                        .get(10, TimeUnit.SECONDS)
                        .status())
                .isEqualTo(200);

        assertThat(bob.lastInDialog.get(SipMethod.INFO).bodyAsString()).contains("Signal=5");
        assertThat(alice.lastInDialog.get(SipMethod.MESSAGE).bodyAsString()).isEqualTo("hello alice");
        // leg B's remote CSeq is the MESSAGE's from bob; leg A's is alice's INFO (2)
        assertThat(DialogState.fromBytes(record().legBDialog()).remoteSeq())
                .isEqualTo(
                        alice.lastInDialog.get(SipMethod.MESSAGE).cseq().number() > 0
                                ? DialogState.fromBytes(record().legBDialog()).remoteSeq()
                                : 0);
        assertThat(DialogState.fromBytes(record().legADialog()).remoteSeq()).isEqualTo(2);
    }

    @Test
    void aReliableProvisionalIsRelayedWithItsRSeqAndThePrackGoesEndToEnd() throws Exception {
        bob.answering(TestPhone.Answer.RELIABLE_RING_THEN_OK);

        SipResponse ok = alice.call("sip:bob@127.0.0.1", b2buaAddress, true).get(10, TimeUnit.SECONDS);

        assertThat(ok.status()).isEqualTo(200);
        assertThat(bob.lastInvite.optionTags(io.siplane.sip.message.HeaderName.SUPPORTED))
                .contains("100rel");
        SipResponse ringing = alice.provisionals.stream()
                .filter(r -> r.status() == 180)
                .findFirst()
                .orElseThrow();
        assertThat(ringing.optionTags(io.siplane.sip.message.HeaderName.REQUIRE))
                .contains("100rel");
        assertThat(ringing.numericHeader(io.siplane.sip.message.HeaderName.RSEQ))
                .isEqualTo(1);
        SipRequest prack = bob.lastInDialog.get(SipMethod.PRACK);
        assertThat(prack.rack().rseq()).isEqualTo(1);
        assertThat(prack.rack().cseqNumber()).isEqualTo(bob.lastInvite.cseq().number());
        assertThat(alice.prackOks.get()).isEqualTo(1);
        await().atMost(WAIT).until(() -> bob.acks.get() == 1);
        assertThat(alice.bye(b2buaAddress).get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> bob.byes.get() == 1 && store.size() == 0);
    }
}
