package io.sparkgan.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.security.auth.module.UnixSystem;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor-side shard cache, with shards read through a real non-local Hadoop filesystem
 * (viewfs:// mounted on a local directory, so the cache copies them as it would from HDFS).
 */
class LocalShardCacheTest {
    @TempDir
    Path base;

    private Path remote;
    private Configuration conf;

    @BeforeEach
    void mountRemote() throws Exception {
        remote = Files.createDirectories(base.resolve("remote"));
        conf = new Configuration();
        conf.set("fs.viewfs.mounttable.shards.link./data", remote.toUri().toString());
        // Each test mounts its own directory: no FileSystem instance cached from another test.
        conf.setBoolean("fs.viewfs.impl.disable.cache", true);
    }

    @AfterEach
    void clearCacheSetting() {
        System.clearProperty("sparkgan.shard-cache");
    }

    private record Shard(String uri, String sha256, byte[] bytes) {
    }

    /** A shard of random bytes (a different content, so a different cache entry, per call). */
    private Shard shard(String name, long seed) throws Exception {
        byte[] bytes = new byte[4096];
        new SplittableRandom(seed).nextBytes(bytes);
        Files.write(remote.resolve(name), bytes);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        return new Shard("viewfs://shards/data/" + name, sha, bytes);
    }

    private Path cacheAt(Path dir) {
        System.setProperty("sparkgan.shard-cache", dir.toString());
        return dir;
    }

    @Test
    void aPlantedFileOfTheRightSizeIsNotUsed() throws Exception {
        Shard shard = shard("a.shard", 1);
        Path cache = cacheAt(Files.createDirectory(base.resolve("cache"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
        byte[] poison = new byte[shard.bytes().length];
        Files.write(cache.resolve(shard.sha256() + ".shard"), poison);

        Path local = LocalShardCache.localFile(shard.uri(), shard.sha256(), shard.bytes().length, conf);

        assertEquals(cache.resolve(shard.sha256() + ".shard"), local);
        assertArrayEquals(shard.bytes(), Files.readAllBytes(local), "the shard's content, not the planted file's");
    }

    @Test
    void aNewCacheDirectoryIsPrivate() throws Exception {
        Shard shard = shard("b.shard", 2);
        Path cache = cacheAt(base.resolve("new-cache"));

        Path local = LocalShardCache.localFile(shard.uri(), shard.sha256(), shard.bytes().length, conf);

        assertArrayEquals(shard.bytes(), Files.readAllBytes(local));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)));
    }

    @Test
    void aCacheDirectoryOthersCanWriteIsRefusedSayingWhatToDo() throws Exception {
        Shard shard = shard("c.shard", 3);
        Path cache = cacheAt(Files.createDirectory(base.resolve("shared-cache")));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));

        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> LocalShardCache.localFile(shard.uri(), shard.sha256(), shard.bytes().length, conf));

        assertTrue(e.getMessage().contains(cache + " has mode rwxrwxrwx: group or others may write to it; run chmod go-w "
                + cache), e.getMessage());
        try (var files = Files.list(cache)) {
            assertEquals(0, files.count(), "nothing copied into a shared directory");
        }
    }

    @Test
    void aCacheDirectoryOwnedBySomeoneElseIsRefused() throws Exception {
        Path dir = Files.createDirectory(base.resolve("theirs"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        long me = new UnixSystem().getUid();
        long someoneElse = me + 1;

        PrivateDirectory.check(dir, me, "the setting"); // accepted for its owner
        Exception e = assertThrows(java.io.IOException.class, () -> PrivateDirectory.check(dir, someoneElse, "the setting"));

        assertTrue(e.getMessage().contains(dir + " is owned by uid " + me + ", not by this user (uid " + someoneElse + ")"),
                e.getMessage());
        assertTrue(e.getMessage().contains("point the setting at a directory of your own"), e.getMessage());
    }

    @Test
    void aDamagedRemoteShardIsRefusedNamingItAndBothHashes() throws Exception {
        Shard shard = shard("d.shard", 4);
        cacheAt(base.resolve("cache-d"));
        String recorded = shard.sha256().replace(shard.sha256().charAt(0), shard.sha256().charAt(0) == 'a' ? 'b' : 'a');

        Exception e = assertThrows(RuntimeException.class,
                () -> LocalShardCache.localFile(shard.uri(), recorded, shard.bytes().length, conf));

        assertTrue(e.getMessage().contains(shard.uri() + ": SHA-256 is " + shard.sha256() + ", the manifest says "
                + recorded), e.getMessage());
    }
}
