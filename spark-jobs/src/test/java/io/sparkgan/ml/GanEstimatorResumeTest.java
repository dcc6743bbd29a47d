package io.sparkgan.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.run.Checkpoint;
import io.sparkgan.run.RunFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code resumeFrom}: a fit stopped halfway (a fit of R/2 rounds with checkpoints) and continued by a
 * second fit of R rounds trains, in sync mode with a fixed seed, bit for bit the parameters of one
 * fit of R rounds on the same DataFrame; a continuation with another model, seed or data set is
 * refused, naming what changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GanEstimatorResumeTest {
    private static final int ROUNDS = 6;

    @TempDir
    Path dir;

    private SparkSession spark;
    private Dataset<Row> points;

    @BeforeAll
    void start() {
        spark = MlTestSession.start();
        points = points(200);
    }

    @AfterAll
    void stop() {
        spark.stop();
    }

    private Dataset<Row> points(int n) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) rows.add(RowFactory.create(Vectors.dense(Math.sin(i * 0.7), 0.5 * Math.cos(i * 1.3))));
        StructType schema = new StructType().add("features", new VectorUDT(), false);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return spark.createDataFrame(sc.parallelize(rows, 2), schema);
    }

    /** A small MLP GAN with a moving average of G (restored on resume too) and a checkpoint every 2 rounds. */
    private static GanEstimator estimator(int rounds) {
        return new GanEstimator().setSeed(5).setRounds(rounds).setBatchPerPartition(16).setLatentDim(4)
                .setGeneratorHidden(new int[] {16, 16}).setDiscriminatorHidden(new int[] {16, 16})
                .setGeneratorEmaDecay(0.9).setCheckpointEvery(2).setSamplesEveryRounds(0);
    }

    private String uri(String name) {
        return dir.resolve(name).toUri().toString();
    }

    @Test
    void aFitStoppedHalfwayAndResumedTrainsWhatOneFitTrains() throws Exception {
        Checkpoint straight = estimator(ROUNDS).setOutputDir(uri("straight")).fit(points).checkpoint();

        String halted = uri("halted");
        Checkpoint half = estimator(ROUNDS / 2).setOutputDir(halted).fit(points).checkpoint();
        assertEquals(ROUNDS / 2, half.roundsDone());
        // outputDir unset: the fit continues in the run directory it resumes from.
        GanModel resumed = estimator(ROUNDS).setResumeFrom(halted).fit(points);
        Checkpoint end = resumed.checkpoint();

        assertEquals(ROUNDS, end.roundsDone());
        assertArrayEquals(straight.thetaG().floats(), end.thetaG().floats(), "G");
        assertArrayEquals(straight.thetaD().floats(), end.thetaD().floats(), "D");
        assertArrayEquals(straight.generatorAverage().floats(), end.generatorAverage().floats(), "moving average of G");
        assertArrayEquals(straight.generatorOptimizerState().floats(), end.generatorOptimizerState().floats(), "Adam");
        assertArrayEquals(straight.discriminatorOptimizerState().floats(), end.discriminatorOptimizerState().floats());
        assertEquals(straight.progress().examplesSeen(), end.progress().examplesSeen());
        List<String> metrics = Files.readAllLines(dir.resolve("halted").resolve(RunFiles.METRICS));
        assertEquals(ROUNDS, metrics.size(), "metrics.jsonl continues across the resume: " + metrics);
        assertEquals(Files.readAllLines(dir.resolve("straight").resolve(RunFiles.METRICS)).size(), metrics.size());

        // A checkpoint directory works too; the continuation then goes to outputDir.
        estimator(ROUNDS / 2).setOutputDir(uri("halted-again")).fit(points);
        Checkpoint fromCheckpoints = estimator(ROUNDS).setResumeFrom(uri("halted-again/checkpoints"))
                .setOutputDir(uri("continued")).fit(points).checkpoint();
        assertArrayEquals(straight.thetaG().floats(), fromCheckpoints.thetaG().floats(), "G");
        assertTrue(Files.exists(dir.resolve("continued").resolve(RunFiles.MODEL)));
    }

    @Test
    void aResumeThatWouldNotContinueTheRunIsRefusedNamingWhatChanged() {
        String run = uri("first");
        estimator(2).setOutputDir(run).fit(points);

        IllegalStateException model = assertThrows(IllegalStateException.class,
                () -> estimator(4).setLatentDim(8).setResumeFrom(run).fit(points));
        assertTrue(model.getMessage().contains("the model changed (model.latent-dim: 4 -> 8)"), model.getMessage());
        assertTrue(model.getMessage().contains("clear resumeFrom"), model.getMessage());

        IllegalStateException seed = assertThrows(IllegalStateException.class,
                () -> estimator(4).setSeed(6).setResumeFrom(run).fit(points));
        assertTrue(seed.getMessage().contains("run.seed changed (5 -> 6"), seed.getMessage());

        IllegalStateException data = assertThrows(IllegalStateException.class,
                () -> estimator(4).setResumeFrom(run).fit(points(150)));
        assertTrue(data.getMessage().contains("the data set changed (examples: 200 -> 150)"), data.getMessage());

        IllegalStateException optimizer = assertThrows(IllegalStateException.class,
                () -> estimator(4).setConfig("train.generator-optimizer.type = sgd").setResumeFrom(run).fit(points));
        assertTrue(optimizer.getMessage().contains("train.generator-optimizer.type"), optimizer.getMessage());

        IllegalStateException done = assertThrows(IllegalStateException.class,
                () -> estimator(2).setResumeFrom(run).fit(points));
        assertTrue(done.getMessage().contains("already at round 2") && done.getMessage().contains("rounds param"),
                done.getMessage());

        IllegalStateException nothing = assertThrows(IllegalStateException.class,
                () -> estimator(4).setResumeFrom(uri("no-such-run")).fit(points));
        assertTrue(nothing.getMessage().contains("resumeFrom " + uri("no-such-run")), nothing.getMessage());
    }
}
