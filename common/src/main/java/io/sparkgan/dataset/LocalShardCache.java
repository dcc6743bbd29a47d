package io.sparkgan.dataset;

import io.sparkgan.data.DataFormatException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives each shard as a local file that can be memory-mapped. Shards on the local filesystem
 * are used in place; shards on HDFS, S3 and the like are copied once per machine into a cache
 * directory, named by their SHA-256 and verified while copying, so every task on the executor
 * samples from local disk (through the page cache) instead of the network. A file already in the
 * cache is used only if its SHA-256 matches the manifest's (once per JVM), and the cache directory
 * must be private to this user ({@link PrivateDirectory}): training data cannot be swapped by
 * another local user.
 * <p>The cache directory is the system property {@code sparkgan.shard-cache}, else the
 * environment variable {@code SPARKGAN_SHARD_CACHE}, else {@code java.io.tmpdir/sparkgan-shards-<user>}.
 */
public final class LocalShardCache {
    private static final Logger LOG = LoggerFactory.getLogger(LocalShardCache.class);
    private static final String SETTING = "-Dsparkgan.shard-cache (or $SPARKGAN_SHARD_CACHE)";
    /** Verified local files by SHA-256. */
    private static final Map<String, Path> RESOLVED = new ConcurrentHashMap<>();
    /** One lock per shard: tasks wanting the same shard wait for one copy; other shards are not held up. */
    private static final Map<String, Object> LOCKS = new ConcurrentHashMap<>();

    private LocalShardCache() {}

    /** A local file with the content of shard {@code uri}, whose SHA-256 is {@code sha256}. */
    public static Path localFile(String uri, String sha256, long bytes, Configuration conf) {
        Path known = stillThere(sha256);
        if (known != null) return known;
        synchronized (LOCKS.computeIfAbsent(sha256, k -> new Object())) {
            // A remembered file may be gone (its data set deleted, or prepared again elsewhere with
            // the same content): then resolve again.
            known = stillThere(sha256);
            if (known != null) return known;
            Path resolved = resolve(uri, sha256, bytes, conf);
            RESOLVED.put(sha256, resolved);
            return resolved;
        }
    }

    private static Path stillThere(String sha256) {
        Path known = RESOLVED.get(sha256);
        return known != null && Files.isRegularFile(known) ? known : null;
    }

    private static Path resolve(String uri, String sha256, long bytes, Configuration conf) {
        org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(uri);
        try {
            FileSystem fs = source.getFileSystem(conf);
            if ("file".equals(fs.getUri().getScheme())) return Path.of(fs.makeQualified(source).toUri());
            Path dir = PrivateDirectory.ensure(cacheDirectory(), SETTING);
            Path target = dir.resolve(sha256 + ".shard");
            if (Files.isRegularFile(target) && Files.size(target) == bytes) {
                String cached = sha256Of(target);
                if (cached.equals(sha256)) return target;
                LOG.warn("{}: SHA-256 is {}, the manifest of {} says {}; copying the shard again", target, cached,
                        uri, sha256);
            }
            copyVerified(fs, source, uri, sha256, dir, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy shard " + uri + " to local disk: " + e.getMessage(), e);
        }
    }

    private static void copyVerified(FileSystem fs, org.apache.hadoop.fs.Path source, String uri, String sha256,
                                     Path dir, Path target) throws IOException {
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
    }

    private static String sha256Of(Path file) throws IOException {
        MessageDigest sha = ShardWriter.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static Path cacheDirectory() {
        String configured = System.getProperty("sparkgan.shard-cache", System.getenv("SPARKGAN_SHARD_CACHE"));
        if (configured != null && !configured.isBlank()) return Path.of(configured);
        return Path.of(System.getProperty("java.io.tmpdir"), "sparkgan-shards-" + System.getProperty("user.name"));
    }
}
