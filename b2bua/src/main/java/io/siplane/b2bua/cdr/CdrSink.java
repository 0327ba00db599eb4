package io.siplane.b2bua.cdr;

/** Where call detail records go. {@link #send} must not block for long and must never throw. */
public interface CdrSink extends AutoCloseable {
    CdrSink NONE = cdr -> {};

    void send(Cdr cdr);

    @Override
    default void close() {}
}
