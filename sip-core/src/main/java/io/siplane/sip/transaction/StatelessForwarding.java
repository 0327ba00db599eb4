package io.siplane.sip.transaction;

import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.Via;
import io.siplane.sip.message.uri.Uri;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * What a stateless proxy (RFC 3261 §16.11), such as an edge proxy, needs from the transaction layer: a branch that
 * is the same for every retransmission of a request, and the next hop of a response. Free of I/O; the proxy core
 * does the rest of §16.6 (Max-Forwards, Record-Route, target) and sends with {@link
 * TransactionLayer#sendStateless}.
 *
 * <p>Branch (§16.11, §16.6 item 8): a stateless proxy keeps no state, so the branch of a forwarded request must be
 * computed from the request, so that a retransmission gets the same branch and reaches the same downstream
 * transaction. Here it is the magic cookie and a keyed SHA-256 hash of:
 *
 * <ul>
 *   <li>for an RFC 3261 request, the incoming top Via's branch and sent-by;
 *   <li>for an RFC 2543 request, the Request-URI, From tag, Call-ID, CSeq number and top Via;
 * </ul>
 *
 * plus the outgoing Request-URI (so that forwarding one request to several targets gives several branches). The
 * CSeq method and the To tag are left out on purpose: a CANCEL and the ACK for a 3xx–6xx carry the INVITE's branch
 * upstream, and must carry the forwarded INVITE's branch downstream too (§9.1, §17.1.1.3).
 */
public final class StatelessForwarding {
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] secret;

    /**
     * @param secret mixed into every hash, so that branches are not predictable from outside; the same value on every
     *     instance that may see retransmissions of one request (e.g. configured per cluster)
     */
    public StatelessForwarding(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The branch for {@code incoming} forwarded to {@code target}; see the class comment. */
    public String branch(SipRequest incoming, Uri target) {
        Via top = incoming.topVia();
        StringBuilder in = new StringBuilder(160);
        if (top.hasRfc3261Branch()) {
            in.append("3261\n").append(top.branch()).append('\n').append(top.sentBy());
        } else {
            in.append("2543\n")
                    .append(incoming.requestUri())
                    .append('\n')
                    .append(incoming.from().tag())
                    .append('\n')
                    .append(incoming.callId())
                    .append('\n')
                    .append(incoming.cseq().number())
                    .append('\n')
                    .append(top.transport())
                    .append(' ')
                    .append(top.sentBy())
                    .append(";branch=")
                    .append(top.branch());
        }
        in.append('\n').append(target);
        return Via.MAGIC_COOKIE + hash(in.toString());
    }

    private String hash(String input) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(secret);
            sha.update((byte) 0);
            byte[] d = sha.digest(input.getBytes(StandardCharsets.UTF_8));
            // 120 bits: unique enough, and a short token (RFC 3261 §8.1.1.7 asks for uniqueness, not length)
            return BASE64.encodeToString(java.util.Arrays.copyOf(d, 15));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /**
     * {@code outgoing} with this proxy's Via on top: {@code local} (transport and sent-by) with the branch computed
     * for {@code incoming} and the outgoing Request-URI (RFC 3261 §16.6 item 8).
     *
     * @param incoming the request as received, whose top Via is the previous hop's
     * @param outgoing the request to forward, already processed by the proxy core, without this proxy's Via
     */
    public SipRequest forwardRequest(SipRequest incoming, SipRequest outgoing, Via local) {
        Via via = local.withParameter("branch", branch(incoming, outgoing.requestUri()));
        return outgoing.toBuilder().addFirst(HeaderName.VIA, via.toString()).build();
    }

    /**
     * The response without its top Via, and where it goes: the next Via, addressed per RFC 3261 §18.2.2 with its
     * {@code received} and {@code rport} (§16.11: a stateless proxy forwards responses by Via alone). Empty when no
     * Via is left, i.e. the response was for this element. Checking that the removed Via is this proxy's own is the
     * caller's business (§18.1.2).
     */
    public Optional<ForwardedResponse> forwardResponse(SipResponse response) {
        List<Via> vias = response.vias();
        if (vias.size() < 2) return Optional.empty();
        SipResponse popped =
                response.toBuilder().removeFirstValue(HeaderName.VIA).build();
        return Optional.of(new ForwardedResponse(popped, ResponseAddressing.destination(vias.get(1), null)));
    }

    /** A response ready to forward, and its next hop. */
    public record ForwardedResponse(SipResponse response, Destination destination) {}
}
