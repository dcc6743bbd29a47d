package io.sparkgan.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.config.GanConfig;
import io.sparkgan.run.Checkpoint;
import io.sparkgan.run.RunFiles;
import io.sparkgan.util.DataFormatException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** User CSV data and the run directory on a real HDFS (MiniDFSCluster in this JVM). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HdfsCsvTrainingTest {
    @TempDir
    static Path base;

    private MiniDFSCluster hdfs;
    private String root;

    @BeforeAll
    void startHdfs() throws Exception {
        hdfs = MiniHdfs.start(base);
        root = MiniHdfs.uri(hdfs);
    }

    @AfterAll
    void stopHdfs() {
        if (hdfs != null) hdfs.shutdown();
    }

    @Test
    void trainsFromCsvOnHdfsAndWritesTheRunToHdfs() throws Exception {
        write("/data/points/part-00000.csv", rows(0, 300));
        write("/data/points/part-00001.csv", rows(300, 600));
        write("/data/points/_SUCCESS", "");
        GanConfig cfg = GanConfig.load("gaussian2d", Map.of("data.source", "csv", "data.path", root + "/data/points",
                "run.output", root + "/runs", "train.rounds", "8", "train.batch-per-partition", "32",
                "log.progress", "false"));
        try (JavaSparkContext sc = SparkContexts.create("hdfs-test", "local[2]", Map.of("spark.ui.enabled", "false"))) {
            Checkpoint result = SparkTraining.train(sc, cfg, List.of());
            assertEquals(8, result.roundsDone());
            FileSystem fs = hdfs.getFileSystem();
            for (String name : List.of(RunFiles.CONFIG, RunFiles.PROVENANCE, RunFiles.METRICS, RunFiles.MODEL,
                    "final-samples.png")) {
                assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/runs/gaussian2d/" + name)), name + " on HDFS");
            }
            Checkpoint back = Checkpoint.fromBytes(RunFiles.open(root + "/runs/gaussian2d", sc.hadoopConfiguration())
                    .read(RunFiles.MODEL), "hdfs");
            org.junit.jupiter.api.Assertions.assertArrayEquals(result.thetaG().floats(), back.thetaG().floats());
        }
    }

    @Test
    void aBadRowOnHdfsIsReportedBeforeTrainingStarts() throws Exception {
        write("/bad/points.csv", rows(0, 10) + "1.0,2.0,3.0\n");
        GanConfig cfg = GanConfig.load("gaussian2d", Map.of("data.source", "csv", "data.path", root + "/bad/points.csv",
                "run.output", root + "/runs-bad"));
        try (JavaSparkContext sc = SparkContexts.create("hdfs-test", "local[2]", Map.of("spark.ui.enabled", "false"))) {
            DataFormatException e = assertThrows(DataFormatException.class,
                    () -> SparkTraining.train(sc, cfg, List.of()));
            assertTrue(e.getMessage().contains("/bad/points.csv: line 11 has 3 columns"), e.getMessage());
            // The executors read the rows; the run (its directory, its rounds) never started.
            assertTrue(!hdfs.getFileSystem().exists(new org.apache.hadoop.fs.Path("/runs-bad")), "no run directory");
        }
    }

    private static String rows(int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < to; i++) s.append(Math.sin(i)).append(',').append(Math.cos(i) * 0.5).append('\n');
        return s.toString();
    }

    private void write(String path, String content) throws Exception {
        try (OutputStream out = hdfs.getFileSystem().create(new org.apache.hadoop.fs.Path(path))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }
}
