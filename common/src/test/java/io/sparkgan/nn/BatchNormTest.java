package io.sparkgan.nn;

import static io.sparkgan.nn.LayerGradientCheck.array;
import static io.sparkgan.nn.LayerGradientCheck.gaussian;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** BatchNorm: training-mode and eval-mode gradients against finite differences, running statistics against PyTorch's rule. */
class BatchNormTest {

    @Test
    void trainingModeBackwardOnImagesMatchesFiniteDifferences() {
        // The case SameDiff M2 gets wrong: the batch mean and variance depend on every input.
        LayerGradientCheck.check(new BatchNorm(3), new long[] {2, 3, 4, 3}, true, 101);
    }

    @Test
    void trainingModeBackwardOnRowsMatchesFiniteDifferences() {
        LayerGradientCheck.check(new BatchNorm(4), new long[] {5, 4}, true, 102);
    }

    @Test
    void evalModeBackwardMatchesFiniteDifferences() {
        LayerGradientCheck.check(new BatchNorm(2), new long[] {2, 3, 3, 2}, false, 103);
    }

    @Test
    void trainingNormalisesWithBatchStatisticsAndUpdatesRunningStatisticsLikePyTorch() {
        int n = 3, h = 2, w = 2, c = 2;
        SplittableRandom rng = new SplittableRandom(7);
        BatchNorm bn = new BatchNorm(c);
        Network net = new Network(List.of(bn), DataType.DOUBLE);
        net.setParams(FlatVector.wrap(new double[] {2.0, 0.5, -1.0, 3.0})); // gamma, beta
        assertArrayEquals(new double[] {0, 0, 1, 1}, net.buffers().toDoubleVector(), "initial running mean 0, variance 1");

        double[] expectedMean = {0, 0};
        double[] expectedVar = {1, 1};
        for (int step = 0; step < 2; step++) {
            double[] x = gaussian(rng, n * h * w * c, 2.0);
            for (int i = 0; i < x.length; i++) x[i] += i % c == 0 ? 1.5 : -0.5;
            INDArray y = net.forward(array(x, n, h, w, c), true);
            int m = n * h * w;
            for (int ch = 0; ch < c; ch++) {
                double mean = 0;
                for (int i = ch; i < x.length; i += c) mean += x[i];
                mean /= m;
                double ss = 0;
                for (int i = ch; i < x.length; i += c) ss += (x[i] - mean) * (x[i] - mean);
                double gamma = ch == 0 ? 2.0 : 0.5;
                double beta = ch == 0 ? -1.0 : 3.0;
                for (int i = ch; i < x.length; i += c) {
                    double expected = gamma * (x[i] - mean) / Math.sqrt(ss / m + 1e-5) + beta; // biased variance
                    assertEquals(expected, y.reshape(-1).getDouble(i), 1e-12, "output " + i);
                }
                expectedMean[ch] = 0.9 * expectedMean[ch] + 0.1 * mean;
                expectedVar[ch] = 0.9 * expectedVar[ch] + 0.1 * ss / (m - 1); // unbiased for the running estimate
            }
            double[] buffers = net.buffers().toDoubleVector();
            assertArrayEquals(new double[] {expectedMean[0], expectedMean[1], expectedVar[0], expectedVar[1]}, buffers, 1e-12,
                    "running statistics after step " + step);
        }

        // Eval mode uses (and does not change) the running statistics.
        double[] x = gaussian(rng, n * h * w * c, 1.0);
        INDArray before = net.buffers().dup();
        INDArray y = net.forward(array(x, n, h, w, c), false);
        assertEquals(before, net.buffers(), "eval mode must not update running statistics");
        for (int i = 0; i < x.length; i++) {
            int ch = i % c;
            double gamma = ch == 0 ? 2.0 : 0.5;
            double beta = ch == 0 ? -1.0 : 3.0;
            double expected = gamma * (x[i] - expectedMean[ch]) / Math.sqrt(expectedVar[ch] + 1e-5) + beta;
            assertEquals(expected, y.reshape(-1).getDouble(i), 1e-12, "eval output " + i);
        }
    }

    @Test
    void buffersAreNotParametersAndLayersWithoutBuffersStillWork() {
        Network withBn = Network.of(DataType.DOUBLE, new Dense(3, 4), new BatchNorm(4), new Dense(4, 1));
        assertEquals(3 * 4 + 4 + 8 + 4 + 1, withBn.numParams());
        assertEquals(8, withBn.numBuffers());
        Network plain = Network.of(DataType.FLOAT, new Dense(3, 2));
        assertEquals(0, plain.numBuffers());
        assertEquals(0, plain.buffers().length());
        plain.setBuffers(FlatVector.zeros(DataType.FLOAT, 0));
        assertThrows(IllegalArgumentException.class, () -> withBn.setBuffers(FlatVector.zeros(DataType.DOUBLE, 3)));
    }

    @Test
    void initialisationIsGammaOneBetaZeroOrGaussianGamma() {
        Network plain = Network.of(DataType.DOUBLE, new BatchNorm(3));
        plain.initialize(new SplittableRandom(1));
        assertArrayEquals(new double[] {1, 1, 1, 0, 0, 0}, plain.params().toDoubleVector());
        Network dcgan = Network.of(DataType.DOUBLE, new BatchNorm(500, 0.02));
        dcgan.initialize(new SplittableRandom(1));
        INDArray gamma = dcgan.params().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 500));
        assertEquals(1.0, gamma.meanNumber().doubleValue(), 0.005);
        assertEquals(0.02, gamma.stdNumber().doubleValue(), 0.004);
        assertEquals(0.0, dcgan.params().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(500, 1000)).norm2Number().doubleValue(), 0);
    }

    @Test
    void trainingOnOneValuePerChannelIsRejected() {
        BatchNorm bn = new BatchNorm(2);
        Network.of(DataType.DOUBLE, bn);
        assertThrows(IllegalArgumentException.class, () -> bn.forward(array(new double[] {1, 2}, 1, 2), true));
    }
}
