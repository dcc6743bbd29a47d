package io.sparkgan.spark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.config.GanConfig;
import io.sparkgan.data.DataSource;
import io.sparkgan.dataset.DataSources;
import io.sparkgan.train.ComputeStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compute stand-in of {@code bench rounds} trains nothing, so every training entry point refuses
 * it before writing a run: the CLI's and a library caller's (SparkTraining.train), GanEstimator's
 * (SparkTraining.train on cached blocks), the reference and the threaded trainer.
 */
class ComputeStandInRefusalTest {
    private static JavaSparkContext sc;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sc = SparkTestContext.start();
    }

    @AfterAll
    static void stop() {
        sc.close();
    }

    private GanConfig config() {
        return GanConfig.load("ring8", Map.of("run.output", "\"" + dir.resolve("runs") + "\"", "train.rounds", "3",
                "data.examples", "400", "train.batch-per-partition", "16", "log.progress", "false"))
                .withComputeStandIn(new ComputeStandIn(5));
    }

    private void assertRefused(Executable training) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, training);
        assertTrue(e.getMessage().contains("refuses a compute stand-in (5.0 ms a round)"), e.getMessage());
        assertTrue(e.getMessage().contains("sparkgan bench rounds --compute-stand-in-ms"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("runs/ring8")), "no run directory is written");
    }

    @Test
    void sparkTrainingRefusesTheStandIn() {
        assertRefused(() -> SparkTraining.train(sc, config(), List.of()));
    }

    @Test
    void trainingOnCachedBlocksAsGanEstimatorDoesRefusesTheStandIn() {
        GanConfig cfg = config();
        DataSource data = DataSources.open(cfg.data(), cfg.run().seed(), sc.hadoopConfiguration());
        TrainingBlocks blocks = TrainingBlocks.load(sc, data, cfg.data().partitions());
        assertRefused(() -> SparkTraining.train(sc, cfg, data, blocks, List.of()));
    }

    @Test
    void referenceAndThreadedTrainersRefuseTheStandIn() {
        assertRefused(() -> SparkTraining.trainReference(config(), List.of(), null));
        assertRefused(() -> SparkTraining.trainThreaded(config(), 2, List.of()));
    }

    @Test
    void standInRoundsNeedAStandIn() {
        GanConfig real = config().withComputeStandIn(null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkTraining.standInRounds(sc, real, List.of()));
        assertTrue(e.getMessage().contains("need a config with a compute stand-in"), e.getMessage());
    }

    @Test
    void negativeOrInfiniteTimesAreRejected() {
        for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ComputeStandIn(bad));
            assertTrue(e.getMessage().contains("got " + bad), e.getMessage());
        }
    }
}
