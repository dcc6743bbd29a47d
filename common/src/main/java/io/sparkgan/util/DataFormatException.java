package io.sparkgan.util;

/**
 * Input data that cannot be used as training examples: a missing path, a malformed or
 * non-finite value, a ragged row, or no rows at all. The message names the file and, where
 * there is one, the line, column and offending value.
 */
public final class DataFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error described entirely by its message. */
    public DataFormatException(String message) {
        super(message);
    }

    /** An error caused by a lower-level failure, such as a missing file. */
    public DataFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
