package io.siplane.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.Via;
import io.siplane.sip.message.uri.Uri;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** RFC 3261 §16.11. */
class StatelessForwardingTest {
    private final StatelessForwarding edge = new StatelessForwarding("cluster-secret");
    private final Uri target = Uri.parse("sip:bob@192.0.2.50:5060");
    private final Via local = Via.parse("SIP/2.0/UDP edge.example.com:5060");

    @Test
    void retransmissionGetsTheSameBranch() {
        SipRequest invite = Sip.invite();

        assertThat(edge.branch(invite, target))
                .isEqualTo(edge.branch(Sip.invite(), target))
                .startsWith("z9hG4bK");
        assertThat(edge.branch(invite, target)).isNotEqualTo(Sip.BRANCH);
    }

    @Test
    void cancelAndAckForNon2xxGetTheInvitesBranch() {
        SipRequest invite = Sip.invite();
        SipRequest cancel = TransactionRequests.cancel(invite);
        SipRequest ack = TransactionRequests.ackForNon2xx(invite, Sip.response(invite, 486));

        assertThat(edge.branch(cancel, target)).isEqualTo(edge.branch(invite, target));
        assertThat(edge.branch(ack, target)).isEqualTo(edge.branch(invite, target));
    }

    @Test
    void anotherTransactionTargetOrSecretGetsAnotherBranch() {
        SipRequest invite = Sip.invite();
        SipRequest ack2xx = Sip.ackFor2xx(invite, Sip.response(invite, 200), "z9hG4bKack2xx");

        String branch = edge.branch(invite, target);
        assertThat(edge.branch(ack2xx, target)).isNotEqualTo(branch);
        assertThat(edge.branch(invite, Uri.parse("sip:bob@192.0.2.51"))).isNotEqualTo(branch);
        assertThat(new StatelessForwarding("other").branch(invite, target)).isNotEqualTo(branch);
    }

    @Test
    void rfc2543RequestGetsAStableBranchToo() {
        SipRequest old = Sip.request(SipMethod.INVITE, "UDP", null).build();
        SipRequest oldCancel = TransactionRequests.cancel(old);
        SipRequest nextCSeq =
                old.toBuilder().set(HeaderName.CSEQ, "314160 INVITE").build();

        assertThat(edge.branch(old, target)).isEqualTo(edge.branch(oldCancel, target));
        assertThat(edge.branch(nextCSeq, target)).isNotEqualTo(edge.branch(old, target));
    }

    @Test
    void forwardedRequestHasOurViaOnTopWithTheComputedBranch() {
        SipRequest incoming = Sip.invite();
        SipRequest outgoing = incoming.toBuilder().requestUri(target).build();

        SipRequest forwarded = edge.forwardRequest(incoming, outgoing, local);

        assertThat(forwarded.vias()).hasSize(2);
        assertThat(forwarded.topVia().sentBy()).isEqualTo("edge.example.com:5060");
        assertThat(forwarded.topVia().branch()).isEqualTo(edge.branch(incoming, target));
        assertThat(forwarded.vias().get(1)).isEqualTo(incoming.topVia());
    }

    @Test
    void responseIsForwardedByTheNextViaWithReceivedAndRport() {
        SipRequest incoming = Sip.request(SipMethod.INVITE, "UDP", Sip.BRANCH + ";received=203.0.113.7;rport=61000")
                .build();
        SipRequest forwarded = edge.forwardRequest(incoming, incoming, local);
        SipResponse response = SipResponse.forRequest(forwarded, 180).toTag("t").build();

        StatelessForwarding.ForwardedResponse out =
                edge.forwardResponse(response).orElseThrow();

        assertThat(out.response().vias()).hasSize(1);
        assertThat(out.response().topVia().branch()).isEqualTo(Sip.BRANCH);
        assertThat(out.destination().address()).isEqualTo(new InetSocketAddress("203.0.113.7", 61000));
    }

    @Test
    void responseWithOnlyOurViaIsNotForwarded() {
        SipResponse response = Sip.response(Sip.invite(), 200);

        assertThat(edge.forwardResponse(response)).isEmpty();
    }
}
