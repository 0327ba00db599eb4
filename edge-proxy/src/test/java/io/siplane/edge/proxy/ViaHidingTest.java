package io.siplane.edge.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.siplane.sip.message.Via;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViaHidingTest {
    private final ViaHiding hiding = ViaHiding.fromBase64("dGVzdC1vbmx5LWZsb3ctdG9rZW4tc2VjcmV0");
    private final List<Via> inside = List.of(
            Via.parse("SIP/2.0/UDP 10.1.2.3:5080;branch=z9hG4bK-b2b-1;rport=5080;received=10.1.2.3"),
            Via.parse("SIP/2.0/TCP 10.1.2.4:5090;branch=z9hG4bK-x"));

    @Test
    void theBranchRestoresTheViasAndNamesNothingInside() {
        String branch = hiding.hide(inside);
        assertThat(branch).startsWith(Via.MAGIC_COOKIE);
        assertThat(ViaHiding.isHidingBranch(branch)).isTrue();
        assertThat(branch).doesNotContain("10.1.2").doesNotContain("5080");
        assertThat(Via.of("UDP", "192.0.2.1", 5060, branch, true).branch()).isEqualTo(branch);
        assertThat(hiding.restore(branch)).contains(inside);
    }

    @Test
    void theSameViasGiveTheSameBranchAndAnotherTransactionAnotherOne() {
        assertThat(hiding.hide(inside)).isEqualTo(hiding.hide(inside));
        List<Via> next = List.of(Via.parse("SIP/2.0/UDP 10.1.2.3:5080;branch=z9hG4bK-b2b-2"));
        assertThat(hiding.hide(next)).isNotEqualTo(hiding.hide(inside));
    }

    @Test
    void forgedTamperedOrForeignBranchesRestoreNothing() {
        String branch = hiding.hide(inside);
        char last = branch.charAt(branch.length() - 1);
        String tampered = branch.substring(0, branch.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThat(hiding.restore(tampered)).isEmpty();
        assertThat(hiding.restore(Via.MAGIC_COOKIE + ViaHiding.PREFIX + "AAAA")).isEmpty();
        assertThat(hiding.restore(Via.MAGIC_COOKIE + ViaHiding.PREFIX + "!!")).isEmpty();
        assertThat(hiding.restore("z9hG4bK-other")).isEmpty();
        assertThat(ViaHiding.fromBase64("b3RoZXItY2x1c3Rlci1zZWNyZXQtMTIzNA==").restore(branch))
                .isEmpty();
    }
}
