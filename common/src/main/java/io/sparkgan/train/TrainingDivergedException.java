package io.sparkgan.train;

/** A loss or gradient became NaN or infinite; the message names the round and phase. */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}
