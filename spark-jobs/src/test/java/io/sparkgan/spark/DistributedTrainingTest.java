package io.sparkgan.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.config.GanConfig;
import io.sparkgan.data.DataSource;
import io.sparkgan.dataset.DataSources;
import io.sparkgan.model.GanModelSpec;
import io.sparkgan.nn.FlatVector;
import io.sparkgan.train.GanTrainer;
import io.sparkgan.train.PhaseRunner;
import io.sparkgan.train.PlainLoopTrainer;
import io.sparkgan.train.ReferencePhaseRunner;
import io.sparkgan.train.TrainingState;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The distributed round on real Spark local mode against the single-JVM reference trainer. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DistributedTrainingTest {
    private static final String BASE = """
            run.seed = 7
            data { source = ring8, examples = 4000 }
            model { latent-dim = 4, generator-hidden = [32, 32], discriminator-hidden = [32, 32] }
            train { rounds = 6, batch-per-partition = 32, critic-steps = 2 }
            """;

    private JavaSparkContext sc;
    private TaskFailureCounter failures;

    @BeforeAll
    void startSpark() {
        sc = SparkTestContext.start();
        failures = TaskFailureCounter.attach(sc);
    }

    @AfterAll
    void stopSpark() {
        sc.close();
    }

    @ParameterizedTest(name = "{0} partitions, train.aggregation = {1}")
    @CsvSource({"1, auto", "2, auto", "4, auto", "3, sliced", "4, sliced"})
    void syncModeEqualsReferenceTrainerWithTheGlobalBatch(int partitions, String aggregation) {
        GanConfig cfg = GanConfig.parse(BASE + "data.partitions = " + partitions + "\ntrain.aggregation = " + aggregation);
        TrainingState initial = initial(cfg);
        TrainingState spark = train(cfg, sparkRunner(cfg));
        TrainingState reference = train(cfg, referenceRunner(cfg));

        assertTrue(relativeDifference(spark.thetaG(), initial.thetaG()) > 1e-3, "G must have moved");
        assertTrue(relativeDifference(spark.thetaD(), initial.thetaD()) > 1e-3, "D must have moved");
        assertTrue(relativeDifference(spark.thetaG(), reference.thetaG()) < 1e-5,
                "G differs from reference by " + relativeDifference(spark.thetaG(), reference.thetaG()));
        assertTrue(relativeDifference(spark.thetaD(), reference.thetaD()) < 1e-5,
                "D differs from reference by " + relativeDifference(spark.thetaD(), reference.thetaD()));
    }

    @Test
    void sameSeedAndPartitionsGiveIdenticalParameters() {
        GanConfig cfg = GanConfig.parse(BASE + "data.partitions = 2");
        TrainingState a = train(cfg, sparkRunner(cfg));
        TrainingState b = train(cfg, sparkRunner(cfg));
        assertArrayEquals(floats(a.thetaG()), floats(b.thetaG()));
        assertArrayEquals(floats(a.thetaD()), floats(b.thetaD()));

        GanConfig otherSeed = GanConfig.parse(BASE + "data.partitions = 2\nrun.seed = 8");
        TrainingState c = train(otherSeed, sparkRunner(otherSeed));
        assertTrue(relativeDifference(a.thetaG(), c.thetaG()) > 1e-3, "another seed must give another model");
    }

    @Test
    void aTaskThatFailsOnceIsRetriedWithIdenticalResults() {
        GanConfig cfg = GanConfig.parse(BASE + "data.partitions = 2");
        TrainingState undisturbed = train(cfg, sparkRunner(cfg));
        long failedBefore = failures.failedTasks();
        sc.setLocalProperty(TaskFaults.FAIL_FIRST_ATTEMPT, "1");
        TrainingState retried;
        try {
            retried = train(cfg, sparkRunner(cfg));
        } finally {
            sc.setLocalProperty(TaskFaults.FAIL_FIRST_ATTEMPT, null);
        }
        // 6 rounds x (2 D phases + 1 G phase): partition 1 failed once in each phase.
        assertEquals(18, failures.failedTasks() - failedBefore, "every phase should have had one failed attempt");
        assertArrayEquals(floats(undisturbed.thetaG()), floats(retried.thetaG()));
        assertArrayEquals(floats(undisturbed.thetaD()), floats(retried.thetaD()));
    }

    @Test
    void averageModeWithOneLocalSgdStepEqualsSyncMode() {
        String sgd = BASE + """
                data.partitions = 2
                train.generator-optimizer { type = sgd, learning-rate = 0.05 }
                train.discriminator-optimizer { type = sgd, learning-rate = 0.05 }
                """;
        GanConfig sync = GanConfig.parse(sgd);
        GanConfig average = GanConfig.parse(sgd + "train { mode = average, local-steps = 1 }");
        TrainingState a = train(sync, sparkRunner(sync));
        TrainingState b = train(average, sparkRunner(average));
        assertTrue(relativeDifference(a.thetaG(), b.thetaG()) < 1e-5);
        assertTrue(relativeDifference(a.thetaD(), b.thetaD()) < 1e-5);
    }

    /**
     * Against {@link PlainLoopTrainer}, the algorithm written out in the test (the reference runner
     * runs the same PartitionWork as the Spark tasks in average mode, so it would prove plumbing only).
     */
    @Test
    void averageModeWithSeveralLocalAdamStepsMatchesThePlainLoop() {
        GanConfig cfg = GanConfig.parse(BASE + "data.partitions = 2\ntrain { mode = average, local-steps = 3 }");
        TrainingState spark = train(cfg, sparkRunner(cfg));
        PlainLoopTrainer.train(spec(cfg), cfg.training(), data(cfg), 2).assertMatches("Spark", spark);
        assertTrue(relativeDifference(spark.thetaD(), initial(cfg).thetaD()) > 1e-3, "D must have moved");
        assertEquals(6 * 3, spark.generatorOptimizer().iteration(), "Adam's step count advances by local steps");
    }

    /** Against {@link PlainLoopTrainer}: each partition normalises its own minibatch ("ghost batch norm"). */
    @Test
    void batchNormDcganOnSparkEqualsThePlainLoopIncludingRunningStatistics() {
        GanConfig cfg = GanConfig.parse("""
                run.seed = 3
                data { source = blobs, dimension = 256, blob-count = 3, examples = 400, partitions = 2 }
                train { rounds = 3, batch-per-partition = 8 }
                """);
        GanModelSpec spec = io.sparkgan.model.DcganSpec.radford(16, 1, 4, 2, org.nd4j.linalg.api.buffer.DataType.FLOAT);
        DataSource data = data(cfg);
        TrainingState spark;
        try (PhaseRunner runner = new SparkPhaseRunner(sc, spec, cfg.training(), data, 2)) {
            spark = new GanTrainer(cfg.training(), runner, List.of()).train(TrainingState.initial(spec, cfg.training()));
        }
        assertTrue(spark.buffersG().length() > 0 && spark.buffersD().length() > 0, "DCGAN has batch-norm buffers");
        PlainLoopTrainer.train(spec, cfg.training(), data, 2).assertMatches("Spark", spark);
        TrainingState initial = TrainingState.initial(spec, cfg.training());
        assertTrue(relativeDifference(spark.buffersG(), initial.buffersG()) > 1e-3, "running statistics must move");
        assertTrue(relativeDifference(spark.thetaD(), initial.thetaD()) > 1e-3, "D must have moved");
    }

    /**
     * Spectral norm's power-iteration vectors are D's buffers: on Spark they equal the plain loop's, and a retried task (partition 1 fails once in every phase) recomputes them exactly.
     */
    @Test
    void spectrallyNormalisedDcganEqualsThePlainLoopAndSurvivesRetriesBitForBit() {
        GanConfig cfg = GanConfig.parse("""
                run.seed = 4
                data { source = blobs, dimension = 256, blob-count = 3, examples = 400, partitions = 2 }
                train { rounds = 3, batch-per-partition = 8, loss = hinge }
                """);
        GanModelSpec spec = io.sparkgan.model.DcganSpec.radford(16, 1, 4, 2, org.nd4j.linalg.api.buffer.DataType.FLOAT)
                .withDiscriminatorNorm(io.sparkgan.model.DiscriminatorNorm.SPECTRAL_NORM);
        DataSource data = data(cfg);
        TrainingState initial = TrainingState.initial(spec, cfg.training());
        TrainingState spark = trainSpark(cfg, spec, data);
        PlainLoopTrainer.train(spec, cfg.training(), data, 2).assertMatches("Spark", spark);
        assertTrue(relativeDifference(spark.buffersD(), initial.buffersD()) > 1e-4, "u and v must move as D trains");

        sc.setLocalProperty(TaskFaults.FAIL_FIRST_ATTEMPT, "1");
        TrainingState retried;
        try {
            retried = trainSpark(cfg, spec, data);
        } finally {
            sc.setLocalProperty(TaskFaults.FAIL_FIRST_ATTEMPT, null);
        }
        assertArrayEquals(floats(spark.thetaD()), floats(retried.thetaD()));
        assertArrayEquals(floats(spark.buffersD()), floats(retried.buffersD()));
        assertArrayEquals(floats(spark.thetaG()), floats(retried.thetaG()));
    }

    private TrainingState trainSpark(GanConfig cfg, GanModelSpec spec, DataSource data) {
        try (PhaseRunner runner = new SparkPhaseRunner(sc, spec, cfg.training(), data, 2)) {
            return new GanTrainer(cfg.training(), runner, List.of()).train(TrainingState.initial(spec, cfg.training()));
        }
    }


    private DataSource data(GanConfig cfg) {
        return DataSources.open(cfg.data(), cfg.run().seed(), new Configuration());
    }

    private GanModelSpec spec(GanConfig cfg) {
        return cfg.model().spec(2);
    }

    private PhaseRunner sparkRunner(GanConfig cfg) {
        return new SparkPhaseRunner(sc, spec(cfg), cfg.training(), data(cfg), cfg.data().partitions());
    }

    private PhaseRunner referenceRunner(GanConfig cfg) {
        return new ReferencePhaseRunner(spec(cfg), cfg.training(), data(cfg), cfg.data().partitions());
    }

    private TrainingState initial(GanConfig cfg) {
        return TrainingState.initial(spec(cfg), cfg.training());
    }

    private TrainingState train(GanConfig cfg, PhaseRunner runner) {
        try (runner) {
            return new GanTrainer(cfg.training(), runner, List.of()).train(initial(cfg));
        }
    }

    static double relativeDifference(FlatVector a, FlatVector b) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length(); i++) {
            diff += (a.get(i) - b.get(i)) * (a.get(i) - b.get(i));
            norm += b.get(i) * b.get(i);
        }
        return Math.sqrt(diff / norm);
    }

    private static float[] floats(FlatVector a) {
        return a.floats();
    }
}
