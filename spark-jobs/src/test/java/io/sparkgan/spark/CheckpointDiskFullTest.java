package io.sparkgan.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.config.GanConfig;
import io.sparkgan.run.CheckpointStore;
import io.sparkgan.run.CheckpointWriteException;
import io.sparkgan.train.RoundMetrics;
import io.sparkgan.train.TrainingListener;
import io.sparkgan.train.TrainingState;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.fs.ContentSummary;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.protocol.HdfsConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint directory on a real HDFS (MiniDFSCluster in this JVM) runs out of space mid-run:
 * a space quota, which binds the superuser too, so it works when tests run as root.
 */
class CheckpointDiskFullTest {
    @TempDir
    Path base;

    @Test
    void aFullDiskStopsTheRunNamingTheFileAndLeavesThePreviousCheckpointIntact() throws Exception {
        MiniDFSCluster hdfs = MiniHdfs.start(base);
        try {
            DistributedFileSystem fs = hdfs.getFileSystem();
            String ckpt = MiniHdfs.uri(hdfs) + "/ckpt";
            org.apache.hadoop.fs.Path ckptPath = new org.apache.hadoop.fs.Path("/ckpt");
            // After round 2's checkpoint: allow no more bytes than the directory already holds.
            TrainingListener fillDisk = new TrainingListener() {
                @Override
                public void onRound(RoundMetrics m, TrainingState s) {
                    if (m.round() != 2) return;
                    try {
                        ContentSummary used = fs.getContentSummary(ckptPath);
                        fs.setQuota(ckptPath, HdfsConstants.QUOTA_DONT_SET, used.getSpaceConsumed() + 1);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            };
            GanConfig cfg = GanConfig.parse("""
                    data { source = ring8, examples = 1000, partitions = 2 }
                    model { latent-dim = 4, generator-hidden = [16], discriminator-hidden = [16] }
                    train { rounds = 6, batch-per-partition = 16 }
                    log.progress = false
                    checkpoint { every = 2, dir = "%s" }
                    run.output = "%s"
                    """.formatted(ckpt, base.resolve("runs")));

            CheckpointWriteException e = assertThrows(CheckpointWriteException.class,
                    () -> SparkTraining.trainReference(cfg, List.of(fillDisk), null));
            assertTrue(e.getMessage().contains(ckpt + "/round-000004.ckpt"), e.getMessage());
            assertTrue(e.getMessage().toLowerCase().contains("quota"), "the filesystem's reason: " + e.getMessage());
            assertTrue(e.getMessage().contains("round-000002.ckpt is intact"), e.getMessage());
            CheckpointStore store = CheckpointStore.open(ckpt, fs.getConf());
            assertEquals(List.of(2), store.rounds());
            assertEquals(2, store.read(2).roundsDone(), "the previous checkpoint reads back with a valid CRC");
        } finally {
            hdfs.shutdown();
        }
    }
}
