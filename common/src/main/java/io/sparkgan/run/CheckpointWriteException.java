package io.sparkgan.run;

/** A checkpoint could not be written; the message names the file and the checkpoint still intact. */
public final class CheckpointWriteException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public CheckpointWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
