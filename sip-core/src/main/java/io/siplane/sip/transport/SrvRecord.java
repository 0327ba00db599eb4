package io.siplane.sip.transport;

import java.util.Objects;

/** One DNS SRV record (RFC 2782), without its name and TTL. */
public record SrvRecord(int priority, int weight, int port, String target) {
    public SrvRecord {
        if (priority < 0 || priority > 65535 || weight < 0 || weight > 65535 || port < 0 || port > 65535)
            throw new IllegalArgumentException("SRV field out of range");
        Objects.requireNonNull(target, "target");
    }
}
