package io.siplane.b2bua.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siplane.b2bua.routing.Route;
import io.siplane.b2bua.routing.Router;
import io.siplane.b2bua.state.InMemoryCallStore;
import io.siplane.b2bua.testing.TestPhone;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.uri.SipUri;
import io.siplane.sip.transaction.TimerConfig;
import io.siplane.sip.transport.TransportType;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Forking by q: bob has two devices at q=1.0 (tried in parallel) and one at q=0.5 (tried when both failed); the
 * first 2xx wins and the other branches are cancelled.
 */
class ForkingTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final InMemoryCallStore store = new InMemoryCallStore();
    private TestPhone alice;
    private TestPhone desk;
    private TestPhone mobile;
    private TestPhone voicemail;
    private B2buaInstance b2bua;
    private InetSocketAddress b2buaAddress;

    @BeforeEach
    void start() {
        alice = new TestPhone("alice");
        desk = new TestPhone("bob");
        mobile = new TestPhone("bob");
        voicemail = new TestPhone("bob");
        Router router = new Router() {
            @Override
            public CompletionStage<Optional<Route>> route(SipUri requestUri) {
                return CompletableFuture.completedFuture(Optional.empty());
            }

            @Override
            public CompletionStage<List<List<Route>>> targets(SipUri requestUri) {
                return CompletableFuture.completedFuture(List.of(
                        List.of(Route.to(SipUri.parse(desk.uri())), Route.to(SipUri.parse(mobile.uri()))),
                        List.of(Route.to(SipUri.parse(voicemail.uri())))));
            }
        };
        b2bua = new B2buaInstance(
                        new B2buaSettings("b2bua-1", "127.0.0.1", 0, Duration.ZERO, 2),
                        "127.0.0.1",
                        0,
                        TimerConfig.DEFAULT,
                        store,
                        router,
                        CallMetrics.NONE)
                .start();
        b2buaAddress = b2bua.localAddress(TransportType.UDP);
    }

    @AfterEach
    void stop() {
        b2bua.close();
        alice.close();
        desk.close();
        mobile.close();
        voicemail.close();
    }

    @Test
    void theEqualHighestQBindingsRingInParallelAndTheFirstAnswerCancelsTheOther() throws Exception {
        desk.answering(TestPhone.Answer.RING_ONLY);

        SipResponse answer = alice.call("sip:bob@127.0.0.1", b2buaAddress).get(10, TimeUnit.SECONDS);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(desk.invites.get()).isEqualTo(1);
        assertThat(mobile.invites.get()).isEqualTo(1);
        assertThat(desk.lastInvite.callId()).isEqualTo(mobile.lastInvite.callId());
        await().atMost(WAIT).until(() -> desk.cancels.get() == 1 && mobile.acks.get() == 1);
        assertThat(voicemail.invites.get()).isZero();
        assertThat(alice.bye(b2buaAddress).get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> mobile.byes.get() == 1 && store.size() == 0);
    }

    @Test
    void theLowerQBindingIsTriedOnlyAfterEveryHigherOneFailed() throws Exception {
        desk.answering(TestPhone.Answer.BUSY);
        mobile.answering(TestPhone.Answer.BUSY);

        SipResponse answer = alice.call("sip:bob@127.0.0.1", b2buaAddress).get(10, TimeUnit.SECONDS);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(desk.invites.get()).isEqualTo(1);
        assertThat(mobile.invites.get()).isEqualTo(1);
        assertThat(voicemail.invites.get()).isEqualTo(1);
        await().atMost(WAIT).until(() -> voicemail.acks.get() == 1);
    }

    @Test
    void whenEveryBranchFailsTheCallerGetsTheBestFinalResponse() throws Exception {
        desk.answering(TestPhone.Answer.BUSY);
        mobile.answering(TestPhone.Answer.BUSY);
        voicemail.answering(TestPhone.Answer.BUSY);

        SipResponse answer = alice.call("sip:bob@127.0.0.1", b2buaAddress).get(10, TimeUnit.SECONDS);

        assertThat(answer.status()).isEqualTo(486);
        await().atMost(WAIT).until(() -> store.size() == 0);
    }

    @Test
    void aCancelFromTheCallerCancelsEveryRingingBranch() throws Exception {
        desk.answering(TestPhone.Answer.RING_ONLY);
        mobile.answering(TestPhone.Answer.RING_ONLY);
        var call = alice.call("sip:bob@127.0.0.1", b2buaAddress);
        await().atMost(WAIT)
                .until(() -> desk.invites.get() == 1
                        && mobile.invites.get() == 1
                        && alice.provisionals.stream().anyMatch(r -> r.status() == 180));

        alice.cancel(b2buaAddress);

        assertThat(call.get(10, TimeUnit.SECONDS).status()).isEqualTo(487);
        await().atMost(WAIT).until(() -> desk.cancels.get() == 1 && mobile.cancels.get() == 1 && store.size() == 0);
        assertThat(voicemail.invites.get()).isZero();
    }
}
