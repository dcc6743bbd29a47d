package io.sparkgan.images;

import java.util.Objects;

/**
 * One input file that cannot become a training image (empty, not an image, truncated,
 * corrupt, too large, unreadable). Checked, because a data set with a few bad files is
 * normal: the caller counts and reports rejections instead of failing the whole job.
 */
public final class RejectedImageException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final String reason;

    /** A rejection of {@code fileName} because of {@code reason} (what is wrong, in words). */
    public RejectedImageException(String fileName, String reason) {
        this(fileName, reason, null);
    }

    /** A rejection caused by a lower-level failure, kept for the stack trace. */
    public RejectedImageException(String fileName, String reason, Throwable cause) {
        super(Objects.requireNonNull(fileName, "fileName must not be null") + ": "
                + Objects.requireNonNull(reason, "reason must not be null"), cause);
        this.fileName = fileName;
        this.reason = reason;
    }

    /** The file as the caller named it (usually its full path or URI). */
    public String fileName() {
        return fileName;
    }

    /** What is wrong with the file, without the file name. */
    public String reason() {
        return reason;
    }
}
