package io.siplane.sip.transaction;

import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipMessage;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.StatusCodes;
import io.siplane.sip.message.Via;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The transaction layer (RFC 3261 §17): creates client transactions, matches incoming responses to them (§17.1.3)
 * and incoming requests to server transactions (§17.2.3), creates server transactions for new requests, answers
 * CANCEL (§9.2) and merged requests (§8.2.2.2), and forgets transactions when they terminate.
 *
 * <p>Matching. A response goes to the client transaction whose request had the same top Via branch and CSeq method
 * (so a CANCEL has its own transaction). A request with an RFC 3261 branch matches on branch, sent-by and method,
 * an ACK matching the INVITE; a request without one (RFC 2543) matches on Request-URI, From tag, Call-ID, CSeq, top
 * Via and To tag (for an ACK: the To tag of the response the transaction sent).
 *
 * <p>What reaches the {@link ServerTransactionUser}: each new request once, with its server transaction; ACKs for
 * 2xx and ACKs matching nothing; a matched CANCEL (already answered 200); Timer H; transport errors. Request
 * retransmissions, ACKs for 3xx–6xx and CANCEL retransmissions stay in the layer. With {@link
 * Options#detectMergedRequests()}, a request with no To tag whose From tag, Call-ID and CSeq equal those of a live
 * transaction that it does not match gets 482 Loop Detected (UAS behaviour, RFC 3261 §8.2.2.2; a proxy turns it
 * off). With {@link Options#answerUnmatchedCancel()}, a CANCEL that matches nothing gets 481 (§9.2; a proxy turns it
 * off and forwards such a CANCEL statelessly, §16.10).
 *
 * <p>Threading: safe for use from any number of transport and timer threads. The tables are concurrent maps; a
 * new server transaction is published with {@code putIfAbsent}, so a retransmission racing the original goes to the
 * one transaction that won; each transaction serialises its own events (see {@link Transaction}).
 */
public final class TransactionLayer {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final TransactionTransport transport;
    private final TransactionTimers timers;
    private final TimerConfig config;
    private final ServerTransactionUser core;
    private final Options options;

    private final ConcurrentMap<TransactionKeys.ClientKey, ClientTransaction> clients = new ConcurrentHashMap<>();
    private final ConcurrentMap<Object, ServerTransaction> servers = new ConcurrentHashMap<>();
    private final ConcurrentMap<TransactionKeys.MergeKey, ServerTransaction> merges = new ConcurrentHashMap<>();
    private final LongAdder retransmissionsSent = new LongAdder();
    private final LongAdder retransmissionsReceived = new LongAdder();
    private final Transaction.Hooks hooks = new Transaction.Hooks() {
        @Override
        public void terminated(Transaction t) {
            if (t instanceof ClientTransaction c) {
                clients.remove((TransactionKeys.ClientKey) c.key, c);
            } else if (t instanceof ServerTransaction s) {
                servers.remove(s.key, s);
                Object merge = s.mergeKey;
                if (merge != null) merges.remove((TransactionKeys.MergeKey) merge, s);
            }
        }

        @Override
        public void retransmissionSent() {
            retransmissionsSent.increment();
        }

        @Override
        public void retransmissionReceived() {
            retransmissionsReceived.increment();
        }
    };

    /**
     * What the layer does for the core besides matching.
     *
     * @param detectMergedRequests answer a merged request with 482 (RFC 3261 §8.2.2.2): a UAS does, a proxy does not
     * @param answerUnmatchedCancel answer a CANCEL that matches nothing with 481 (§9.2); when false it reaches the
     *     core through {@link ServerTransactionUser#onRequest} like any request (a proxy forwards it, §16.10)
     * @param strayResponses gets responses that match no client transaction (a 2xx retransmitted after Timer M, a
     *     response a proxy forwards statelessly)
     */
    public record Options(
            boolean detectMergedRequests, boolean answerUnmatchedCancel, StrayResponseHandler strayResponses) {
        public Options {
            Objects.requireNonNull(strayResponses, "strayResponses");
        }

        /** A user agent server: 482 for merged requests, 481 for unmatched CANCELs, stray responses dropped. */
        public static Options uas() {
            return new Options(true, true, StrayResponseHandler.DROP);
        }

        /** A proxy: no merged-request check, unmatched CANCELs and stray responses to the core. */
        public static Options proxy(StrayResponseHandler strayResponses) {
            return new Options(false, false, strayResponses);
        }

        public Options withStrayResponses(StrayResponseHandler handler) {
            return new Options(detectMergedRequests, answerUnmatchedCancel, handler);
        }
    }

    /** Receives responses that match no client transaction (RFC 3261 §17.1.3, §16.7; RFC 6026 §7.2). */
    @FunctionalInterface
    public interface StrayResponseHandler {
        StrayResponseHandler DROP = (response, source) -> {};

        void onStrayResponse(SipResponse response, Destination source);
    }

    public TransactionLayer(
            TransactionTransport transport, TransactionTimers timers, TimerConfig config, ServerTransactionUser core) {
        this(transport, timers, config, core, Options.uas());
    }

    public TransactionLayer(
            TransactionTransport transport,
            TransactionTimers timers,
            TimerConfig config,
            ServerTransactionUser core,
            Options options) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.config = Objects.requireNonNull(config, "config");
        this.core = Objects.requireNonNull(core, "core");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A fresh RFC 3261 branch: the magic cookie {@code z9hG4bK} and 96 random bits (§8.1.1.7). */
    public static String newBranch() {
        return Via.MAGIC_COOKIE + random(12);
    }

    /** A fresh tag for From or To: 64 random bits (RFC 3261 §19.3 asks for at least 32). */
    public static String newTag() {
        return random(8);
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return BASE64.encodeToString(b);
    }

    // ---- client side ------------------------------------------------------------------------------------------

    /**
     * Starts a client transaction for {@code request} and sends it. The request needs a top Via with the local
     * sent-by; when its branch lacks the magic cookie, a fresh branch replaces it (a CANCEL keeps the branch of the
     * request it cancels, RFC 3261 §9.1). {@link InviteClientTransaction} for an INVITE, else {@link
     * NonInviteClientTransaction}.
     *
     * @throws IllegalArgumentException for an ACK: the ACK for 2xx is not a transaction, send it with {@link
     *     #sendStateless}
     * @throws IllegalStateException when a client transaction with the same branch and method exists
     */
    public ClientTransaction sendRequest(SipRequest request, Destination destination, ClientTransactionUser user) {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(user, "user");
        if (request.method() == SipMethod.ACK) {
            throw new IllegalArgumentException("ACK does not create a client transaction (RFC 3261 §17.1.1.3)");
        }
        Via top = request.topVia();
        if (!top.hasRfc3261Branch()) {
            request = request.toBuilder()
                    .replaceFirstValue(
                            HeaderName.VIA,
                            top.withParameter("branch", newBranch()).toString())
                    .build();
            top = request.topVia();
        }
        TransactionKeys.ClientKey key = TransactionKeys.client(top.branch(), request.method());
        ClientTransaction tx = request.method() == SipMethod.INVITE
                ? new InviteClientTransaction(key, request, destination, user, transport, timers, config, hooks)
                : new NonInviteClientTransaction(key, request, destination, user, transport, timers, config, hooks);
        if (clients.putIfAbsent(key, tx) != null) {
            throw new IllegalStateException(
                    "a " + request.method() + " client transaction with branch " + top.branch() + " exists");
        }
        tx.start();
        return tx;
    }

    /**
     * Sends a message outside any transaction: the ACK for a 2xx (RFC 3261 §13.2.2.4), a stateless proxy's
     * forwarding (§16.11).
     *
     * @throws TransportException when the transport fails at once
     */
    public void sendStateless(SipMessage message, Destination destination) {
        transport.send(message, destination);
    }

    /** A response from the transport (RFC 3261 §18.1.2): to its client transaction, else to the stray handler. */
    public void receiveResponse(SipResponse response, Destination source) {
        String branch = response.topVia().branch();
        ClientTransaction tx = branch == null
                ? null
                : clients.get(TransactionKeys.client(branch, response.cseq().method()));
        if (tx != null) tx.receiveResponse(response);
        else options.strayResponses().onStrayResponse(response, source);
    }

    // ---- server side ------------------------------------------------------------------------------------------

    /** A message from the transport, request or response. */
    public void receive(SipMessage message, Destination source) {
        if (message instanceof SipRequest r) receiveRequest(r, source);
        else receiveResponse((SipResponse) message, source);
    }

    /** A request from the transport (RFC 3261 §18.2.1), {@code source} being where it came from. */
    public void receiveRequest(SipRequest request, Destination source) {
        Objects.requireNonNull(source, "source");
        Object key = TransactionKeys.server(request);
        ServerTransaction existing = servers.get(key);
        if (request.method() == SipMethod.ACK) {
            receiveAck(request, source, key, existing);
            return;
        }
        if (existing != null) {
            if (!TransactionKeys.isRfc2543(key) || existing.toTagMatches(request)) {
                existing.receiveRetransmission(request);
            } else {
                // An RFC 2543 request equal to a live one in all but the To tag: a copy that came another way.
                respondStatelessly(request, source, StatusCodes.LOOP_DETECTED);
            }
            return;
        }
        if (request.method() == SipMethod.CANCEL) {
            receiveCancel(request, source, key);
            return;
        }
        TransactionKeys.MergeKey merge = options.detectMergedRequests() ? TransactionKeys.merge(request) : null;
        if (merge != null) {
            ServerTransaction original = merges.get(merge);
            if (original != null && !original.isTerminated()) {
                // RFC 3261 §8.2.2.2: the same request reached us twice by different paths.
                ServerTransaction tx = insert(key, request, source);
                if (tx != null) {
                    start(tx);
                    tx.sendResponse(reject(request, StatusCodes.LOOP_DETECTED));
                }
                return;
            }
        }
        ServerTransaction tx = insert(key, request, source);
        if (tx == null) return;
        if (merge != null && merges.putIfAbsent(merge, tx) == null) tx.mergeKey = merge;
        start(tx);
        core.onRequest(tx, request);
    }

    private void receiveAck(SipRequest ack, Destination source, Object key, ServerTransaction existing) {
        if (existing instanceof InviteServerTransaction invite
                && (!TransactionKeys.isRfc2543(key) || invite.toTagMatches(ack))
                && invite.receiveAck(ack, source)) {
            return;
        }
        core.onAck(ack, source, null);
    }

    /** RFC 3261 §9.2: the CANCEL gets its own transaction and 200, or 481 when it matches nothing. */
    private void receiveCancel(SipRequest cancel, Destination source, Object key) {
        Object targetKey = TransactionKeys.server(cancel, SipMethod.INVITE);
        ServerTransaction target = servers.get(targetKey);
        if (target != null && TransactionKeys.isRfc2543(targetKey) && !target.toTagMatches(cancel)) target = null;
        ServerTransaction tx = insert(key, cancel, source);
        if (tx == null) return;
        if (!(target instanceof InviteServerTransaction invite)) {
            if (options.answerUnmatchedCancel()) tx.sendResponse(reject(cancel, StatusCodes.CALL_DOES_NOT_EXIST));
            else core.onRequest(tx, cancel);
            return;
        }
        // §9.2: the To tag of the 200 to the CANCEL SHOULD be the one of the response to the INVITE.
        SipResponse last = invite.lastResponse();
        String tag = last != null && last.to().tag() != null ? last.to().tag() : newTag();
        tx.sendResponse(
                SipResponse.forRequest(cancel, StatusCodes.OK).toTag(tag).build());
        if (!invite.hasFinalResponse()) core.onCancel(invite, cancel);
    }

    private ServerTransaction insert(Object key, SipRequest request, Destination source) {
        Destination to = ResponseAddressing.destination(request.topVia(), source);
        ServerTransaction tx = request.method() == SipMethod.INVITE
                ? new InviteServerTransaction(key, request, source, to, core, transport, timers, config, hooks)
                : new NonInviteServerTransaction(key, request, source, to, core, transport, timers, config, hooks);
        ServerTransaction raced = servers.putIfAbsent(key, tx);
        if (raced != null) {
            raced.receiveRetransmission(request);
            return null;
        }
        return tx;
    }

    private static void start(ServerTransaction tx) {
        if (tx instanceof InviteServerTransaction invite) invite.start();
    }

    private static SipResponse reject(SipRequest request, int status) {
        return SipResponse.forRequest(request, status).toTag(newTag()).build();
    }

    private void respondStatelessly(SipRequest request, Destination source, int status) {
        try {
            transport.send(reject(request, status), ResponseAddressing.destination(request.topVia(), source));
        } catch (TransportException e) {
            // nothing more to do for a request we keep no state for
        }
    }

    // ---- inspection -------------------------------------------------------------------------------------------

    /** The live server transaction {@code request} matches (an ACK: its INVITE transaction), if any. */
    public Optional<ServerTransaction> findServerTransaction(SipRequest request) {
        return Optional.ofNullable(servers.get(TransactionKeys.server(request)));
    }

    /** The live client transaction {@code response} matches, if any. */
    public Optional<ClientTransaction> findClientTransaction(SipResponse response) {
        String branch = response.topVia().branch();
        if (branch == null) return Optional.empty();
        return Optional.ofNullable(
                clients.get(TransactionKeys.client(branch, response.cseq().method())));
    }

    public int clientTransactionCount() {
        return clients.size();
    }

    public int serverTransactionCount() {
        return servers.size();
    }

    /** Every retransmission the layer's transactions sent (requests, responses, ACKs), since creation. */
    public long retransmissionsSent() {
        return retransmissionsSent.sum();
    }

    /** Every retransmission the layer's transactions absorbed, since creation. */
    public long retransmissionsReceived() {
        return retransmissionsReceived.sum();
    }

    public TimerConfig config() {
        return config;
    }
}
