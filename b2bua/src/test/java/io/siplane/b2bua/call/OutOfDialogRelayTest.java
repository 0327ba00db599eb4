package io.siplane.b2bua.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.siplane.b2bua.routing.StaticRouter;
import io.siplane.b2bua.state.InMemoryCallStore;
import io.siplane.b2bua.testing.TestPhone;
import io.siplane.sip.message.HeaderName;
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

/** MESSAGE and OPTIONS outside any dialog: routed like an INVITE, 404 when unknown; OPTIONS to the B2BUA is 200. */
class OutOfDialogRelayTest {
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
                        new InMemoryCallStore(),
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
    void aMessageToAKnownUserIsRelayedWithItsBodyUnderTheB2buasOwnCallId() throws Exception {
        byte[] text = "lunch?".getBytes(StandardCharsets.UTF_8);
        SipResponse answer = alice.send(SipMethod.MESSAGE, "sip:bob@127.0.0.1", text, b2buaAddress)
                .get(10, TimeUnit.SECONDS);

        assertThat(answer.status()).isEqualTo(200);
        SipRequest relayed = bob.lastOutOfDialog.get(SipMethod.MESSAGE);
        assertThat(relayed.bodyAsString()).isEqualTo("lunch?");
        assertThat(relayed.contentType().toString()).startsWith("text/plain");
        assertThat(relayed.callId()).isNotEqualTo(answer.callId());
        assertThat(relayed.from().sipUri().user()).isEqualTo("alice");
        assertThat(relayed.from().sipUri().host()).isEqualTo("127.0.0.1");
    }

    @Test
    void aMessageToAnUnknownUserGets404() throws Exception {
        SipResponse answer = alice.send(SipMethod.MESSAGE, "sip:carol@127.0.0.1", "hi".getBytes(), b2buaAddress)
                .get(10, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(bob.lastOutOfDialog).isEmpty();
    }

    @Test
    void optionsToAUserAreRelayedAndOptionsToTheB2buaItselfAreAnsweredByIt() throws Exception {
        SipResponse toBob = alice.send(SipMethod.OPTIONS, "sip:bob@127.0.0.1", null, b2buaAddress)
                .get(10, TimeUnit.SECONDS);
        assertThat(toBob.status()).isEqualTo(200);
        assertThat(bob.lastOutOfDialog).containsKey(SipMethod.OPTIONS);
        assertThat(toBob.header(HeaderName.ALLOW)).contains("MESSAGE");

        SipResponse toCarol = alice.send(SipMethod.OPTIONS, "sip:carol@127.0.0.1", null, b2buaAddress)
                .get(10, TimeUnit.SECONDS);
        assertThat(toCarol.status()).isEqualTo(404);

        SipResponse toB2bua = alice.send(
                        SipMethod.OPTIONS, "sip:127.0.0.1:" + b2buaAddress.getPort(), null, b2buaAddress)
                .get(10, TimeUnit.SECONDS);
        assertThat(toB2bua.status()).isEqualTo(200);
        assertThat(toB2bua.header(HeaderName.ALLOW)).contains("INVITE", "UPDATE", "PRACK");
    }
}
