package io.sparkgan.nn;

import static io.sparkgan.nn.LayerGradientCheck.array;
import static io.sparkgan.nn.LayerGradientCheck.gaussian;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Standing statistics: the mean of every batch norm's batch statistics over the given batches, nothing of before. */
class StandingStatisticsTest {

    @Test
    void buffersBecomeTheMeanOfTheBatchMeansAndUnbiasedBatchVariances() {
        int c = 2, m = 5, batches = 3;
        Network net = new Network(List.of(new BatchNorm(c), new ReluLayer(), new BatchNorm(c)), DataType.DOUBLE);
        net.setParams(FlatVector.wrap(new double[] {1.5, 0.5, 0.2, -0.3, 1, 1, 0, 0}));
        net.setBuffers(FlatVector.wrap(new double[] {7, 7, 0.01, 0.01, 9, 9, 5, 5})); // must not leak into the result
        SplittableRandom rng = new SplittableRandom(11);
        List<INDArray> inputs = new ArrayList<>();
        double[] mean = new double[c];
        double[] var = new double[c];
        double[] secondMean = new double[c];
        double[] secondVar = new double[c];
        for (int b = 0; b < batches; b++) {
            double[] x = gaussian(rng, m * c, 2.0);
            inputs.add(array(x, m, c));
            // Layer 1 sees x; layer 3 sees relu(bn1(x)) normalised with THIS batch's statistics.
            double[] hidden = new double[x.length];
            for (int ch = 0; ch < c; ch++) {
                double[] s = stats(x, ch, c);
                mean[ch] += s[0] / batches;
                var[ch] += s[1] * m / (m - 1.0) / batches;
                double gamma = ch == 0 ? 1.5 : 0.5;
                double beta = ch == 0 ? 0.2 : -0.3;
                for (int i = ch; i < x.length; i += c) {
                    hidden[i] = Math.max(0, gamma * (x[i] - s[0]) / Math.sqrt(s[1] + BatchNorm.EPS) + beta);
                }
            }
            for (int ch = 0; ch < c; ch++) {
                double[] s = stats(hidden, ch, c);
                secondMean[ch] += s[0] / batches;
                secondVar[ch] += s[1] * m / (m - 1.0) / batches;
            }
        }
        FlatVector result = StandingStatistics.recompute(net, inputs);
        double[] expected = {mean[0], mean[1], var[0], var[1], secondMean[0], secondMean[1], secondVar[0], secondVar[1]};
        assertArrayEquals(expected, net.buffers().toDoubleVector(), 1e-12);
        assertArrayEquals(expected, result.doubles(), 1e-12, "the returned copy holds the same statistics");
    }

    @Test
    void aNetworkWithoutBuffersIsLeftAlone() {
        Network net = new Network(List.of(new Dense(2, 2)), DataType.DOUBLE);
        assertEquals(0, StandingStatistics.recompute(net, List.of(array(new double[] {1, 2, 3, 4}, 2, 2))).length());
        assertThrows(IllegalArgumentException.class, () -> StandingStatistics.recompute(net, List.of()));
    }

    /** {batch mean, biased batch variance} of channel {@code ch} of rows of {@code c} values. */
    private static double[] stats(double[] x, int ch, int c) {
        double sum = 0;
        int n = 0;
        for (int i = ch; i < x.length; i += c, n++) sum += x[i];
        double mean = sum / n;
        double ss = 0;
        for (int i = ch; i < x.length; i += c) ss += (x[i] - mean) * (x[i] - mean);
        return new double[] {mean, ss / n};
    }
}
