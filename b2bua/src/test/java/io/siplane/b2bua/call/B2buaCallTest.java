package io.siplane.b2bua.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.siplane.b2bua.routing.StaticRouter;
import io.siplane.b2bua.state.CallPhase;
import io.siplane.b2bua.state.InMemoryCallStore;
import io.siplane.b2bua.testing.TestPhone;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.transaction.TimerConfig;
import io.siplane.sip.transport.TransportType;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Calls through one B2BUA between two in-JVM phones: two dialogs, relayed answers, BYE and CANCEL. */
class B2buaCallTest {
    private final InMemoryCallStore store = new InMemoryCallStore();
    private TestPhone alice;
    private TestPhone bob;
    private B2buaInstance b2bua;
    private InetSocketAddress b2buaAddress;

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

    @Test
    void aCallIsTwoDialogsAndEndsOnBothLegsWhenTheCallerHangsUp() throws Exception {
        SipResponse answer = alice.call("sip:bob@127.0.0.1", b2buaAddress).get(10, TimeUnit.SECONDS);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.bodyAsString()).contains("o=phone");
        assertThat(answer.contacts().get(0).sipUri().parameter("b2bua")).isEqualTo("b2bua-1");
        var legB = bob.lastInvite;
        assertThat(legB.callId()).isNotEqualTo(answer.callId());
        assertThat(legB.from().displayNameUnquoted()).isEqualTo("alice");
        assertThat(legB.from().sipUri().user()).isEqualTo("alice");
        assertThat(legB.contacts().get(0).sipUri().parameter("b2bua")).isEqualTo("b2bua-1");
        assertThat(legB.bodyAsString()).contains("o=phone");
        await().atMost(Duration.ofSeconds(5)).until(() -> bob.acks.get() == 1);
        assertThat(store.findByLegCallId(answer.callId()).orElseThrow().phase()).isEqualTo(CallPhase.CONFIRMED);

        SipResponse byeAnswer = alice.bye(b2buaAddress).get(10, TimeUnit.SECONDS);

        assertThat(byeAnswer.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> bob.byes.get() == 1 && store.size() == 0);
    }

    @Test
    void aCalleeHangingUpEndsTheCallersLeg() throws Exception {
        alice.call("sip:bob@127.0.0.1", b2buaAddress).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> bob.acks.get() == 1);

        SipResponse byeAnswer = bob.bye(b2buaAddress).get(10, TimeUnit.SECONDS);

        assertThat(byeAnswer.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> alice.byes.get() == 1 && store.size() == 0);
    }

    @Test
    void aBusyCalleeGivesTheCaller486() throws Exception {
        bob.answering(TestPhone.Answer.BUSY);
        SipResponse answer = alice.call("sip:bob@127.0.0.1", b2buaAddress).get(10, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(486);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.size() == 0);
    }

    @Test
    void anUnknownCalleeGets404() throws Exception {
        SipResponse answer = alice.call("sip:carol@127.0.0.1", b2buaAddress).get(10, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(bob.invites.get()).isZero();
    }

    @Test
    void aCancelBeforeAnswerGives487AndCancelsLegB() throws Exception {
        bob.answering(TestPhone.Answer.RING_ONLY);
        var call = alice.call("sip:bob@127.0.0.1", b2buaAddress);
        await().atMost(Duration.ofSeconds(5)).until(() -> bob.invites.get() == 1);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> store.size() == 1
                        && store.localCalls().iterator().next().phase() == CallPhase.EARLY);

        alice.cancel(b2buaAddress);

        assertThat(call.get(10, TimeUnit.SECONDS).status()).isEqualTo(487);
        await().atMost(Duration.ofSeconds(5)).until(() -> store.size() == 0);
    }
}
