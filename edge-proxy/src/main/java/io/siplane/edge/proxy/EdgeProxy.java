package io.siplane.edge.proxy;

import io.siplane.edge.flow.FlowToken;
import io.siplane.edge.flow.FlowTokenCodec;
import io.siplane.edge.health.OptionsPinger;
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
import io.siplane.sip.transaction.StatelessForwarding;
import io.siplane.sip.transport.Destination;
import io.siplane.sip.transport.Flow;
import io.siplane.sip.transport.MessageHandler;
import io.siplane.sip.transport.SipTransport;
import io.siplane.sip.transport.TransportType;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The stateless edge proxy core (RFC 3261 §16.11): one decision per message, no per-transaction state.
 *
 * <p><b>Requests from a client.</b> Max-Forwards (483 at zero, §16.3 item 3), loop detection (482, §16.3 item 4),
 * our own Route entries popped (§16.4). REGISTER goes to the registrar the hash ring picks for the AOR, with a Path
 * (RFC 3327) whose user part is a signed {@link FlowToken} naming this edge and the client's flow, and our Via on
 * top; the Via carries the token too ({@value #VIA_FLOW_PARAM}), so the response goes back over the very
 * connection the request came in on. OPTIONS to the edge itself is answered 200. Standard methods the edge
 * cannot route yet (no B2BUA pool: issue 4) get 503 with Retry-After, unknown methods 501; ACK is never answered.
 *
 * <p><b>Requests from the inside</b> (a back end using the Path) carry our flow token as the top Route: the Route is
 * popped, the token verified (forged or tampered: 403; another edge's or a closed connection: 430 Flow Failed,
 * RFC 5626 §5.3) and the request leaves over the client's flow, with our external Via on top.
 *
 * <p><b>Responses</b> lose our top Via and go to the next one (§16.11, §18.2.2 with {@code received}/{@code rport})
 * or over the flow our Via names. A response with only our Via answers one of the edge's own requests (an OPTIONS
 * ping). Nothing going out names an internal address: our internal Via is popped, {@code traceparent} is removed,
 * Path entries naming our internal address are rewritten to the external one.
 */
public final class EdgeProxy implements MessageHandler {
    /** The Via parameter carrying the client's flow token on requests forwarded to the inside. */
    public static final String VIA_FLOW_PARAM = "siplane-flow";

    static final String ALLOW =
            "INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER, PRACK, UPDATE, INFO, MESSAGE, " + "SUBSCRIBE, NOTIFY, REFER";
    private static final System.Logger LOG = System.getLogger(EdgeProxy.class.getName());

    private final String edgeId;
    private final FlowTokenCodec tokens;
    private final StatelessForwarding forwarding;
    private final BackendPool registrars;
    private final EdgeMetrics metrics;
    private final int maxForwardsDefault;
    private final int retryAfterSeconds;
    private volatile SipTransport transport;
    private volatile EdgeAddresses addresses;
    private volatile OptionsPinger pinger;

    public EdgeProxy(
            String edgeId,
            FlowTokenCodec tokens,
            StatelessForwarding forwarding,
            BackendPool registrars,
            EdgeMetrics metrics,
            int maxForwardsDefault,
            int retryAfterSeconds) {
        this.edgeId = edgeId;
        this.tokens = tokens;
        this.forwarding = forwarding;
        this.registrars = registrars;
        this.metrics = metrics;
        this.maxForwardsDefault = maxForwardsDefault;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Connects the proxy to its started transport; the addresses include the bound ports. */
    public void attach(SipTransport transport, EdgeAddresses addresses) {
        this.transport = transport;
        this.addresses = addresses;
    }

    /** Where the responses to the edge's own OPTIONS pings go. */
    public void attach(OptionsPinger pinger) {
        this.pinger = pinger;
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
        // §16.4: a Route naming us was put there for us; pop it. A user part is one of our flow tokens; without
        // one (a client's preloaded outbound-proxy Route) the request is routed as if the Route were not there.
        SipRequest r = request;
        String tokenText = null;
        List<NameAddress> routes = r.routes();
        if (!routes.isEmpty() && routes.get(0).uri() instanceof SipUri top && addresses.isOurs(top)) {
            tokenText = top.user();
            r = r.toBuilder().removeFirstValue(HeaderName.ROUTE).build();
        }
        if (tokenText != null) {
            towardsClient(request, r, flow, tokenText);
        } else if (r.method() == SipMethod.REGISTER) {
            toRegistrar(request, r, flow);
        } else if (r.method() == SipMethod.OPTIONS && isForTheEdge(r)) {
            answerOptions(r, flow);
        } else {
            unroutable(r, flow);
        }
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

    private void towardsClient(SipRequest incoming, SipRequest r, Flow from, String tokenText) {
        Optional<FlowToken> token = tokens.decode(tokenText);
        if (token.isEmpty()) {
            reject(r, from, 403, "Invalid flow token");
            return;
        }
        Flow flow = token.get().flow();
        if (flow.remote().equals(from.remote())) {
            // the client itself sent a request carrying its own token (a Record-Route in a dialog): that goes
            // inwards, to the B2BUA, which issue 4 adds
            unroutable(r, from);
            return;
        }
        if (!token.get().edgeId().equals(edgeId)
                || (flow.hasConnection() && !transport.isConnected(flow.connectionId()))) {
            // RFC 5626 §5.3: the flow is gone (connection closed, or held by another edge instance)
            reject(r, from, 430, null);
            return;
        }
        SipRequest.Builder out = r.toBuilder()
                .set(
                        HeaderName.MAX_FORWARDS,
                        Integer.toString(RequestChecks.forwardedMaxForwards(r, maxForwardsDefault)))
                .remove(HeaderName.TRACEPARENT);
        Via local = addresses.externalVia(flow.transport(), null);
        SipRequest forwarded = forwarding.forwardRequest(incoming, out.build(), local);
        send(forwarded, Destination.over(flow), "outbound");
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

    private void unroutable(SipRequest r, Flow flow) {
        if (!r.method().isStandard()) reject(r, flow, 501, null);
        else reject(r, flow, 503, "No route for " + r.method().name() + " yet");
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
        Optional<StatelessForwarding.ForwardedResponse> next = forwarding.forwardResponse(response);
        if (next.isEmpty()) {
            OptionsPinger p = pinger;
            if (p != null) p.onResponse(response);
            return;
        }
        SipResponse out =
                next.get().response().toBuilder().remove(HeaderName.TRACEPARENT).build();
        out = externalPaths(out);
        Destination d = responseDestination(top, next.get().destination());
        metrics.responseForwarded(response.status());
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

    /** RFC 3327 §5.3 makes the registrar echo Path to the UA: our entry must show the external address. */
    private SipResponse externalPaths(SipResponse response) {
        if (!addresses.hasInternal() || !response.hasHeader(HeaderName.PATH)) return response;
        SipResponse.Builder b = response.toBuilder().remove(HeaderName.PATH);
        for (NameAddress p : response.paths()) {
            if (p.uri() instanceof SipUri u && addresses.isOurs(u) && u.user() != null)
                p = p.withUri(addresses.externalRouteUri(u.user()));
            b.add(HeaderName.PATH, p.toString());
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
