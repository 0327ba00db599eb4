package io.siplane.b2bua.state;

import java.util.Objects;

/**
 * How an instance joins the Infinispan cluster that holds the calls.
 *
 * @param clusterName JGroups cluster name: only instances with the same name form a cluster
 * @param stack {@code tcp-loopback} (TCP + TCPPING, {@code jgroups-tcp-loopback.xml}) or {@code kube} (TCP +
 *     DNS_PING, {@code jgroups-kube.xml})
 * @param nodeName this instance's name in the cluster (its instance id)
 * @param bindAddress address JGroups binds (TCP)
 * @param bindPort JGroups TCP port
 * @param initialHosts TCPPING's members to contact, {@code host[port],host[port]}
 * @param dnsQuery DNS_PING's query (the headless Service) for the kube stack
 * @param owners copies of each call (Infinispan numOwners); 2 survives the loss of one instance
 */
public record ClusterSettings(
        String clusterName,
        String stack,
        String nodeName,
        String bindAddress,
        int bindPort,
        String initialHosts,
        String dnsQuery,
        int owners) {
    public static final String STACK_TCP_LOOPBACK = "tcp-loopback";
    public static final String STACK_KUBE = "kube";

    public ClusterSettings {
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(nodeName, "nodeName");
        if (!stack.equals(STACK_TCP_LOOPBACK) && !stack.equals(STACK_KUBE))
            throw new IllegalArgumentException("b2bua.cluster.stack must be tcp-loopback or kube, not " + stack);
        if (owners < 1) throw new IllegalArgumentException("owners must be at least 1: " + owners);
    }

    /** The JGroups XML resource of {@link #stack}. */
    public String stackResource() {
        return stack.equals(STACK_KUBE) ? "jgroups-kube.xml" : "jgroups-tcp-loopback.xml";
    }
}
