package io.sparkgan.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.spark.DriverBlocks;
import io.sparkgan.spark.MiniHdfs;
import io.sparkgan.spark.SparkContexts;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluator train} failing half-way leaves no broadcast classifier and no cached
 * minibatches in the SparkContext. The failure is real: the test set lies on HDFS (MiniDFSCluster
 * in this JVM) and one of its shards was altered after prepare (same size), so scoring it after
 * the first epoch fails when the executor checks the shard's SHA-256.
 */
class EvaluatorTrainingReleaseTest {
    @TempDir
    Path dir;

    @Test
    void aFailedScoringReleasesTheClassifierBroadcastAndTheMinibatches() throws Exception {
        String train = SyntheticDigits.prepare(dir.resolve("train"), 96, 43);
        SyntheticDigits.prepare(dir.resolve("test"), 32, 44);
        MiniDFSCluster hdfs = MiniHdfs.start(dir);
        String cacheBefore = System.getProperty("sparkgan.shard-cache");
        // A fresh shard cache: a good copy of the test shard cached earlier would hide the damage.
        System.setProperty("sparkgan.shard-cache", Files.createDirectories(dir.resolve("shard-cache")).toString());
        try {
            FileSystem fs = hdfs.getFileSystem();
            fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(dir.resolve("test").toUri()),
                    new org.apache.hadoop.fs.Path("/test"));
            String test = "hdfs://127.0.0.1:" + hdfs.getNameNodePort() + "/test/prepared";
            alterOneShard(fs, dir.resolve("test"));
            try (JavaSparkContext sc = SparkContexts.create("evaluator-release", "local[2]",
                    DriverBlocks.NO_GARBAGE_CLEANUP)) {
                Exception e = assertThrows(Exception.class, () -> EvaluatorTraining.run(sc,
                        new EvaluatorTraining.Options(train, test, dir.resolve("evaluator").toString(), 1, 16, 5, 2e-3,
                                1e-4, LearningRateSchedule.Decay.COSINE, 7, false, null)));
                assertTrue(String.valueOf(e.getMessage()).contains("SHA-256"), "the altered shard: " + e.getMessage());
                assertEquals(List.of(), DriverBlocks.broadcastValuesLeft(EvaluatorModel.class),
                        "no classifier broadcast is left");
                assertEquals(Map.of(), sc.getPersistentRDDs(), "no cached minibatches are left");
            }
        } finally {
            if (cacheBefore == null) System.clearProperty("sparkgan.shard-cache");
            else System.setProperty("sparkgan.shard-cache", cacheBefore);
            hdfs.shutdown();
        }
    }

    /** Rewrites the HDFS copy of the first local shard under {@code local} with its first byte flipped. */
    private static void alterOneShard(FileSystem fs, Path local) throws Exception {
        Path shard;
        try (Stream<Path> files = Files.walk(local)) {
            shard = files.filter(f -> f.toString().endsWith(".shard")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(shard);
        bytes[bytes.length - 1] ^= 1; // a pixel, not the header: the manifest's size still matches
        org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path("/test/" + local.relativize(shard));
        try (OutputStream out = fs.create(remote, true)) {
            out.write(bytes);
        }
    }
}
