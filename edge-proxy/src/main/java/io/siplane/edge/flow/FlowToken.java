package io.siplane.edge.flow;

import io.siplane.sip.transport.Flow;
import java.util.Objects;

/**
 * What a flow token says (RFC 5626 §5.2 style): which edge instance holds the client's flow, and the flow itself
 * (transport, the edge's local address, the client's address as seen by the edge, i.e. its NAT binding, and the
 * connection). Carried signed in the user part of the edge's Path and Record-Route URIs; see {@link
 * FlowTokenCodec}.
 *
 * @param edgeId the edge instance that minted the token and holds the flow
 * @param flow the client's flow
 */
public record FlowToken(String edgeId, Flow flow) {
    public FlowToken {
        Objects.requireNonNull(edgeId, "edgeId");
        Objects.requireNonNull(flow, "flow");
    }
}
