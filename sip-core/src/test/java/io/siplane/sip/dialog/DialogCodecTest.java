package io.siplane.sip.dialog;

import static io.siplane.sip.dialog.Rfc3261Calls.BOB_TAG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** The byte form a cluster stores dialogs in. */
class DialogCodecTest {
    private static final String UNICODE_NAME = "\"Zoë Ångström 山田太郎 🎉\"";

    @Test
    void roundTripKeepsEveryField() {
        DialogState alice = Rfc3261Calls.aliceConfirmed(
                        "<sip:server10.biloxi.com;lr>", "<sip:bigbox3.site3.atlanta.com;lr;ftag=x>;hp=1")
                .acceptRemoteRequest(Rfc3261Calls.fromBob(SipMethod.INFO, 77))
                .state();
        DialogState secure = new DialogState(
                DialogState.Role.UAS,
                DialogState.State.TERMINATED,
                "c@h",
                "l",
                "r",
                0,
                io.siplane.sip.message.CSeq.MAX_NUMBER,
                io.siplane.sip.message.CSeq.MAX_NUMBER,
                "<sips:a@h>",
                "<sips:b@h>",
                "sips:b@10.0.0.1:5061",
                true,
                List.of("<sips:p@h;lr>"));

        for (DialogState s : List.of(alice, secure, alice.withState(DialogState.State.EARLY))) {
            assertThat(DialogState.fromBytes(s.toBytes())).isEqualTo(s);
        }
    }

    @Test
    void roundTripKeepsUnicodeDisplayNames() {
        SipRequest invite = Rfc3261Calls.invite().toBuilder()
                .set(HeaderName.FROM, UNICODE_NAME + " <sip:zoe@example.com>;tag=1928301774")
                .set(HeaderName.TO, "\"Δημήτρης\" <sip:bob@biloxi.com>")
                .build();
        DialogState d = Dialogs.createUac(invite, Rfc3261Calls.ok(invite));

        DialogState back = DialogState.fromBytes(d.toBytes());

        assertThat(back).isEqualTo(d);
        assertThat(back.localAddress().displayNameUnquoted()).isEqualTo("Zoë Ångström 山田太郎 🎉");
        SipRequest bye = Dialogs.newRequest(back, SipMethod.BYE).request().build();
        assertThat(bye.header(HeaderName.FROM)).startsWith(UNICODE_NAME);
        assertThat(bye.header(HeaderName.TO)).startsWith("\"Δημήτρης\"");
    }

    @Test
    void roundTripKeepsEmptyRouteSetEmptySequenceNumbersAndMissingRemoteTag() {
        SipRequest invite = Rfc3261Calls.invite().toBuilder()
                .set(HeaderName.FROM, "<sip:alice@atlanta.com>")
                .build();
        DialogState bob = Dialogs.createUas(invite, BOB_TAG, false).withRemoteSeq(DialogState.NO_SEQ);

        DialogState back = DialogState.fromBytes(bob.toBytes());

        assertThat(back).isEqualTo(bob);
        assertThat(back.routeSet()).isEmpty();
        assertThat(back.hasLocalSeq()).isFalse();
        assertThat(back.hasRemoteSeq()).isFalse();
        assertThat(back.remoteTag()).isEmpty();
    }

    @Test
    void stateSurvivesACacheRoundTripMidCall() {
        DialogState alice = Rfc3261Calls.aliceConfirmed("<sip:p1.example.com;lr>");
        DialogRequest info = Dialogs.newRequest(DialogState.fromBytes(alice.toBytes()), SipMethod.INFO);

        DialogRequest bye =
                Dialogs.newRequest(DialogState.fromBytes(info.state().toBytes()), SipMethod.BYE);

        assertThat(bye.request().build().cseq().number()).isEqualTo(Rfc3261Calls.INVITE_CSEQ + 2);
        assertThat(bye.request().build().headerValues(HeaderName.ROUTE)).containsExactly("<sip:p1.example.com;lr>");
    }

    @Test
    void encodingIsCompact() {
        DialogState alice = Rfc3261Calls.aliceConfirmed("<sip:server10.biloxi.com;lr>");

        assertThat(alice.toBytes()).hasSizeLessThan(200);
    }

    @Test
    void everySingleBitFlipIsRejected() {
        byte[] good = Rfc3261Calls.aliceConfirmed("<sip:p1.example.com;lr>").toBytes();

        for (int bit = 0; bit < good.length * 8; bit++) {
            byte[] bad = good.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThatThrownBy(() -> DialogState.fromBytes(bad))
                    .as("bit %d", bit)
                    .isInstanceOf(DialogCodecException.class);
        }
    }

    @Test
    void everyTruncationIsRejected() {
        byte[] good = Rfc3261Calls.aliceConfirmed().toBytes();

        for (int len = 0; len < good.length; len++) {
            byte[] cut = Arrays.copyOf(good, len);
            assertThatThrownBy(() -> DialogState.fromBytes(cut))
                    .as("length %d", len)
                    .isInstanceOf(DialogCodecException.class);
        }
        assertThatThrownBy(() -> DialogState.fromBytes(null)).isInstanceOf(DialogCodecException.class);
    }

    @Test
    void corruptionIsNamedInTheMessage() {
        byte[] good = Rfc3261Calls.aliceConfirmed().toBytes();

        byte[] flipped = good.clone();
        flipped[20] ^= 0x10;
        byte[] foreign = good.clone();
        foreign[0] = '{';
        byte[] future = good.clone();
        future[2] = 9;

        assertThatThrownBy(() -> DialogState.fromBytes(flipped)).hasMessageContaining("CRC-32C mismatch");
        assertThatThrownBy(() -> DialogState.fromBytes(foreign)).hasMessageContaining("not a dialog state");
        assertThatThrownBy(() -> DialogState.fromBytes(future))
                .hasMessageContaining("unsupported dialog state version 9");
    }

    @Test
    void wellSealedButInvalidContentIsRejected() {
        byte[] body = withoutCrc(Rfc3261Calls.aliceConfirmed().toBytes());

        byte[] badRole = body.clone();
        badRole[3] = 9;
        byte[] badFlags = body.clone();
        badFlags[5] = 4;
        byte[] badUtf8 = body.clone();
        badUtf8[indexOf(body, Rfc3261Calls.CALL_ID)] = (byte) 0xFF;
        byte[] trailing = Arrays.copyOf(body, body.length + 1);

        assertThatThrownBy(() -> DialogCodec.decode(sealed(badRole))).hasMessageContaining("unknown role code 9");
        assertThatThrownBy(() -> DialogCodec.decode(sealed(badFlags))).hasMessageContaining("unknown flags");
        assertThatThrownBy(() -> DialogCodec.decode(sealed(badUtf8))).hasMessageContaining("invalid UTF-8");
        assertThatThrownBy(() -> DialogCodec.decode(sealed(trailing))).hasMessageContaining("unexpected bytes");
    }

    private static byte[] withoutCrc(byte[] encoded) {
        return Arrays.copyOf(encoded, encoded.length - 4);
    }

    private static byte[] sealed(byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(body);
        return ByteBuffer.allocate(body.length + 4)
                .put(body)
                .putInt((int) crc.getValue())
                .array();
    }

    private static int indexOf(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + n.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + n.length, n, 0, n.length)) return i;
        }
        throw new AssertionError(needle + " not found");
    }
}
