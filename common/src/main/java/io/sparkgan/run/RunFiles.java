package io.sparkgan.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import io.sparkgan.util.AtomicFiles;

/**
 * A run directory on any Hadoop filesystem: config.conf, provenance.json, metrics.jsonl,
 * model.ckpt, samples. Whole files are written under a temporary name and renamed
 * ({@link AtomicFiles}), so a crash never leaves a half-written file under the real name.
 */
public final class RunFiles {
    public static final String CONFIG = "config.conf";
    public static final String PROVENANCE = "provenance.json";
    public static final String METRICS = "metrics.jsonl";
    public static final String MODEL = "model.ckpt";
    public static final String EVALUATION = "evaluation.json";
    /** {@code sparkgan evaluate --live-generator}: the same figures for G without its moving average. */
    public static final String EVALUATION_LIVE_GENERATOR = "evaluation-live-generator.json";
    /** IS/FID (image runs) over training, one JSON object a line; written by the evaluator. */
    public static final String QUALITY = "quality.jsonl";
    /** {@code sparkgan evaluate --time-to-quality}: the first evaluation reaching each IS threshold. */
    public static final String TIME_TO_QUALITY = "time-to-quality.json";
    /** {@code sparkgan evaluate --memorisation}: nearest-training-image distances of generated and test images. */
    public static final String MEMORISATION = "memorisation.json";
    public static final String FINAL_SAMPLES = "final-samples.png";
    public static final String REPORT = "report.html";

    private final Path root;
    private final FileSystem fs;

    private RunFiles(Path root, FileSystem fs) {
        this.root = root;
        this.fs = writeThrough(fs);
    }

    /**
     * Hadoop's checksummed local filesystem buffers writes in 512-byte chunks and ignores hflush
     * and hsync, so a driver killed with kill -9 lost metrics lines already "flushed" (measured: a
     * 250-byte file came back empty). Its raw filesystem writes through and fsyncs on hsync; our
     * checkpoints carry their own CRC.
     */
    private static FileSystem writeThrough(FileSystem fs) {
        return fs instanceof LocalFileSystem ? ((LocalFileSystem) fs).getRaw() : fs;
    }

    /** An existing run directory. */
    public static RunFiles open(String uri, Configuration conf) {
        try {
            Path root = new Path(uri);
            FileSystem fs = root.getFileSystem(conf);
            if (!fs.isDirectory(root)) {
                throw new IllegalArgumentException("run directory " + uri + " does not exist (or is not a directory)");
            }
            return new RunFiles(fs.makeQualified(root), fs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open run directory " + uri + ": " + e.getMessage(), e);
        }
    }

    /** A directory that is created if missing (a checkpoint directory); fails early if it cannot be. */
    public static RunFiles openOrCreate(String uri, Configuration conf) {
        Path root = new Path(uri);
        try {
            FileSystem fs = root.getFileSystem(conf);
            if (!fs.isDirectory(root) && !fs.mkdirs(root)) throw new IOException("mkdirs returned false");
            return new RunFiles(fs.makeQualified(root), fs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory " + uri + ": " + e.getMessage()
                    + " (check that its parent is a writable directory)", e);
        }
    }

    /** Creates the run directory; an existing one is refused unless {@code overwrite}. */
    public static RunFiles create(String uri, boolean overwrite, Configuration conf) {
        try {
            Path root = new Path(uri);
            FileSystem fs = root.getFileSystem(conf);
            if (fs.exists(root)) {
                if (!overwrite) {
                    throw new IllegalStateException("run directory " + uri + " already exists; choose another run.name,"
                            + " delete it, set run.overwrite = true, or continue it with sparkgan train --resume " + uri);
                }
                fs.delete(root, true);
            }
            if (!fs.mkdirs(root)) throw new IOException("mkdirs returned false");
            return new RunFiles(fs.makeQualified(root), fs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory " + uri + ": " + e.getMessage(), e);
        }
    }

    public Path path(String name) {
        return new Path(root, name);
    }

    public String uri() {
        return root.toString();
    }

    /** Writes a whole file atomically (temporary name, then rename: {@link AtomicFiles}). */
    public void write(String name, byte[] content) {
        try {
            AtomicFiles.write(fs, path(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path(name) + ": " + e.getMessage(), e);
        }
    }

    public void writeText(String name, String text) {
        write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] read(String name) {
        try (InputStream in = fs.open(path(name))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalArgumentException("run directory " + root + " has no " + name, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path(name) + ": " + e.getMessage(), e);
        }
    }

    /** Names of the regular files in the directory (no order). */
    public List<String> list() {
        return fileNames(root);
    }

    /** Names of the regular files in the folder {@code dir} of the run (no order; none if there is no such folder). */
    public List<String> list(String dir) {
        return fileNames(path(dir));
    }

    private List<String> fileNames(Path dir) {
        try {
            List<String> names = new ArrayList<>();
            if (!fs.isDirectory(dir)) return names;
            for (FileStatus f : fs.listStatus(dir)) {
                if (f.isFile()) names.add(f.getPath().getName());
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Whether the run directory holds a file (or folder) {@code name}. */
    public boolean exists(String name) {
        try {
            return fs.exists(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + path(name) + ": " + e.getMessage(), e);
        }
    }

    public void delete(String name) {
        try {
            if (fs.exists(path(name)) && !fs.delete(path(name), false)) throw new IOException("delete returned false");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path(name) + ": " + e.getMessage(), e);
        }
    }

    public void rename(String from, String to) {
        try {
            if (!fs.rename(path(from), path(to))) throw new IOException("rename returned false");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + path(from) + " to " + to + ": " + e.getMessage(), e);
        }
    }

    public String readText(String name) {
        return new String(read(name), StandardCharsets.UTF_8);
    }

    /** A stream for a file written progressively (metrics.jsonl); call hflush after each record. */
    public FSDataOutputStream createStream(String name) {
        try {
            return fs.create(path(name), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path(name) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces the file {@code name} atomically with {@code content} and returns its stream, open
     * for writing more ({@link AtomicFiles#replace(FileSystem, Path, AtomicFiles.Content)}), or
     * null if this filesystem cannot do that (an object store); the file is then unchanged.
     */
    public FSDataOutputStream replaceAndContinue(String name, byte[] content) {
        try {
            return AtomicFiles.replace(fs, path(name), out -> out.write(content));
        } catch (UnsupportedOperationException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + path(name) + ": " + e.getMessage(), e);
        }
    }
}
