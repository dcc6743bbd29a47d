package io.sparkgan.evaluator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.config.GanConfig;
import io.sparkgan.gan.GanStep;
import io.sparkgan.metrics.ClassAgreement;
import io.sparkgan.metrics.ClassifierSums;
import io.sparkgan.model.GanModelSpec;
import io.sparkgan.rng.RngStream;
import io.sparkgan.evaluation.EvaluationSamples;
import io.sparkgan.run.GeneratorSnapshot;
import io.sparkgan.spark.SparkContexts;
import io.sparkgan.train.TrainingState;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scoring a class-conditional generator counts, per requested class, how often the evaluator's
 * arg max is that class: on Spark as in one JVM, and as when each class's images are made and
 * scored on their own. The evaluator is an untrained LeNet (any classifier will do for counting).
 */
class ClassAgreementScoringTest {
    private static final int CLASSES = 10;

    private static GeneratorSnapshot generator(boolean conditional) {
        GanConfig cfg = GanConfig.load("ring8", Map.of("model.generator-output", "tanh", "model.generator-hidden", "[32]",
                "model.discriminator-hidden", "[32]", "model.conditional", "" + conditional, "train.r1-gamma", "0"));
        GanModelSpec spec = cfg.model().spec(SyntheticDigits.SHAPE.pixels(), conditional ? CLASSES : 0);
        TrainingState state = TrainingState.initial(spec, cfg.training());
        // Larger weights than the initialisation, so images (and the classifier's answers) vary with the class.
        float[] theta = state.thetaG().floats();
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        for (int i = 0; i < theta.length; i++) theta[i] = (float) (0.3 * rng.nextGaussian());
        return GeneratorSnapshot.of(spec, state, cfg.run().seed());
    }

    private static EvaluatorModel untrainedLeNet() {
        MultiLayerNetwork net = new MultiLayerNetwork(LeNet.configuration(SyntheticDigits.SHAPE, CLASSES, 3, 1e-3));
        net.init();
        return EvaluatorModel.of(net, SyntheticDigits.SHAPE);
    }

    @Test
    void agreementIsCountedPerRequestedClassOnSparkAsInOneJvmAndAsClassByClassAndOnlyForConditionalGenerators() {
        GeneratorSnapshot generator = generator(true);
        EvaluatorModel model = untrainedLeNet();
        int n = 270; // two chunks, the last one short
        ClassAgreement here = Scoring.generatedHere(model, generator, n, 5).classAgreement();
        ClassAgreement spark;
        try (JavaSparkContext sc = SparkContexts.create("agreement-test", "local[2]", Map.of("spark.ui.enabled", "false"))) {
            Broadcast<EvaluatorModel> m = sc.broadcast(model);
            Broadcast<GeneratorSnapshot> g = sc.broadcast(generator);
            spark = Scoring.generated(sc, m, g, n, 5).classAgreement();
        }
        long[] balanced = new long[CLASSES];
        Arrays.fill(balanced, n / CLASSES);
        assertArrayEquals(balanced, spark.requested(), "image i is asked for class i mod 10");
        assertArrayEquals(here.perClass(), spark.perClass());
        assertEquals(here.overall(), spark.overall(), 0.0);

        // The same images made class by class (each class's rows of the evaluation latents, all
        // asked for that class) and scored against that class agree as often.
        GanModelSpec spec = generator.spec();
        ClassifierSums byClass = model.newSums();
        GanStep step = new GanStep(spec);
        for (int chunk = 0; chunk < EvaluationSamples.chunks(n); chunk++) {
            int rows = EvaluationSamples.rows(n, chunk);
            INDArray z = generator.latents(RngStream.EVALUATION.at(5, chunk), rows);
            for (int k = 0; k < CLASSES; k++) {
                int first = Math.floorMod(k - chunk * EvaluationSamples.CHUNK, CLASSES);
                int[] mine = IntStream.iterate(first, i -> i < rows, i -> i + CLASSES).toArray();
                int[] asked = new int[mine.length];
                Arrays.fill(asked, k);
                model.score(generator.generate(step, z.getRows(mine), asked), mine.length, asked, byClass);
            }
        }
        ClassAgreement expected = byClass.classAgreement();
        assertArrayEquals(expected.requested(), spark.requested());
        for (int k = 0; k < CLASSES; k++) {
            // another batch split may flip an arg max by float rounding: at most one image a class
            assertEquals(expected.perClass()[k], spark.perClass()[k], 1.0 / (n / CLASSES) + 1e-12, "class " + k);
        }
        long classesSeen = Arrays.stream(byClass.histogram()).filter(c -> c > 0).count();
        assertTrue(classesSeen >= 2, "the classifier's answers vary, so agreement is not trivially 0 or 1: "
                + Arrays.toString(byClass.histogram()));
        assertNull(Scoring.generatedHere(model, generator(false), 20, 5).classAgreement(),
                "an unconditional generator has no requested classes");
    }
}
