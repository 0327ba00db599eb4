/**
 * The RFC 3261 §12 dialog layer: dialog identifiers, dialog state and the in-dialog request rules.
 *
 * <p>Pure logic over the message model ({@code io.siplane.sip.message}): no Netty, no transport, no
 * transactions, no clock. Dialog state ({@link io.siplane.sip.dialog.DialogState}) is an immutable record of
 * plain values, so a B2BUA can keep it in a distributed cache; every operation returns the next state instead
 * of mutating, and {@link io.siplane.sip.dialog.DialogCodec} gives it a compact, versioned byte form.
 *
 * <p>What this layer leaves to the layers around it: the Via header field and branch of every request (the
 * transaction/transport layer adds them, RFC 3261 §8.1.1.7), retransmission absorption (server transactions,
 * §17.2.3), CANCEL (§9.1, matched to a transaction, not to a dialog), and Contact, bodies and authentication
 * of the requests it builds (the transaction user adds them).
 */
package io.siplane.sip.dialog;
