package io.sparkgan.dataset;

import io.sparkgan.util.DataFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Gives each shard as a local file that can be memory-mapped. Shards on the local filesystem
 * are used in place; shards on HDFS, S3 and the like are copied once per machine into a cache
 * directory, named by their SHA-256 and verified while copying, so every task on the executor
 * samples from local disk (through the page cache) instead of the network.
 * <p>The cache directory is the system property {@code sparkgan.shard-cache}, else the
 * environment variable {@code SPARKGAN_SHARD_CACHE}, else {@code java.io.tmpdir/sparkgan-shards}.
 */
public final class LocalShardCache {
    private static final Map<String, Path> RESOLVED = new ConcurrentHashMap<>();

    private LocalShardCache() {}

    /** A local file with the content of shard {@code uri}, whose SHA-256 is {@code sha256}. */
    public static Path localFile(String uri, String sha256, long bytes, Configuration conf) {
        // A remembered file may be gone (its data set deleted, or prepared again elsewhere with the
        // same content): then resolve again.
        return RESOLVED.compute(sha256, (key, known) -> known != null && Files.isRegularFile(known) ? known
                : resolve(uri, sha256, bytes, conf));
    }

    private static Path resolve(String uri, String sha256, long bytes, Configuration conf) {
        org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(uri);
        try {
            FileSystem fs = source.getFileSystem(conf);
            if ("file".equals(fs.getUri().getScheme())) return Path.of(fs.makeQualified(source).toUri());
            Path dir = cacheDirectory();
            Files.createDirectories(dir);
            Path target = dir.resolve(sha256 + ".shard");
            if (Files.isRegularFile(target) && Files.size(target) == bytes) return target;
            Path tmp = Files.createTempFile(dir, sha256, ".part");
            try {
                MessageDigest sha = ShardWriter.sha256();
                try (InputStream in = new DigestInputStream(fs.open(source), sha);
                     OutputStream out = Files.newOutputStream(tmp)) {
                    in.transferTo(out);
                }
                String actual = HexFormat.of().formatHex(sha.digest());
                if (!actual.equals(sha256)) {
                    throw new DataFormatException(uri + ": SHA-256 is " + actual + ", the manifest says " + sha256
                            + "; the shard was modified after prepare, run sparkgan prepare again");
                }
                // Another executor on this machine may have won the race; both copies are identical.
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy shard " + uri + " to local disk: " + e.getMessage(), e);
        }
    }

    static Path cacheDirectory() {
        String configured = System.getProperty("sparkgan.shard-cache", System.getenv("SPARKGAN_SHARD_CACHE"));
        if (configured != null && !configured.isBlank()) return Path.of(configured);
        return Path.of(System.getProperty("java.io.tmpdir"), "sparkgan-shards-" + System.getProperty("user.name"));
    }
}
