package io.siplane.edge.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siplane.edge.EdgeLifecycle;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.transport.TransportType;
import jakarta.inject.Inject;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The edge as the Quarkus service runs it: SIP listener, readiness by registrar health, Prometheus metrics. */
@QuarkusTest
@QuarkusTestResource(FakeRegistrarResource.class)
class EdgeServiceTest {
    @Inject
    EdgeLifecycle lifecycle;

    @Test
    void readyOnceTheRegistrarAnswersPings() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body(containsString("edge-registrars")));
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void answersSipAndCountsIt() throws Exception {
        InetSocketAddress edge = lifecycle.server().transport().localAddress(TransportType.UDP);
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            byte[] b = Wire.bytes("OPTIONS sip:127.0.0.1:" + edge.getPort() + " SIP/2.0\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + client.getLocalPort() + ";rport;branch=z9hG4bK-q1\n"
                    + "Max-Forwards: 70\n"
                    + "From: <sip:probe@example.com>;tag=q1\n"
                    + "To: <sip:127.0.0.1>\n"
                    + "Call-ID: quarkus-1\n"
                    + "CSeq: 1 OPTIONS\n"
                    + "Content-Length: 0\n\n");
            client.send(new DatagramPacket(b, b.length, edge));
            assertThat(((SipResponse) Wire.receive(client)).status()).isEqualTo(200);
        }
        given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("siplane_edge_requests_received_total{method=\"OPTIONS\""))
                .body(containsString("siplane_edge_backend_healthy{"));
    }
}
