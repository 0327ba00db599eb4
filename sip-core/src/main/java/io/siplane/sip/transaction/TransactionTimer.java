package io.siplane.sip.transaction;

/** The timers of RFC 3261 Table 4 and RFC 6026 §8, named so that schedulers and tests can tell them apart. */
public enum TransactionTimer {
    /** INVITE request retransmit interval, unreliable transports only (§17.1.1.2). */
    A,
    /** INVITE transaction timeout (§17.1.1.2). */
    B,
    /** Wait time for response retransmits in the INVITE client transaction's Completed state (§17.1.1.2). */
    D,
    /** Non-INVITE request retransmit interval, unreliable transports only (§17.1.2.2). */
    E,
    /** Non-INVITE transaction timeout (§17.1.2.2). */
    F,
    /** INVITE final response retransmit interval, unreliable transports only (§17.2.1). */
    G,
    /** Wait time for ACK receipt (§17.2.1). */
    H,
    /** Wait time for ACK retransmits (§17.2.1). */
    I,
    /** Wait time for non-INVITE request retransmits (§17.2.2). */
    J,
    /** Wait time for response retransmits in the non-INVITE client transaction's Completed state (§17.1.2.2). */
    K,
    /** Wait time for INVITE retransmissions in the server transaction's Accepted state (RFC 6026 §7.1). */
    L,
    /** Wait time for 2xx retransmissions in the client transaction's Accepted state (RFC 6026 §7.2). */
    M,
    /** The 200 ms after which an INVITE server transaction sends 100 Trying itself (RFC 3261 §17.2.1). */
    TRYING
}
