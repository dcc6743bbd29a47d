package io.sparkgan.dataset;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkgan.util.DataFormatException;
import io.sparkgan.util.Json;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A prepared data set directory on any Hadoop filesystem, opened through its manifest. Opening
 * checks the manifest and that every shard it names exists with the recorded size, so a broken
 * or half-copied data set is reported on the driver before any Spark job starts.
 */
public final class PreparedDataset {
    private static final ObjectMapper READER = Json.mapper().copy()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path root;
    private final DatasetManifest manifest;

    private PreparedDataset(Path root, DatasetManifest manifest) {
        this.root = root;
        this.manifest = manifest;
    }

    /** Opens the data set at {@code uri} (the directory that holds manifest.json). */
    public static PreparedDataset open(String uri, Configuration conf) {
        Path root = new Path(uri);
        Path manifestPath = new Path(root, DatasetManifest.FILE_NAME);
        try {
            FileSystem fs = root.getFileSystem(conf);
            root = fs.makeQualified(root);
            DatasetManifest manifest;
            try (InputStream in = fs.open(manifestPath)) {
                manifest = READER.readValue(in, DatasetManifest.class);
            } catch (FileNotFoundException e) {
                throw new DataFormatException(uri + " is not a prepared data set: it has no " + DatasetManifest.FILE_NAME
                        + " (create one with: sparkgan prepare --input IMAGES --out " + uri + ")");
            } catch (org.apache.hadoop.fs.ChecksumException e) {
                throw new DataFormatException(manifestPath + " does not match its checksum file (."
                        + DatasetManifest.FILE_NAME + ".crc): it was changed or damaged outside sparkgan; run sparkgan"
                        + " prepare again");
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                throw new DataFormatException(manifestPath + ": not a valid manifest: " + e.getOriginalMessage());
            }
            check(manifestPath, manifest);
            for (DatasetManifest.Shard shard : manifest.shards()) {
                Path p = new Path(root, shard.file());
                FileStatus st;
                try {
                    st = fs.getFileStatus(p);
                } catch (FileNotFoundException e) {
                    throw new DataFormatException(manifestPath + " names shard " + shard.file()
                            + " which does not exist; the data set is incomplete, run sparkgan prepare again");
                }
                if (st.getLen() != shard.bytes()) {
                    throw new DataFormatException(p + " has " + st.getLen() + " bytes, the manifest says " + shard.bytes()
                            + "; the shard is truncated or replaced, run sparkgan prepare again");
                }
            }
            return new PreparedDataset(root, manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read prepared data set " + uri + ": " + e.getMessage(), e);
        }
    }

    private static void check(Path file, DatasetManifest m) {
        if (!DatasetManifest.FORMAT.equals(m.format()) || m.version() != DatasetManifest.VERSION) {
            throw new DataFormatException(file + ": format " + m.format() + " version " + m.version()
                    + ", this sparkgan reads " + DatasetManifest.FORMAT + " version " + DatasetManifest.VERSION);
        }
        if (m.shape() == null || m.shards() == null || m.shards().isEmpty()) {
            throw new DataFormatException(file + ": manifest has no shape or no shards");
        }
        long total = 0;
        for (DatasetManifest.Shard s : m.shards()) total += s.count();
        if (total != m.count()) {
            throw new DataFormatException(file + ": shards hold " + total + " images but count says " + m.count());
        }
        if (!DatasetManifest.checksumOf(m.shape(), m.shards()).equals(m.checksum())) {
            throw new DataFormatException(file + ": checksum does not match the shard list; the manifest was edited");
        }
    }

    /** Fully qualified URI of the data set directory. */
    public String uri() {
        return root.toString();
    }

    public DatasetManifest manifest() {
        return manifest;
    }

    /** Fully qualified URI of a shard of the manifest. */
    public String shardUri(DatasetManifest.Shard shard) {
        return new Path(root, shard.file()).toString();
    }
}
