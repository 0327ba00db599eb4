package io.siplane.sip.transaction;

import static io.siplane.sip.transaction.Sip.UDP_PEER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.StatusCodes;
import io.siplane.sip.message.uri.Uri;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Matching (RFC 3261 §17.1.3, §17.2.3), CANCEL (§9.2), merged requests (§8.2.2.2), tables and counters. */
class TransactionLayerTest {
    private final Harness h = new Harness();
    private final RecordingClientUser tu = new RecordingClientUser();

    // ---- client side -------------------------------------------------------------------------------------------

    @Test
    void requestWithoutMagicCookieGetsAFreshRfc3261Branch() {
        SipRequest noBranch = Sip.request(SipMethod.OPTIONS, "UDP", null).build();

        ClientTransaction tx = h.layer.sendRequest(noBranch, UDP_PEER, tu);

        assertThat(tx.branch()).startsWith("z9hG4bK").hasSizeGreaterThan(7 + 10);
        assertThat(((SipRequest) h.transport.last().message()).topVia().branch())
                .isEqualTo(tx.branch());
    }

    @Test
    void newBranchesAreUnique() {
        Set<String> branches = new HashSet<>();
        for (int i = 0; i < 10_000; i++) branches.add(TransactionLayer.newBranch());
        assertThat(branches).hasSize(10_000).allMatch(b -> b.startsWith("z9hG4bK"));
    }

    @Test
    void responseMatchesOnBranchAndCSeqMethodSoCancelHasItsOwnTransaction() {
        SipRequest invite = Sip.invite();
        InviteClientTransaction inviteTx = (InviteClientTransaction) h.layer.sendRequest(invite, UDP_PEER, tu);
        RecordingClientUser cancelTu = new RecordingClientUser();
        SipRequest cancel = inviteTx.createCancel();
        h.layer.sendRequest(cancel, UDP_PEER, cancelTu);

        h.layer.receiveResponse(Sip.response(cancel, 200), UDP_PEER);
        h.layer.receiveResponse(Sip.response(invite, 487), UDP_PEER);

        assertThat(cancelTu.events).containsExactly("final 200");
        assertThat(tu.events).containsExactly("final 487");
    }

    @Test
    void responseWithUnknownBranchIsStray() {
        SipResponse response = Sip.response(Sip.invite(), 200);

        h.layer.receiveResponse(response, UDP_PEER);

        assertThat(h.strayResponses).containsExactly(response);
    }

    @Test
    void ackIsNotATransaction() {
        SipRequest ack = Sip.ackFor2xx(Sip.invite(), Sip.response(Sip.invite(), 200), "z9hG4bKack");

        assertThatThrownBy(() -> h.layer.sendRequest(ack, UDP_PEER, tu)).isInstanceOf(IllegalArgumentException.class);
        h.layer.sendStateless(ack, UDP_PEER);
        assertThat(h.transport.requests(SipMethod.ACK)).containsExactly(ack);
    }

    @Test
    void branchInUseIsRefused() {
        h.layer.sendRequest(Sip.invite(), UDP_PEER, tu);

        assertThatThrownBy(() -> h.layer.sendRequest(Sip.invite(), UDP_PEER, tu))
                .isInstanceOf(IllegalStateException.class);
    }

    // ---- server side -------------------------------------------------------------------------------------------

    @Test
    void sameBranchFromAnotherSentByIsAnotherTransaction() {
        SipRequest invite = Sip.arrived(Sip.invite(), UDP_PEER);
        SipRequest other = invite.toBuilder()
                .replaceFirstValue(HeaderName.VIA, "SIP/2.0/UDP other.example.com;branch=" + Sip.BRANCH)
                .set(HeaderName.FROM, "<sip:carol@chicago.example.com>;tag=c1")
                .build();

        h.layer.receiveRequest(invite, UDP_PEER);
        h.layer.receiveRequest(other, UDP_PEER);

        assertThat(h.core.events).containsExactly("request INVITE", "request INVITE");
        assertThat(h.layer.serverTransactionCount()).isEqualTo(2);
    }

