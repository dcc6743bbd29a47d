package io.sparkgan.images;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.AccessDeniedException;
import java.util.Locale;
import java.util.Objects;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.AccessControlException;

/**
 * Reads one image file from any Hadoop filesystem and decodes it with an {@link ImageDecoder},
 * never throwing for a bad file: every problem (too large, unreadable, not an image, corrupt)
 * comes back as a rejected {@link Outcome} so that one bad file among millions is counted and
 * reported instead of failing the job. Thread-safe.
 *
 * <p>Note that every I/O failure becomes a rejection, transient ones included (a flaky
 * datanode); callers that want Spark to retry those must look at the reason.
 */
public final class ImageFileReader implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Default limit on a file's size before it is read: 256 MiB. */
    public static final long DEFAULT_MAX_FILE_BYTES = 256L << 20;

    private final ImageDecoder decoder;
    private final long maxFileBytes;

    /** A reader with the default file-size and pixel limits. */
    public ImageFileReader() {
        this(new ImageDecoder(), DEFAULT_MAX_FILE_BYTES);
    }

    /**
     * A reader that decodes with {@code decoder} (which holds the pixel limit) and refuses files
     * longer than {@code maxFileBytes}, checked from the file status before reading.
     */
    public ImageFileReader(ImageDecoder decoder, long maxFileBytes) {
        this.decoder = Objects.requireNonNull(decoder, "decoder must not be null; use new ImageDecoder()");
        if (maxFileBytes < 1 || maxFileBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxFileBytes is " + maxFileBytes + "; it must be between 1 and "
                    + (Integer.MAX_VALUE - 8) + " (default " + DEFAULT_MAX_FILE_BYTES + ")");
        }
        this.maxFileBytes = maxFileBytes;
    }

    /** The largest file, in bytes, that is read at all. */
    public long maxFileBytes() {
        return maxFileBytes;
    }

    /**
     * Reads and decodes {@code path}. The outcome's file name is {@code path.toString()}.
     *
     * @return the decoded pixels ({@code target.pixels()} bytes, uint8 HWC) or the reason the
     *         file was rejected
     */
    public Outcome read(FileSystem fs, Path path, ImageShape target) {
        Objects.requireNonNull(fs, "fs must not be null; use path.getFileSystem(conf)");
        Objects.requireNonNull(path, "path must not be null");
        try {
            FileStatus status = fs.getFileStatus(path);
            if (status.isDirectory()) {
                return Outcome.rejected(path.toString(), "is a directory, not an image file");
            }
            return read(fs, path, status.getLen(), target);
        } catch (IOException e) {
            return readFailure(path.toString(), e);
        }
    }

    /**
     * As {@link #read(FileSystem, Path, ImageShape)} for a file whose length is known from a
     * directory listing: saves a status call per file (a namenode round trip on HDFS).
     */
    public Outcome read(FileSystem fs, Path path, long length, ImageShape target) {
        Objects.requireNonNull(fs, "fs must not be null; use path.getFileSystem(conf)");
        Objects.requireNonNull(path, "path must not be null");
        Objects.requireNonNull(target, "target shape must not be null");
        String name = path.toString();
        byte[] bytes;
        try {
            if (length > maxFileBytes) {
                return Outcome.rejected(name, "file is " + length + " bytes, over the limit of " + maxFileBytes
                        + "; raise sparkgan prepare --max-file-bytes if such files are expected");
            }
            bytes = new byte[(int) length];
            try (FSDataInputStream in = fs.open(path)) {
                in.readFully(bytes);
            }
        } catch (IOException e) {
            return readFailure(name, e);
        }
        try {
            return Outcome.decoded(name, decoder.decode(name, bytes, target));
        } catch (RejectedImageException e) {
            return Outcome.rejected(e.fileName(), e.reason());
        }
    }

    /**
     * A rejection if {@code e} is the file's fault (permissions, gone, corrupt on disk); anything
     * else (a lost datanode, a network error) fails the task so Spark retries it, rather than
     * dropping a good image.
     */
    private static Outcome readFailure(String name, IOException e) {
        if (e instanceof EOFException) {
            return Outcome.rejected(name, "cannot read: the file is shorter than its listed length"
                    + " (was it changed while the job ran?)");
        }
        if (e instanceof org.apache.hadoop.fs.ChecksumException) {
            return Outcome.rejected(name, "cannot read: the file is corrupt on disk (" + e.getMessage() + ")");
        }
        if (isAboutTheFile(e)) return Outcome.rejected(name, "cannot read: " + describe(e));
        throw new java.io.UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
    }

    /** Whether {@code e} says something about this file (permissions, existence) rather than the cluster. */
    static boolean isAboutTheFile(IOException e) {
        return !describe(e).startsWith(e.getClass().getSimpleName());
    }

    /** "permission denied", "file not found" or the exception itself, in words. */
    static String describe(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof AccessControlException || e instanceof AccessDeniedException
                || message.toLowerCase(Locale.ROOT).contains("permission denied")) {
            return "permission denied";
        }
        if (e instanceof FileNotFoundException || e instanceof java.nio.file.NoSuchFileException) {
            return "file not found (was it deleted after it was listed?)";
        }
        return e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    /** True for names ending in .png, .jpg or .jpeg, in any case. */
    public static boolean isImageName(String name) {
        String n = baseName(name);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    /**
     * True for IDX file names as MNIST publishes them: containing "idx" and ending in "ubyte"
     * or "ubyte.gz" (e.g. train-images-idx3-ubyte.gz), in any case.
     */
    public static boolean isIdxName(String name) {
        String n = baseName(name);
        return n.contains("idx") && (n.endsWith("ubyte") || n.endsWith("ubyte.gz"));
    }

    private static String baseName(String name) {
        Objects.requireNonNull(name, "name must not be null");
        String n = name.toLowerCase(Locale.ROOT);
        return n.substring(n.lastIndexOf('/') + 1);
    }

    /** The result of reading one file: its pixels, or why it was rejected. */
    public static final class Outcome implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String fileName;
        private final byte[] pixels;
        private final String reason;

        private Outcome(String fileName, byte[] pixels, String reason) {
            this.fileName = fileName;
            this.pixels = pixels;
            this.reason = reason;
        }

        /** A decoded file. */
        public static Outcome decoded(String fileName, byte[] pixels) {
            return new Outcome(Objects.requireNonNull(fileName, "fileName must not be null"),
                    Objects.requireNonNull(pixels, "pixels must not be null"), null);
        }

        /** A rejected file and why. */
        public static Outcome rejected(String fileName, String reason) {
            return new Outcome(Objects.requireNonNull(fileName, "fileName must not be null"), null,
                    Objects.requireNonNull(reason, "reason must not be null"));
        }

        /** True when the file decoded; then {@link #pixels()} is set, else {@link #reason()}. */
        public boolean isDecoded() {
            return pixels != null;
        }

        /** The file as named by its path. */
        public String fileName() {
            return fileName;
        }

        /** The pixels (not copied). */
        public byte[] pixels() {
            if (pixels == null) {
                throw new IllegalStateException(fileName + " was rejected (" + reason
                        + "); check isDecoded() before pixels()");
            }
            return pixels;
        }

        /** Why the file was rejected. */
        public String reason() {
            if (reason == null) {
                throw new IllegalStateException(fileName + " was decoded; check isDecoded() before reason()");
            }
            return reason;
        }

        /** "name: reason" for a rejection, "name: decoded (N bytes)" otherwise. */
        @Override
        public String toString() {
            return fileName + ": " + (isDecoded() ? "decoded (" + pixels.length + " bytes)" : reason);
        }
    }
}
