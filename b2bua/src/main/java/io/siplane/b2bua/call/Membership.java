package io.siplane.b2bua.call;

import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.remoting.transport.Address;

/**
 * Which instances are alive: the call timer scan fires the deadlines of calls whose owner is this instance or is no
 * longer a member of the cluster (ADR 0011), so call timers survive the owner's death.
 */
@FunctionalInterface
public interface Membership {
    /** One instance alone: every owner counts as alive (in-memory store, single-node tests). */
    Membership SINGLE = id -> true;

    boolean isMember(String instanceId);

    /** The Infinispan cluster view; node names are instance ids ({@code ClusterSettings#nodeName}). */
    static Membership of(EmbeddedCacheManager manager) {
        return id -> {
            var members = manager.getMembers();
            if (members == null) return true;
            for (Address a : members) {
                if (a.toString().equals(id)) return true;
            }
            return false;
        };
    }
}
