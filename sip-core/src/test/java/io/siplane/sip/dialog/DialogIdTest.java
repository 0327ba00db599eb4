package io.siplane.sip.dialog;

import static io.siplane.sip.dialog.Rfc3261Calls.ALICE_TAG;
import static io.siplane.sip.dialog.Rfc3261Calls.BOB_TAG;
import static io.siplane.sip.dialog.Rfc3261Calls.CALL_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siplane.sip.message.SipMethod;
import org.junit.jupiter.api.Test;

class DialogIdTest {
    @Test
    void uasViewOfRequestTakesLocalTagFromToAndRemoteTagFromFrom() {
        DialogId id = DialogId.ofUasRequest(Rfc3261Calls.fromAlice(SipMethod.BYE, 314160));

        assertThat(id).isEqualTo(new DialogId(CALL_ID, BOB_TAG, ALICE_TAG));
    }

    @Test
    void uacViewOfResponseTakesLocalTagFromFromAndRemoteTagFromTo() {
        DialogId id = DialogId.ofUacResponse(Rfc3261Calls.ok(Rfc3261Calls.invite()));

        assertThat(id).isEqualTo(new DialogId(CALL_ID, ALICE_TAG, BOB_TAG));
    }

    @Test
    void bothEndsSeeTheSameDialogWithTagsSwapped() {
        DialogState alice = Rfc3261Calls.aliceConfirmed();
        DialogState bob = Rfc3261Calls.bobConfirmed();

        assertThat(alice.id().reversed()).isEqualTo(bob.id());
        assertThat(alice.id().hasBothTags()).isTrue();
    }

    @Test
    void outOfDialogRequestHasEmptyLocalTag() {
        DialogId id = DialogId.ofUasRequest(Rfc3261Calls.invite());

        assertThat(id.localTag()).isEmpty();
        assertThat(id.hasBothTags()).isFalse();
    }

    @Test
    void callIdComparesExactlyButTagsIgnoreCase() {
        DialogId id = new DialogId("a84b4c76e66710@Host", "aBc", "XyZ");

        assertThat(id).isEqualTo(new DialogId("a84b4c76e66710@Host", "ABC", "xyz"));
        assertThat(id).hasSameHashCodeAs(new DialogId("a84b4c76e66710@Host", "ABC", "xyz"));
        assertThat(id).isNotEqualTo(new DialogId("a84b4c76e66710@host", "aBc", "XyZ"));
    }

    @Test
    void nullTagsBecomeEmptyAndEmptyCallIdIsRefused() {
        assertThat(new DialogId("c", null, null)).isEqualTo(new DialogId("c", "", ""));
        assertThatThrownBy(() -> new DialogId("", "a", "b")).isInstanceOf(IllegalArgumentException.class);
    }
}
