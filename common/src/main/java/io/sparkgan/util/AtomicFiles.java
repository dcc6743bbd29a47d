package io.sparkgan.util;

import java.io.IOException;
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
 * with no file at all).
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Renames the finished file {@code tmp} over {@code target} in one step. */
    public static void replace(FileSystem fs, Path tmp, Path target) throws IOException {
        FileContext.getFileContext(fs.getUri(), fs.getConf()).rename(tmp, target, Options.Rename.OVERWRITE);
    }

    /** Replaces {@code target} with {@code content}. */
    public static void write(Path target, byte[] content, Configuration conf) throws IOException {
        FileSystem fs = target.getFileSystem(conf);
        Path tmp = new Path(target.getParent(), "." + target.getName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            try (FSDataOutputStream out = fs.create(tmp, false)) {
                out.write(content);
                out.hsync();
            }
            replace(fs, tmp, target);
        } catch (IOException | RuntimeException e) {
            try {
                fs.delete(tmp, false);
            } catch (IOException ignored) {
                // the original error matters more
            }
            throw e;
        }
    }
}
