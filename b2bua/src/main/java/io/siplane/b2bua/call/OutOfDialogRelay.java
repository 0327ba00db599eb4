package io.siplane.b2bua.call;

import io.siplane.b2bua.routing.Route;
import io.siplane.b2bua.routing.Router;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipMethod;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.message.StatusCodes;
import io.siplane.sip.message.uri.SipUri;
import io.siplane.sip.transaction.ClientTransaction;
import io.siplane.sip.transaction.ClientTransactionUser;
import io.siplane.sip.transaction.ServerTransaction;
import io.siplane.sip.transaction.TransactionLayer;
import io.siplane.sip.transport.Destination;
import java.util.Optional;
import java.util.UUID;

/**
 * Requests outside any dialog other than INVITE. MESSAGE (RFC 3428) and OPTIONS to a user are routed like an INVITE
 * (location lookup, then the trunk prefixes; 404 when the callee is unknown) and sent on as a new request with the
 * B2BUA's own Call-ID and From; the final response comes back with the same status. OPTIONS to the B2BUA itself
 * (no user part in the Request-URI, or Max-Forwards 0: the edge's health ping) is answered here with 200.
 */
final class OutOfDialogRelay {
    private final CallController c;
    private final Router router;

    OutOfDialogRelay(CallController controller, Router router) {
        this.c = controller;
        this.router = router;
    }

    /** Runs on the request's lane. */
    void handle(ServerTransaction tx, SipRequest request) {
        SipMethod m = request.method();
        String tag = TransactionLayer.newTag();
        boolean toUser = request.requestUri() instanceof SipUri u && u.user() != null;
        if (m == SipMethod.OPTIONS && (!toUser || request.maxForwards() == 0)) {
            tx.sendResponse(SipResponse.forRequest(request, StatusCodes.OK)
                    .toTag(tag)
                    .add(HeaderName.ALLOW, CallController.ALLOW)
                    .add(HeaderName.SUPPORTED, "100rel, timer")
                    .build());
            return;
        }
        if (m != SipMethod.MESSAGE && m != SipMethod.OPTIONS) {
            tx.sendResponse(Messages.answer(request, tag, StatusCodes.NOT_IMPLEMENTED));
            return;
        }
        if (!(request.requestUri() instanceof SipUri callee)) {
            tx.sendResponse(Messages.answer(request, tag, StatusCodes.UNSUPPORTED_URI_SCHEME));
            return;
        }
        if (request.maxForwards() == 0) {
            tx.sendResponse(Messages.answer(request, tag, StatusCodes.TOO_MANY_HOPS));
            return;
        }
        router.route(callee)
                .whenComplete((route, err) -> c.onLane(
                        request.callId(), () -> routed(tx, request, tag, err == null ? route : Optional.empty())));
    }

    private void routed(ServerTransaction tx, SipRequest request, String tag, Optional<Route> route) {
        if (route.isEmpty()) {
            tx.sendResponse(Messages.answer(request, tag, StatusCodes.NOT_FOUND));
            return;
        }
        Route r = route.get();
        Destination next = Destinations.nextHop(r.requestUri(), r.routeSet());
        SipRequest out = Messages.legBRequest(
                        request,
                        r.requestUri(),
                        r.routeSet(),
                        UUID.randomUUID() + "@" + c.settings().contactHost(),
                        c.settings().contactHost(),
                        null)
                .build();
        c.stack().sendRequest(out, next, new ClientTransactionUser() {
            @Override
            public void onProvisional(ClientTransaction t, SipResponse response) {}

            @Override
            public void onFinal(ClientTransaction t, SipResponse response) {
                SipResponse.Builder b = SipResponse.forRequest(request, response.status())
                        .reason(response.reason())
                        .toTag(tag);
                Messages.copyEndToEnd(response, b);
                tx.sendResponse(b.build());
            }

            @Override
            public void onTimeout(ClientTransaction t) {
                tx.sendResponse(Messages.answer(request, tag, StatusCodes.REQUEST_TIMEOUT));
            }

            @Override
            public void onTransportError(ClientTransaction t, Exception cause) {
                tx.sendResponse(Messages.answer(request, tag, StatusCodes.TEMPORARILY_UNAVAILABLE));
            }
        });
    }
}
