package io.siplane.sip.dialog;

import io.siplane.sip.message.NameAddress;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import java.util.Objects;

/**
 * A dialog ID (RFC 3261 §12): Call-ID, local tag and remote tag, as seen from one UA. The same dialog has the
 * tags swapped at the other end.
 *
 * <p>Equality follows the RFC, not the record default: the Call-ID compares byte by byte (§20.8: "Call-IDs
 * are case-sensitive"), the tags case-insensitively (a tag is a token-valued header parameter and §7.3.1 makes
 * parameter values case-insensitive unless a header says otherwise). The components keep their spelling as
 * received, because the tags must be echoed exactly in requests (§12.2.1.1).
 *
 * <p>An absent tag is the empty string, never null: an RFC 2543 peer sends no From tag (§12.1.1: "the remote
 * tag MUST be set to null"), and an out-of-dialog request has no To tag yet.
 *
 * @param callId the Call-ID value, not empty
 * @param localTag the tag this UA put in its From (as UAC) or To (as UAS) header field; empty when none
 * @param remoteTag the peer's tag; empty when none
 */
public record DialogId(String callId, String localTag, String remoteTag) {
    public DialogId {
        Objects.requireNonNull(callId, "callId");
        if (callId.isEmpty()) throw new IllegalArgumentException("empty Call-ID");
        localTag = localTag == null ? "" : localTag;
        remoteTag = remoteTag == null ? "" : remoteTag;
    }

    /**
     * The ID a UAS sees for a request it received (§12.2.2): local tag from To, remote tag from From. For an
     * out-of-dialog request the local tag is empty.
     */
    public static DialogId ofUasRequest(SipRequest request) {
        return new DialogId(request.callId(), tagOf(request.to()), tagOf(request.from()));
    }

    /** The ID a UAC sees for a response it received (§12.1.2): local tag from From, remote tag from To. */
    public static DialogId ofUacResponse(SipResponse response) {
        return new DialogId(response.callId(), tagOf(response.from()), tagOf(response.to()));
    }

    /** The ID a UAS sees for a response it sends: local tag from To, remote tag from From. */
    public static DialogId ofUasResponse(SipResponse response) {
        return new DialogId(response.callId(), tagOf(response.to()), tagOf(response.from()));
    }

    /** The ID a UAC sees for a request it sends: local tag from From, remote tag from To. */
    public static DialogId ofUacRequest(SipRequest request) {
        return new DialogId(request.callId(), tagOf(request.from()), tagOf(request.to()));
    }

    static String tagOf(NameAddress address) {
        String tag = address.tag();
        return tag == null ? "" : tag;
    }

    /** True when both tags are present (an RFC 2543 dialog may lack the remote one). */
    public boolean hasBothTags() {
        return !localTag.isEmpty() && !remoteTag.isEmpty();
    }

    /** The same dialog as the peer sees it: tags swapped. */
    public DialogId reversed() {
        return new DialogId(callId, remoteTag, localTag);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DialogId d
                && d.callId.equals(callId)
                && d.localTag.equalsIgnoreCase(localTag)
                && d.remoteTag.equalsIgnoreCase(remoteTag);
    }

    @Override
    public int hashCode() {
        return (callId.hashCode() * 31 + caseInsensitiveHash(localTag)) * 31 + caseInsensitiveHash(remoteTag);
    }

    /** A hash consistent with {@link String#equalsIgnoreCase} that does not allocate (tags are looked up often). */
    private static int caseInsensitiveHash(String s) {
        int h = 0;
        for (int i = 0; i < s.length(); i++) {
            h = 31 * h + Character.toLowerCase(Character.toUpperCase(s.charAt(i)));
        }
        return h;
    }

    @Override
    public String toString() {
        return "DialogId[" + callId + ", local=" + localTag + ", remote=" + remoteTag + ']';
    }
}
