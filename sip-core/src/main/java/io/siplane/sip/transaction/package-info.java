/**
 * The RFC 3261 §17 transaction layer, amended by RFC 6026: four pure state machines ({@link
 * io.siplane.sip.transaction.InviteClientTransaction}, {@link io.siplane.sip.transaction.NonInviteClientTransaction},
 * {@link io.siplane.sip.transaction.InviteServerTransaction}, {@link
 * io.siplane.sip.transaction.NonInviteServerTransaction}) and the {@link io.siplane.sip.transaction.TransactionLayer}
 * that matches messages to them.
 *
 * <p>Effects leave through narrow ports: {@link io.siplane.sip.transaction.TransactionTransport} (send), {@link
 * io.siplane.sip.transaction.TransactionTimers} (schedule) and the transaction users ({@link
 * io.siplane.sip.transaction.ClientTransactionUser}, {@link io.siplane.sip.transaction.ServerTransactionUser}). No
 * I/O and no clock live here, so tests drive time by hand.
 *
 * <p>Threading: the layer is called from transport event loops and timer threads at once. Its tables are concurrent
 * maps; each transaction is a monitor (every event runs {@code synchronized} on the transaction), and the calls to
 * the transaction user are queued under that monitor and delivered after it is released, in order, by one thread
 * at a time. A transaction user may therefore call into any transaction from a callback without risk of deadlock.
 */
package io.siplane.sip.transaction;
