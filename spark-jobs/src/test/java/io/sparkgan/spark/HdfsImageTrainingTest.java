package io.sparkgan.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.config.GanConfig;
import io.sparkgan.dataset.DatasetManifest;
import io.sparkgan.dataset.Preparation;
import io.sparkgan.dataset.PrepareOptions;
import io.sparkgan.images.ImageShape;
import io.sparkgan.run.Checkpoint;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image ingest and training through a real HDFS (MiniDFSCluster in this JVM): prepare from
 * hdfs://, shards on hdfs://, training that copies them to the executor's local cache.
 * The namenode runs as user "hdfs", so this JVM's own user is an ordinary HDFS user and file
 * permissions are really enforced (a superuser would read a mode-000 file).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HdfsImageTrainingTest {
    @TempDir
    static Path base;

    private static final String CLOSE_RETRY_DELAY = "dfs.client.block.write.locateFollowingBlock.initial.delay.ms";
    /** Retries double the delay each time: 12 retries still wait up to ~20 s on a loaded machine. */
    private static final String CLOSE_RETRIES = "dfs.client.block.write.locateFollowingBlock.retries";

    private MiniDFSCluster hdfs;
    private String root;
    private Path shardCache;

    @BeforeAll
    void startHdfs() throws Exception {
        Configuration conf = new Configuration();
        conf.setBoolean("dfs.permissions.enabled", true);
        String me = UserGroupInformation.getCurrentUser().getShortUserName();
        UserGroupInformation admin = UserGroupInformation.createRemoteUser("hdfs");
        hdfs = admin.doAs((PrivilegedExceptionAction<MiniDFSCluster>) () -> {
            MiniDFSCluster c = MiniHdfs.start(base, conf);
            FileSystem fs = c.getFileSystem();
            fs.mkdirs(new org.apache.hadoop.fs.Path("/work"));
            fs.setOwner(new org.apache.hadoop.fs.Path("/work"), me, null);
            return c;
        });
        root = MiniHdfs.uri(hdfs) + "/work";
        shardCache = Files.createDirectory(base.resolve("shard-cache"), java.nio.file.attribute.PosixFilePermissions
                .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        System.setProperty("sparkgan.shard-cache", shardCache.toString());
    }

    @AfterAll
    void stopHdfs() {
        System.clearProperty("sparkgan.shard-cache");
        if (hdfs != null) hdfs.shutdown();
    }

    @Test
    void preparesFromHdfsReportsUnreadableFilesAndTrainsFromHdfsShards() throws Exception {
        // The HDFS client first retries completing a file after 400 ms; small test files would
        // spend most of the test waiting. Start at 5 ms, with enough doublings for a loaded machine.
        Configuration client = new Configuration();
        client.setInt(CLOSE_RETRY_DELAY, 5);
        client.setInt(CLOSE_RETRIES, 12);
        FileSystem fs = FileSystem.newInstance(java.net.URI.create(root), client);
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 40; i++) write(fs, "/work/in/img" + i + ".png", png(12, 10, rng));
        write(fs, "/work/in/broken.png", "not a png".getBytes(StandardCharsets.UTF_8));
        org.apache.hadoop.fs.Path locked = new org.apache.hadoop.fs.Path("/work/in/locked.png");
        write(fs, locked.toString(), png(12, 10, rng));
        fs.setPermission(locked, new FsPermission((short) 0));
        try (JavaSparkContext sc = SparkContexts.create("hdfs-images", "local[2]",
                Map.of("spark.ui.enabled", "false", "spark.hadoop." + CLOSE_RETRY_DELAY, "5",
                        "spark.hadoop." + CLOSE_RETRIES, "12"))) {
            PrepareOptions options = new PrepareOptions(new ImageShape(8, 8, 1), PrepareOptions.LabelSource.NONE, 16,
                    40_000_000L, 1L << 20);
            Preparation.Report report = PrepareJob.run(sc, List.of(root + "/in"), root + "/prepared", options);
            DatasetManifest m = report.manifest();
            assertEquals(40, m.count());
            assertEquals(3, m.shards().size(), "one shard per 16 input files");
            assertEquals(2, m.rejected());
            String rejects = read(fs, "/work/prepared/" + m.rejectsFile());
            assertTrue(rejects.contains("locked.png") && rejects.contains("permission denied"), rejects);
            assertTrue(rejects.contains("broken.png"), rejects);

            GanConfig cfg = GanConfig.load("ring8", Map.ofEntries(Map.entry("data.source", "images"),
                    Map.entry("data.path", root + "/prepared"), Map.entry("data.partitions", "2"),
                    Map.entry("model.generator-output", "tanh"), Map.entry("model.generator-hidden", "[32]"),
                    Map.entry("model.discriminator-hidden", "[32]"), Map.entry("run.output", root + "/runs"),
                    Map.entry("train.rounds", "4"), Map.entry("train.batch-per-partition", "8"),
                    Map.entry("log.progress", "false")));
            Checkpoint result = SparkTraining.train(sc, cfg, List.of());
            assertEquals(4, result.roundsDone());
            assertEquals(64, result.dataDim());
            assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/work/runs/ring8/final-samples.png")));
            for (DatasetManifest.Shard s : m.shards()) {
                assertTrue(Files.isRegularFile(shardCache.resolve(s.sha256() + ".shard")),
                        "executors copied " + s.file() + " into the local shard cache");
            }
        }
    }

    private static byte[] png(int w, int h, SplittableRandom rng) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, rng.nextInt(1 << 24));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static void write(FileSystem fs, String path, byte[] content) throws Exception {
        try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path(path), true)) {
            out.write(content);
        }
    }

    private static String read(FileSystem fs, String path) throws Exception {
        try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(path))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
