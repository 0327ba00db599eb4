package io.siplane.edge.proxy;

import io.siplane.edge.flow.FlowToken;
import io.siplane.edge.flow.FlowTokenCodec;
import io.siplane.edge.health.OptionsPinger;
import io.siplane.edge.limit.RateLimiter;
import io.siplane.edge.metrics.EdgeMetrics;
import io.siplane.edge.routing.Backend;
import io.siplane.edge.routing.BackendPool;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.NameAddress;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.Via;
import io.siplane.sip.message.syntax.SipParseException;
import io.siplane.sip.message.uri.SipUri;
import io.siplane.sip.transaction.ResponseAddressing;
import io.siplane.sip.transaction.StatelessForwarding;
import io.siplane.sip.transport.Destination;
import io.siplane.sip.transport.Flow;
import io.siplane.sip.transport.MessageHandler;
import io.siplane.sip.transport.SipTransport;
import io.siplane.sip.transport.TransportType;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The stateless edge proxy core (RFC 3261 §16.11): one decision per message, no per-transaction state.
 *
 * <p><b>Requests from the outside.</b> Max-Forwards (483 at zero, §16.3 item 3), loop detection (482, §16.3 item 4),
 * our own Route entries popped (§16.4), per-source rate limiting (503 or drop). REGISTER goes to the registrar the
 * hash ring picks for the AOR, with a Path (RFC 3327) whose user part is a signed {@link FlowToken} naming this edge
 * and the client's flow. OPTIONS to the edge itself is answered 200. Every other standard method goes to a B2BUA:
 * out of dialog (no To tag) to the one the ring picks for the Call-ID, with a Record-Route carrying the flow token
 * on dialog-creating requests (§16.6 item 4, RFC 5626 style); in dialog to the instance named by the {@code b2bua}
 * parameter of the Request-URI (its Contact) or of a Route, or, when that one is not healthy, to the next healthy
 * instance on the ring for its id (which loads the call from the cluster, ADR 0011). Our Via towards the inside
 * carries the token too ({@value #VIA_FLOW_PARAM}), so the response goes back over the very connection the request
 * came in on. Unknown methods get 501; no healthy back end 503 with Retry-After; ACK is never answered.
 *
 * <p><b>Requests from the inside</b> (a back end using the Path or our Record-Route) carry our flow token as the top
 * Route: the Route is popped, the token verified (forged or tampered: 403; another edge's or a closed connection:
 * 430 Flow Failed, RFC 5626 §5.3) and the request leaves over the client's flow. Topology hiding (ADR 0012): the
 * inside's Via entries are replaced by one Via of the edge's external address whose branch hides them ({@link
 * ViaHiding}); {@code traceparent} is removed.
 *
 * <p><b>Responses</b> lose our top Via. One with a hiding branch (from a UA) gets the inside's Via entries back and
 * goes to the first of them. Others go to the next Via (§16.11, §18.2.2 with {@code received}/{@code rport}) or over
 * the flow our Via names; on the way out {@code traceparent} is removed and Path and Record-Route entries naming our
 * internal address are rewritten to the external one. A response with only our Via answers one of the edge's own
 * requests (an OPTIONS ping).
 */
public final class EdgeProxy implements MessageHandler {
    /** The Via parameter carrying the client's flow token on requests forwarded to the inside. */
    public static final String VIA_FLOW_PARAM = "siplane-flow";

    /** The URI parameter of a B2BUA's Contact naming its instance (b2bua module, ADR 0011). */
    public static final String B2BUA_PARAM = "b2bua";

    static final String ALLOW =
            "INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER, PRACK, UPDATE, INFO, MESSAGE, " + "SUBSCRIBE, NOTIFY, REFER";
    private static final System.Logger LOG = System.getLogger(EdgeProxy.class.getName());

    private final String edgeId;
    private final FlowTokenCodec tokens;
    private final StatelessForwarding forwarding;
    private final BackendPool registrars;
    private final BackendPool b2buas;
    private final ViaHiding hiding;
    private final RateLimiter limiter;
    private final boolean dropWhenLimited;
    private final EdgeMetrics metrics;
    private final int maxForwardsDefault;
    private final int retryAfterSeconds;
    private volatile SipTransport transport;
    private volatile EdgeAddresses addresses;
    private final List<OptionsPinger> pingers = new CopyOnWriteArrayList<>();
    private volatile InetAddress internalIp;

    /**
     * @param b2buas the B2BUA pool (may be empty: calls get 503)
     * @param limiter per-source rate limiter for requests from the outside, or null for none
     * @param dropWhenLimited drop requests over the limit silently instead of answering 503
     */
    public EdgeProxy(
            String edgeId,
            FlowTokenCodec tokens,
            StatelessForwarding forwarding,
            BackendPool registrars,
            BackendPool b2buas,
            ViaHiding hiding,
            RateLimiter limiter,
            boolean dropWhenLimited,
            EdgeMetrics metrics,
            int maxForwardsDefault,
            int retryAfterSeconds) {
        this.edgeId = edgeId;
        this.tokens = tokens;
        this.forwarding = forwarding;
        this.registrars = registrars;
        this.b2buas = b2buas;
        this.hiding = hiding;
        this.limiter = limiter;
        this.dropWhenLimited = dropWhenLimited;
        this.metrics = metrics;
        this.maxForwardsDefault = maxForwardsDefault;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Connects the proxy to its started transport; the addresses include the bound ports. */
    public void attach(SipTransport transport, EdgeAddresses addresses) {
        this.transport = transport;
        this.addresses = addresses;
        if (addresses.hasInternal()) {
            try {
                this.internalIp = InetAddress.getByName(addresses.internalHost()); // an IP literal: no DNS
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException("edge.sip.internal-host must be an IP literal", e);
            }
        }
    }

    /** Where the responses to the edge's own OPTIONS pings go (one pinger per pool). */
    public void attach(OptionsPinger pinger) {
        pingers.add(pinger);
    }

    public EdgeAddresses addresses() {
        return addresses;
    }

    public SipTransport transport() {
        return transport;
    }

    // ---- requests ----------------------------------------------------------------------------------------------

    @Override
    public void onRequest(SipRequest request, Flow flow) {
        metrics.requestReceived(request.method());
        try {
            route(request, flow);
        } catch (SipParseException e) {
            // a broken header that the transport's parse did not touch (headers parse lazily)
            reject(request, flow, 400, e.getMessage());
        }
    }

    private void route(SipRequest request, Flow flow) {
        OptionalInt mf = RequestChecks.maxForwardsVerdict(request);
        if (mf.isPresent()) {
            reject(request, flow, mf.getAsInt(), null);
            return;
        }
        if (RequestChecks.isLoop(request, addresses::isOurs, forwarding)) {
            reject(request, flow, 482, null);
            return;
        }
        // §16.4: a Route naming us was put there for us; pop it (two when we double-record-routed: internal and
        // external address). A user part is one of our flow tokens; without one (a client's preloaded outbound-proxy
        // Route) the request is routed as if the Route were not there. Bounded by the Route count.
        SipRequest r = request;
        String tokenText = null;
        List<NameAddress> routes = r.routes();
        for (int i = 0; i < routes.size(); i++) {
            if (!(routes.get(i).uri() instanceof SipUri top) || !addresses.isOurs(top)) break;
            if (tokenText == null) tokenText = top.user();
            r = r.toBuilder().removeFirstValue(HeaderName.ROUTE).build();
        }
        if (tokenText != null && fromInside(tokenText, flow)) {
            towardsClient(r, flow, tokenText);
            return;
        }
        // from the outside from here on
        if (limiter != null && !limiter.tryAcquire(flow.remote().getAddress())) {
            metrics.rateLimited(dropWhenLimited ? "drop" : "503");
            if (dropWhenLimited) metrics.dropped("rate-limited");
            else reject(r, flow, 503, "Rate limit exceeded");
            return;
        }
        if (r.method() == SipMethod.REGISTER) {
            toRegistrar(request, r, flow);
        } else if (r.method() == SipMethod.OPTIONS && isForTheEdge(r)) {
            answerOptions(r, flow);
        } else if (!r.method().isStandard()) {
            reject(r, flow, 501, null);
        } else {
            toB2bua(request, r, flow);
        }
    }

    /**
     * Whether a request that carried our flow token in its top Route comes from the inside (a back end sending it
     * towards the token's flow). With an internal address: whether it arrived there. Otherwise RFC 5626 §5.3: it
     * goes towards the flow unless it came in on that very flow (the UA itself, with its Record-Route in a dialog).
     * A token that does not verify counts as from the inside, which answers it 403.
     */
    private boolean fromInside(String tokenText, Flow from) {
        InetAddress internal = internalIp;
        if (internal != null) {
            return from.local() != null
                    && from.local().getPort() == addresses.internalPort()
                    && internal.equals(from.local().getAddress());
        }
        Optional<FlowToken> token = tokens.decode(tokenText);
        return token.isEmpty() || !token.get().flow().remote().equals(from.remote());
    }

    private boolean isForTheEdge(SipRequest r) {
        return r.routes().isEmpty()
                && r.requestUri() instanceof SipUri uri
                && uri.user() == null
                && addresses.isOurs(uri);
    }

    private void toRegistrar(SipRequest incoming, SipRequest r, Flow flow) {
        String aor = aorOf(r);
        Optional<Backend> target = aor == null ? Optional.empty() : registrars.pick(aor);
        if (aor == null) {
            reject(r, flow, 400, "To is not a SIP URI");
            return;
        }
        if (target.isEmpty()) {
            reject(r, flow, 503, "No registrar available");
            return;
        }
        Backend b = target.get();
        String token = tokens.encode(new FlowToken(edgeId, flow));
        NameAddress path = NameAddress.of(addresses.routeUri(token));
        SipRequest.Builder out = r.toBuilder()
                .set(
                        HeaderName.MAX_FORWARDS,
                        Integer.toString(RequestChecks.forwardedMaxForwards(r, maxForwardsDefault)));
        // RFC 3327 §4.3: a proxy puts its Path entry on top of those already present
        if (r.hasHeader(HeaderName.PATH)) out.addFirst(HeaderName.PATH, path.toString());
        else out.add(HeaderName.PATH, path.toString());
        Via local = addresses.internalVia(b.transport(), null).withParameter(VIA_FLOW_PARAM, token);
        SipRequest forwarded = forwarding.forwardRequest(incoming, out.build(), local);
        send(forwarded, Destination.of(b.transport(), b.address()), "inbound");
    }

    /** The AOR the ring hashes: the To URI as {@code sip:user@host} (RFC 3261 §10.3 item 5), host lower case. */
    static String aorOf(SipRequest r) {
        return r.to().uri() instanceof SipUri to ? (to.isSecure() ? "sips:" : "sip:") + to.userAtHost() : null;
    }

    private void towardsClient(SipRequest r, Flow from, String tokenText) {
        Optional<FlowToken> token = tokens.decode(tokenText);
        if (token.isEmpty()) {
            reject(r, from, 403, "Invalid flow token");
            return;
        }
        Flow flow = token.get().flow();
        if (!token.get().edgeId().equals(edgeId)
                || (flow.hasConnection() && !transport.isConnected(flow.connectionId()))) {
            // RFC 5626 §5.3: the flow is gone (connection closed, or held by another edge instance)
            reject(r, from, 430, null);
            return;
        }
        // topology hiding: the inside's Via entries leave inside our branch, restored when the response comes back
        Via local = addresses.externalVia(flow.transport(), hiding.hide(r.vias()));
        SipRequest.Builder out = r.toBuilder()
                .set(
                        HeaderName.MAX_FORWARDS,
                        Integer.toString(RequestChecks.forwardedMaxForwards(r, maxForwardsDefault)))
                .remove(HeaderName.TRACEPARENT)
                .remove(HeaderName.VIA)
                .addFirst(HeaderName.VIA, local.toString());
        if (r.to().tag() == null && r.method().createsDialog()) {
            // §16.6 item 4 for dialogs the inside opens towards a UA (a B2BUA's leg B): the UA's flow token in
            // Record-Route puts this edge in both route sets, so the B2BUA's ACK, BYE and re-INVITEs leave through
            // this edge and the UA's connection, never straight from the inside to the UA's Contact. The UA uses the
            // top (external) entry; with an internal address the B2BUA, reversing the set, uses the internal one.
            if (addresses.hasInternal())
                out.addFirst(
                        HeaderName.RECORD_ROUTE,
                        NameAddress.of(addresses.recordRouteUri(tokenText)).toString());
            out.addFirst(
                    HeaderName.RECORD_ROUTE,
                    NameAddress.of(addresses.externalRecordRouteUri(tokenText)).toString());
        }
        send(out.build(), Destination.over(flow), "outbound");
    }

    /**
     * A request from the outside for a B2BUA: by the instance its dialog names, else by the ring over the Call-ID
     * (so a CANCEL, and the ACK of a failed INVITE, reach the instance the INVITE went to).
     */
    private void toB2bua(SipRequest incoming, SipRequest r, Flow flow) {
        if (b2buas.isEmpty()) {
            reject(r, flow, 503, "No route for " + r.method().name());
            return;
        }
        boolean inDialog = r.to().tag() != null;
        String named = inDialog ? instanceNamed(r) : null;
        Optional<Backend> target;
        if (named != null && b2buas.isHealthy(named)) {
            target = b2buas.byId(named);
        } else if (named != null) {
            // the instance is gone: the next healthy one on the ring for its id takes its calls over, the same for
            // every request of those calls and on every edge
            target = b2buas.pick(named);
            if (target.isPresent()) metrics.b2buaRerouted();
        } else {
            target = b2buas.pick(r.callId());
        }
        if (target.isEmpty()) {
            reject(r, flow, 503, "No B2BUA available");
            return;
        }
        Backend b = target.get();
        String token = tokens.encode(new FlowToken(edgeId, flow));
        SipRequest.Builder out = r.toBuilder()
                .set(
                        HeaderName.MAX_FORWARDS,
                        Integer.toString(RequestChecks.forwardedMaxForwards(r, maxForwardsDefault)));
        if (!inDialog && r.method().createsDialog()) {
            // §16.6 item 4: the flow token brings requests towards this UA back through this edge and connection.
            // With an internal address, two entries (RFC 5658): the B2BUA uses the top (internal) one, the UA the
            // bottom (external) one; the copy the UA sees in responses is rewritten to the external address.
            out.addFirst(
                    HeaderName.RECORD_ROUTE,
                    NameAddress.of(addresses.externalRecordRouteUri(token)).toString());
            if (addresses.hasInternal())
                out.addFirst(
                        HeaderName.RECORD_ROUTE,
                        NameAddress.of(addresses.recordRouteUri(token)).toString());
        }
        Via local = addresses.internalVia(b.transport(), null).withParameter(VIA_FLOW_PARAM, token);
        SipRequest forwarded = forwarding.forwardRequest(incoming, out.build(), local);
        send(forwarded, Destination.of(b.transport(), b.address()), "inbound");
    }

    /** The B2BUA instance id an in-dialog request names: the {@code b2bua} parameter of its Request-URI or a Route. */
    static String instanceNamed(SipRequest r) {
        if (r.requestUri() instanceof SipUri u && u.parameter(B2BUA_PARAM) != null) return u.parameter(B2BUA_PARAM);
        for (NameAddress route : r.routes()) {
            if (route.uri() instanceof SipUri u && u.parameter(B2BUA_PARAM) != null) return u.parameter(B2BUA_PARAM);
        }
        return null;
    }

    private void answerOptions(SipRequest r, Flow flow) {
        SipResponse ok = SipResponse.forRequest(r, 200)
                .toTag(toTag(r))
                .add(HeaderName.ALLOW, ALLOW)
                .add(HeaderName.CONTENT_LENGTH, "0")
                .build();
        metrics.requestAnswered(r.method(), 200);
        sendResponse(ok, flow);
    }

    /** A final answer of the edge's own (§16.11: a stateless proxy answers like a stateless UAS). Never for ACK. */
    private void reject(SipRequest r, Flow flow, int status, String reason) {
        if (r.method() == SipMethod.ACK) {
            metrics.dropped("ack-not-routable");
            return;
        }
        SipResponse.Builder b = SipResponse.forRequest(r, status).toTag(toTag(r));
        if (reason != null) b.reason(reason);
        if (status == 503) b.add(HeaderName.RETRY_AFTER, Integer.toString(retryAfterSeconds));
        if (status == 501) b.add(HeaderName.ALLOW, ALLOW);
        b.add(HeaderName.CONTENT_LENGTH, "0");
        metrics.requestRejected(r.method(), status);
        sendResponse(b.build(), flow);
    }

    /**
     * A To tag that is the same for every retransmission of a request (a stateless element keeps no state, so it
     * derives the tag from the request, RFC 3261 §8.2.6.2), and that never changes an existing tag.
     */
    private static String toTag(SipRequest r) {
        String existing = r.to().tag();
        if (existing != null) return existing;
        String key = r.topVia().branch() + "|" + r.callId() + "|" + r.from().tag();
        return "e" + Integer.toHexString(key.hashCode());
    }

    // ---- responses ---------------------------------------------------------------------------------------------

    @Override
    public void onResponse(SipResponse response, Flow flow) {
        metrics.responseReceived(response.status());
        Via top;
        try {
            top = response.topVia();
        } catch (SipParseException e) {
            metrics.dropped("bad-via");
            return;
        }
        if (!addresses.isOurs(top)) {
            metrics.dropped("not-our-via"); // §18.1.2; the transport already checks when so configured
            return;
        }
        if (ViaHiding.isHidingBranch(top.branch())) {
            inwards(response, top);
            return;
        }
        Optional<StatelessForwarding.ForwardedResponse> next = forwarding.forwardResponse(response);
        if (next.isEmpty()) {
            for (OptionsPinger p : pingers) p.onResponse(response);
            return;
        }
        SipResponse out =
                next.get().response().toBuilder().remove(HeaderName.TRACEPARENT).build();
        out = externalRoutes(out, HeaderName.PATH);
        out = externalRoutes(out, HeaderName.RECORD_ROUTE);
        Destination d = responseDestination(top, next.get().destination());
        sendForwardedResponse(out, d);
    }

    /** A UA's response to a request from the inside: the inside's Via entries restored, to the first of them. */
    private void inwards(SipResponse response, Via ours) {
        Optional<List<Via>> inner = hiding.restore(ours.branch());
        if (inner.isEmpty() || inner.get().isEmpty()) {
            metrics.dropped("bad-hidden-via");
            return;
        }
        List<Via> vias = inner.get();
        SipResponse.Builder b = response.toBuilder().removeFirstValue(HeaderName.VIA);
        for (int i = vias.size() - 1; i >= 0; i--)
            b.addFirst(HeaderName.VIA, vias.get(i).toString());
        io.siplane.sip.transaction.Destination byVia = ResponseAddressing.destination(vias.get(0), null);
        TransportType type = TransportType.fromName(byVia.transport()).orElse(TransportType.UDP);
        sendForwardedResponse(b.build(), Destination.of(type, byVia.address()));
    }

    private void sendForwardedResponse(SipResponse out, Destination d) {
        metrics.responseForwarded(out.status());
        transport.send(out, d).whenComplete((ok, err) -> {
            if (err != null) {
                metrics.dropped("send-failed");
                LOG.log(System.Logger.Level.DEBUG, "response to {0} not sent: {1}", d, err.toString());
            }
        });
    }

    /**
     * Over the flow our Via names while it is open (the client's connection, its NAT binding); else by the next Via
     * (§18.2.2, RFC 3581 {@code received}/{@code rport}).
     */
    private Destination responseDestination(Via ours, io.siplane.sip.transaction.Destination byVia) {
        String tokenText = ours.parameters().get(VIA_FLOW_PARAM);
        if (tokenText != null) {
            Optional<FlowToken> t = tokens.decode(tokenText);
            if (t.isPresent() && t.get().edgeId().equals(edgeId)) {
                Flow f = t.get().flow();
                if (!f.hasConnection() || transport.isConnected(f.connectionId())) return Destination.over(f);
            }
        }
        TransportType type = TransportType.fromName(byVia.transport()).orElse(TransportType.UDP);
        return Destination.of(type, byVia.address());
    }

    /**
     * Path (RFC 3327 §5.3: the registrar echoes it to the UA) and Record-Route (the UA's route set) entries of ours
     * must show the external address when they leave.
     */
    private SipResponse externalRoutes(SipResponse response, HeaderName header) {
        if (!addresses.hasInternal() || !response.hasHeader(header)) return response;
        SipResponse.Builder b = response.toBuilder().remove(header);
        for (NameAddress p : response.nameAddresses(header)) {
            if (p.uri() instanceof SipUri u && addresses.isOurs(u) && u.user() != null)
                p = p.withUri(
                        header == HeaderName.PATH
                                ? addresses.externalRouteUri(u.user())
                                : addresses.externalRecordRouteUri(u.user()));
            b.add(header, p.toString());
        }
        return b.build();
    }

    // ---- sending -----------------------------------------------------------------------------------------------

    private void send(SipRequest request, Destination d, String direction) {
        metrics.requestForwarded(request.method(), direction);
        transport.send(request, d).whenComplete((ok, err) -> {
            if (err != null) {
                // stateless: no retransmission, no error answer; the client's retransmission tries again
                metrics.dropped("send-failed");
                LOG.log(System.Logger.Level.DEBUG, "request to {0} not sent: {1}", d, err.toString());
            }
        });
    }

    private void sendResponse(SipResponse response, Flow flow) {
        transport.sendResponse(response, flow).whenComplete((ok, err) -> {
            if (err != null) metrics.dropped("send-failed");
        });
    }
}