    @Test
    void cancelMatchingAnInviteIsAnswered200AndTuAnswers487() {
        SipRequest invite = Sip.arrived(Sip.invite(), UDP_PEER);
        h.core.onCancelDo((tx, cancel) -> tx.sendResponse(Sip.response(tx.request(), 487)));
        h.layer.receiveRequest(invite, UDP_PEER);
        InviteServerTransaction inviteTx = (InviteServerTransaction) h.core.lastTransaction();
        inviteTx.sendResponse(Sip.response(invite, 180));

        SipRequest cancel = Sip.arrived(TransactionRequests.cancel(Sip.invite()), UDP_PEER);
        h.layer.receiveRequest(cancel, UDP_PEER);
        h.layer.receiveRequest(cancel, UDP_PEER); // a retransmitted CANCEL is absorbed by its own transaction

        assertThat(h.core.events).containsExactly("request INVITE", "cancel");
        SipResponse ok = h.transport.responses(200).get(0);
        assertThat(ok.cseq().method()).isEqualTo(SipMethod.CANCEL);
        // §9.2: the To tag of the 200 to CANCEL is the one of the response to the INVITE.
        assertThat(ok.to().tag()).isEqualTo(Sip.UAS_TAG);
        assertThat(h.transport.responses(200)).hasSize(2);
        assertThat(h.transport.responses(487)).hasSize(1);
        assertThat(inviteTx.state()).isEqualTo("COMPLETED");
    }

    @Test
    void cancelAfterTheFinalResponseIsAnswered200WithoutTellingTu() {
        SipRequest invite = Sip.arrived(Sip.invite(), UDP_PEER);
        h.layer.receiveRequest(invite, UDP_PEER);
        h.core.lastTransaction().sendResponse(Sip.response(invite, 200));

        h.layer.receiveRequest(Sip.arrived(TransactionRequests.cancel(Sip.invite()), UDP_PEER), UDP_PEER);

        assertThat(h.core.events).containsExactly("request INVITE");
        assertThat(h.transport.responses(200))
                .extracting(r -> r.cseq().method().name())
                .containsExactly("INVITE", "CANCEL");
    }

    @Test
    void unmatchedCancelGets481() {
        SipRequest cancel = Sip.arrived(TransactionRequests.cancel(Sip.invite()), UDP_PEER);

        h.layer.receiveRequest(cancel, UDP_PEER);
        h.layer.receiveRequest(cancel, UDP_PEER);

        assertThat(h.core.events).isEmpty();
        assertThat(h.transport.responses(StatusCodes.CALL_DOES_NOT_EXIST)).hasSize(2);
        assertThat(h.transport.responses(481).get(0).to().tag()).isNotNull();
    }

    @Test
    void proxyGetsUnmatchedCancelAsARequest() {
        Harness proxy = new Harness(TimerConfig.DEFAULT, TransactionLayer.Options.proxy((r, s) -> {}));

        proxy.layer.receiveRequest(Sip.arrived(TransactionRequests.cancel(Sip.invite()), UDP_PEER), UDP_PEER);

        assertThat(proxy.core.events).containsExactly("request CANCEL");
        assertThat(proxy.transport.count()).isZero();
    }

    @Test
    void mergedRequestGets482() {
        SipRequest first = Sip.arrived(Sip.invite(), UDP_PEER);
        // The same request forked upstream and arriving by another path: another branch, same From tag, Call-ID,
        // CSeq, no To tag (§8.2.2.2).
        SipRequest merged = first.toBuilder()
                .replaceFirstValue(
                        HeaderName.VIA, "SIP/2.0/UDP proxy2.example.com;branch=z9hG4bKother;received=192.0.2.30")
                .build();

        h.layer.receiveRequest(first, UDP_PEER);
        h.layer.receiveRequest(merged, UDP_PEER);
        h.layer.receiveRequest(merged, UDP_PEER); // its retransmission gets the 482 again

        assertThat(h.core.events).containsExactly("request INVITE");
        assertThat(h.transport.responses(StatusCodes.LOOP_DETECTED)).hasSize(2);
        assertThat(h.transport.last().destination().address()).isEqualTo(new InetSocketAddress("192.0.2.30", 5060));
    }

    @Test
    void proxyDoesNotDetectMergedRequests() {
        Harness proxy = new Harness(TimerConfig.DEFAULT, TransactionLayer.Options.proxy((r, s) -> {}));
        SipRequest first = Sip.arrived(Sip.invite(), UDP_PEER);
        SipRequest spiral = first.toBuilder()
                .addFirst(HeaderName.VIA, "SIP/2.0/UDP proxy.example.com;branch=z9hG4bKspiral")
                .build();

        proxy.layer.receiveRequest(first, UDP_PEER);
        proxy.layer.receiveRequest(spiral, UDP_PEER);

        assertThat(proxy.core.events).containsExactly("request INVITE", "request INVITE");
    }

