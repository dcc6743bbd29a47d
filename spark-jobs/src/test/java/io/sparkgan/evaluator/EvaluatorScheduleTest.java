package io.sparkgan.evaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.images.ImageShape;
import io.sparkgan.evaluator.LearningRateSchedule.Decay;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.ISchedule;

/** The evaluator's learning-rate schedule (no Spark): its values, its validation, and that DL4J applies it. */
class EvaluatorScheduleTest {
    @Test
    void exponentialAndCosineGoFromTheStartToTheFinalRateAndNeverRise() {
        for (Decay decay : new Decay[] {Decay.EXPONENTIAL, Decay.COSINE}) {
            LearningRateSchedule s = new LearningRateSchedule(1e-3, 1e-5, decay, 6);
            ISchedule dl4j = s.toSchedule();
            assertEquals(1e-3, s.at(0), 1e-15);
            assertEquals(1e-5, s.at(5), 1e-15);
            assertEquals(1e-5, s.at(9), 1e-15, "epochs past the last keep its rate");
            for (int e = 0; e < 6; e++) {
                // What the Adam updater reads (iteration ignored, epoch e) is the schedule's value.
                assertEquals(s.at(e), dl4j.valueAt(1000 * e + 7, e), 1e-12 * s.at(e), decay + " epoch " + e);
                if (e > 0) assertTrue(s.at(e) < s.at(e - 1), decay + " epoch " + e + ": " + s.at(e));
            }
        }
        LearningRateSchedule exp = new LearningRateSchedule(1e-3, 1e-5, Decay.EXPONENTIAL, 3);
        assertEquals(1e-4, exp.at(1), 1e-15); // geometric middle
        LearningRateSchedule cos = new LearningRateSchedule(1e-3, 1e-5, Decay.COSINE, 3);
        assertEquals((1e-3 + 1e-5) / 2, cos.at(1), 1e-15);
        LearningRateSchedule none = new LearningRateSchedule(2e-3, 1e-5, Decay.NONE, 4);
        assertEquals(2e-3, none.at(3), 0);
        assertEquals(2e-3, none.toSchedule().valueAt(0, 3), 0);
        assertEquals(1e-3, new LearningRateSchedule(1e-3, 1e-5, Decay.EXPONENTIAL, 1).at(0), 0, "one epoch: the start");
        assertTrue(exp.describe().contains("0.001 -> 1.0E-5") && exp.describe().contains("exponential"), exp.describe());
    }

    @Test
    void badRatesAreRejectedNamingTheOption() {
        assertMessage("--final-learning-rate", () -> new LearningRateSchedule(1e-3, 1e-2, Decay.EXPONENTIAL, 3));
        assertMessage("--final-learning-rate", () -> new LearningRateSchedule(1e-3, 0, Decay.COSINE, 3));
        assertMessage("--final-learning-rate", () -> new LearningRateSchedule(1e-3, Double.NaN, Decay.COSINE, 3));
        assertMessage("--learning-rate", () -> new LearningRateSchedule(-1e-3, 1e-5, Decay.COSINE, 3));
        assertMessage("--learning-rate", () -> new LearningRateSchedule(Double.POSITIVE_INFINITY, 1e-5, Decay.NONE, 3));
        assertMessage("--epochs", () -> new LearningRateSchedule(1e-3, 1e-5, Decay.COSINE, 0));
        // Through the training options (what the CLI builds before Spark starts).
        assertMessage("--final-learning-rate", () -> new EvaluatorTraining.Options("a", "b", "c", 3, 64, 5, 1e-3,
                -1, Decay.EXPONENTIAL, 1, false, null));
        // With no decay the final rate is not used.
        assertEquals(1e-3, new EvaluatorTraining.Options("a", "b", "c", 3, 64, 5, 1e-3, 1, Decay.NONE, 1, false,
                null).schedule().at(2), 0);
    }

    /**
     * The first Adam step moves each weight by about the learning rate (m / sqrt(v) = sign(g)), so
     * the largest weight change of one step shows the rate DL4J used. A network made the way the
     * DL4J Spark worker makes its copy (configuration clone with the master's epoch count) steps
     * 100x less in the last epoch of a 1e-2 -> 1e-4 schedule than in the first.
     */
    @Test
    void theNetworkStepsWithTheScheduledRateOfItsEpoch() {
        ImageShape shape = new ImageShape(16, 16, 1);
        LearningRateSchedule s = new LearningRateSchedule(1e-2, 1e-4, Decay.EXPONENTIAL, 3);
        MultiLayerConfiguration conf = LeNet.configuration(shape, 3, 5, s.toSchedule());
        SplittableRandom rng = new SplittableRandom(3);
        int rows = 16;
        float[] x = new float[rows * shape.pixels()];
        float[] y = new float[rows * 3];
        for (int i = 0; i < x.length; i++) x[i] = (float) (2 * rng.nextDouble() - 1);
        for (int r = 0; r < rows; r++) y[r * 3 + r % 3] = 1;
        DataSet batch = new DataSet(Nd4j.createFromArray(x).reshape(rows, shape.pixels()),
                Nd4j.createFromArray(y).reshape(rows, 3));
        double[] steps = new double[3];
        for (int epoch = 0; epoch < 3; epoch++) {
            MultiLayerConfiguration c = conf.clone();
            c.setEpochCount(epoch);
            MultiLayerNetwork net = new MultiLayerNetwork(c.clone());
            net.init();
            int dense = net.getLayers().length - 2;
            INDArray before = net.getLayer(dense).getParam("W").dup();
            net.fit(batch);
            steps[epoch] = net.getLayer(dense).getParam("W").sub(before).amaxNumber().doubleValue();
        }
        for (int e = 0; e < 3; e++) {
            assertEquals(s.at(e), steps[e], 0.1 * s.at(e), "epoch " + e + " step " + steps[e]);
        }
    }

    private static void assertMessage(String option, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().startsWith(option + " "), e.getMessage());
    }
}
