package io.sparkgan.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.config.GanConfig;
import io.sparkgan.run.Checkpoint;
import io.sparkgan.run.MetricsFileWriter;
import io.sparkgan.run.RunFiles;
import io.sparkgan.train.TrainingState;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.ContentSummary;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.protocol.HdfsConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * metrics.jsonl of a resumed run on a real HDFS (MiniDFSCluster in this JVM): keeping the lines
 * up to the checkpoint must never lose them, even when writing fails half-way (a space quota that
 * binds the superuser too, as in {@link CheckpointDiskFullTest}).
 */
class MetricsHistoryOnHdfsTest {
    @TempDir
    Path base;

    @Test
    void aFailureWhileKeepingTheLinesLeavesTheEarlierHistoryWhole() throws Exception {
        MiniDFSCluster hdfs = MiniHdfs.start(base);
        try {
            DistributedFileSystem fs = hdfs.getFileSystem();
            String runUri = trainThreeRounds(MiniHdfs.uri(hdfs));
            RunFiles run = RunFiles.open(runUri, fs.getConf());
            String before = run.readText(RunFiles.METRICS);
            assertEquals(3, before.lines().count());
            TrainingState resumed = stateOf(run);

            org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path("/runs/r");
            ContentSummary used = fs.getContentSummary(dir);
            fs.setQuota(dir, HdfsConstants.QUOTA_DONT_SET, used.getSpaceConsumed() + 1);
            MetricsFileWriter metrics = new MetricsFileWriter(run);
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> metrics.onStart(resumed, 6));
            assertTrue(e.getMessage().contains(RunFiles.METRICS), e.getMessage());
            fs.setQuota(dir, HdfsConstants.QUOTA_DONT_SET, HdfsConstants.QUOTA_RESET);

            assertEquals(before, run.readText(RunFiles.METRICS), "the history survives the failed rewrite");
            assertEquals(List.of(), hiddenFiles(fs, dir), "no temporary file is left behind");
        } finally {
            hdfs.shutdown();
        }
    }

    @Test
    void aResumedRunKeepsTheLinesUpToItsCheckpointAndAppendsOnHdfs() throws Exception {
        MiniDFSCluster hdfs = MiniHdfs.start(base);
        try {
            DistributedFileSystem fs = hdfs.getFileSystem();
            String runUri = trainThreeRounds(MiniHdfs.uri(hdfs));
            GanConfig resumeTo5 = GanConfig.parse(RunFiles.open(runUri, fs.getConf()).readText(RunFiles.CONFIG),
                    Map.of("train.rounds", "5"));
            io.sparkgan.run.ResumePoint point = io.sparkgan.run.ResumePoint.find(runUri, fs.getConf());
            Checkpoint result = SparkTraining.trainReference(resumeTo5, List.of(), point);
            assertEquals(5, result.roundsDone());
            List<String> lines = RunFiles.open(runUri, fs.getConf()).readText(RunFiles.METRICS).lines().toList();
            assertEquals(5, lines.size(), String.join("\n", lines));
            for (int i = 0; i < 5; i++) assertTrue(lines.get(i).startsWith("{\"round\":" + (i + 1) + ","), lines.get(i));
            assertEquals(List.of(), hiddenFiles(fs, new org.apache.hadoop.fs.Path("/runs/r")));
        } finally {
            hdfs.shutdown();
        }
    }

    private static String trainThreeRounds(String hdfsUri) {
        GanConfig cfg = GanConfig.parse("""
                run.name = r
                data { source = ring8, examples = 500, partitions = 2 }
                model { latent-dim = 4, generator-hidden = [8], discriminator-hidden = [8] }
                train { rounds = 3, batch-per-partition = 16 }
                log.progress = false
                samples.every-rounds = 0
                run.output = "%s/runs"
                """.formatted(hdfsUri));
        assertEquals(3, SparkTraining.trainReference(cfg, List.of(), null).roundsDone());
        return cfg.run().directory();
    }

    /** The state a resume of this run starts from (its model.ckpt, 3 rounds). */
    private static TrainingState stateOf(RunFiles run) {
        GanConfig cfg = GanConfig.parse(run.readText(RunFiles.CONFIG));
        Checkpoint checkpoint = Checkpoint.fromBytes(run.read(RunFiles.MODEL), RunFiles.MODEL);
        return checkpoint.toState(cfg.training().generatorOptimizer(), cfg.training().discriminatorOptimizer());
    }

    private static List<String> hiddenFiles(DistributedFileSystem fs, org.apache.hadoop.fs.Path dir) throws Exception {
        return Arrays.stream(fs.listStatus(dir)).map(FileStatus::getPath).map(org.apache.hadoop.fs.Path::getName)
                .filter(n -> n.startsWith(".")).toList();
    }
}