    /** After RFC 4475 §3.4.1 (inv2543): no branch, no From tag, no Max-Forwards. */
    private static SipRequest inv2543() {
        return SipRequest.builder(SipMethod.INVITE, Uri.parse("sip:UserB@example.com"))
                .add(HeaderName.VIA, "SIP/2.0/UDP iftgw.example.com")
                .add(HeaderName.FROM, "<sip:+13035551111@ift.client.example.net;user=phone>")
                .add(HeaderName.RECORD_ROUTE, "<sip:UserB@example.com;maddr=ss1.example.com>")
                .add(HeaderName.TO, "sip:+16505552222@ss1.example.net;user=phone")
                .add(HeaderName.CALL_ID, "inv2543.1717@ift.client.example.com")
                .add(HeaderName.CSEQ, "56 INVITE")
                .build();
    }

    @Test
    void rfc2543RequestWithoutBranchMatchesOnDialogIdentifiersAndTopVia() {
        Destination gw = Destination.of("UDP", new InetSocketAddress("192.0.2.20", 5060));
        SipRequest invite = Sip.arrived(inv2543(), gw);
        h.layer.receiveRequest(invite, gw);
        InviteServerTransaction tx = (InviteServerTransaction) h.core.lastTransaction();

        h.layer.receiveRequest(invite, gw); // retransmission
        SipResponse busy = SipResponse.forRequest(invite, 486).toTag("b2543").build();
        tx.sendResponse(busy);
        // An ACK with another To tag is not for this transaction (§17.2.3: the To tag of the response).
        SipRequest strayAck = Sip.arrived(
                TransactionRequests.ackForNon2xx(
                        inv2543(),
                        SipResponse.forRequest(invite, 486).toTag("elsewhere").build()),
                gw);
        h.layer.receiveRequest(strayAck, gw);
        h.layer.receiveRequest(Sip.arrived(TransactionRequests.ackForNon2xx(inv2543(), busy), gw), gw);

        assertThat(h.core.events).containsExactly("request INVITE", "stray ack");
        assertThat(tx.retransmissionsReceived()).isEqualTo(1);
        assertThat(tx.state()).isEqualTo("CONFIRMED");
        assertThat(h.transport.responses(486).get(0).vias().get(0).received()).isEqualTo("192.0.2.20");
    }

    @Test
    void rfc2543CancelFindsItsInvite() {
        Destination gw = Destination.of("UDP", new InetSocketAddress("192.0.2.20", 5060));
        h.layer.receiveRequest(Sip.arrived(inv2543(), gw), gw);

        h.layer.receiveRequest(Sip.arrived(TransactionRequests.cancel(inv2543()), gw), gw);

        assertThat(h.core.events).containsExactly("request INVITE", "cancel");
    }

    @Test
    void branchThatIsOnlyTheMagicCookieFallsBackToRfc2543Matching() {
        SipRequest cookieOnly = Sip.request(SipMethod.OPTIONS, "UDP", "z9hG4bK").build();
        SipRequest sameButOtherCSeq =
                cookieOnly.toBuilder().set(HeaderName.CSEQ, "314160 OPTIONS").build();

        h.layer.receiveRequest(cookieOnly, UDP_PEER);
        h.layer.receiveRequest(cookieOnly, UDP_PEER);
        h.layer.receiveRequest(sameButOtherCSeq, UDP_PEER);

        assertThat(h.core.events).containsExactly("request OPTIONS", "request OPTIONS");
    }

    @Test
    void terminatedTransactionsLeaveTheTables() {
        SipRequest options = Sip.arrived(Sip.options("UDP"), UDP_PEER);
        h.core.answerWith((tx, r) -> tx.sendResponse(Sip.response(r, 200)));
        h.layer.receiveRequest(options, UDP_PEER);
        ClientTransaction client = h.layer.sendRequest(Sip.options("UDP"), UDP_PEER, tu);
        assertThat(h.layer.findServerTransaction(options)).isPresent();
        assertThat(h.layer.clientTransactionCount()).isEqualTo(1);

        h.scheduler.advanceMillis(32_000);

        assertThat(client.isTerminated()).isTrue();
        assertThat(h.layer.findServerTransaction(options)).isEmpty();
        assertThat(h.layer.serverTransactionCount()).isZero();
        assertThat(h.layer.clientTransactionCount()).isZero();
        assertThat(h.scheduler.pending()).isEmpty();
    }

    @Test
    void concurrentCopiesOfOneRequestMakeOneTransaction() throws InterruptedException {
        SipRequest invite = Sip.arrived(Sip.invite(), UDP_PEER);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            for (int i = 0; i < threads; i++) {
                pool.execute(() -> {
                    try {
                        go.await();
                        h.layer.receiveRequest(invite, UDP_PEER);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            go.countDown();
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(h.core.events).containsExactly("request INVITE");
        assertThat(h.layer.retransmissionsReceived()).isEqualTo(threads - 1);
    }
}
