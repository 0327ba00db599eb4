package io.siplane.sip.dialog;

/** Bytes that are not a dialog state this build can read: corrupted, truncated, or of an unknown version. */
public final class DialogCodecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public DialogCodecException(String message) {
        super(message);
    }

    public DialogCodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
