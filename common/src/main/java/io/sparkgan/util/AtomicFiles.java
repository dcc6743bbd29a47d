package io.sparkgan.util;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * Whole-file writes that readers see all or nothing of, on any Hadoop filesystem: the content
 * goes to a hidden temporary file next to the target, is synced, and is renamed over the target
 * in one step ({@link FileContext#rename} with OVERWRITE is atomic on HDFS and local disks;
 * {@link FileSystem#rename} refuses an existing target, and delete-then-rename leaves a moment
 * with no file at all). The one place sparkgan writes a user-visible file whole.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes a file's content to a stream (which the caller closes). */
    @FunctionalInterface
    public interface Content {
        /**
         * @param out the temporary file's stream; do not close it
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Renames the finished file {@code tmp} over {@code target} in one step. */
    public static void replace(FileSystem fs, Path tmp, Path target) throws IOException {
        FileContext.getFileContext(fs.getUri(), fs.getConf()).rename(tmp, target, Options.Rename.OVERWRITE);
    }

    /**
     * Replaces {@code target} with {@code content}.
     *
     * @param target the file to replace (or create)
     * @param content its new bytes
     * @param conf the job's Hadoop configuration (it may hold the filesystem's settings)
     */
    public static void write(Path target, byte[] content, Configuration conf) throws IOException {
        write(target.getFileSystem(conf), target, out -> out.write(content));
    }

    /**
     * Replaces {@code target} on {@code fs} with {@code content}.
     *
     * @param fs the filesystem of {@code target} (e.g. a raw local one that writes through)
     * @param target the file to replace (or create)
     * @param content its new bytes
     */
    public static void write(FileSystem fs, Path target, byte[] content) throws IOException {
        write(fs, target, out -> out.write(content));
    }

    /**
     * Replaces {@code target} on {@code fs} with what {@code content} writes, streamed (large CSV
     * files need not fit in memory). On failure the temporary file is removed and the target is
     * as it was.
     *
     * @param fs the filesystem of {@code target}
     * @param target the file to replace (or create)
     * @param content writes the new content
     */
    public static void write(FileSystem fs, Path target, Content content) throws IOException {
        replace(fs, target, content).close();
    }

    /**
     * Replaces {@code target} as {@link #write(FileSystem, Path, Content)} does and returns the
     * stream still open, so that more can be appended to the file now under the target's name (a
     * progressive file whose earlier part is rewritten: it is never truncated in place). The
     * rename of a file open for writing keeps the stream valid on local disks and HDFS. A
     * filesystem that cannot sync or rename an unfinished file (an object store) throws
     * {@link UnsupportedOperationException} or an IOException, and the target is as it was.
     *
     * @param fs the filesystem of {@code target}
     * @param target the file to replace (or create)
     * @param content writes the file's first part
     * @return the open stream of the file now named {@code target}; the caller closes it
     */
    public static FSDataOutputStream replace(FileSystem fs, Path target, Content content) throws IOException {
        Path tmp = temporaryFor(target);
        FSDataOutputStream out = null;
        try {
            out = fs.create(tmp, false);
            content.writeTo(out);
            out.hsync();
            replace(fs, tmp, target);
            return out;
        } catch (IOException | RuntimeException e) {
            closeQuietly(out, e);
            try {
                fs.delete(tmp, false);
            } catch (IOException ignored) {
                // the original error matters more
            }
            throw e;
        }
    }

    /**
     * Closes a stream after a failure without masking it. (Not try-with-resources: HDFS's stream
     * rethrows the very exception that failed the write from close(), and adding an exception as
     * suppressed to itself throws IllegalArgumentException instead of the real error.)
     */
    private static void closeQuietly(FSDataOutputStream out, Exception failure) {
        if (out == null) return;
        try {
            out.close();
        } catch (IOException | RuntimeException e) {
            if (e != failure) failure.addSuppressed(e);
        }
    }

    /**
     * A hidden name beside {@code target}, unique per write: two writers of the same file (a
     * retried task, a second process) never share a temporary file.
     */
    private static Path temporaryFor(Path target) {
        return new Path(target.getParent(), "." + target.getName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    }
}
