package io.sparkgan.nn;

import static io.sparkgan.nn.LayerGradientCheck.array;
import static io.sparkgan.nn.LayerGradientCheck.gaussian;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The class-conditional layers: backward passes against finite differences in DOUBLE (labels with
 * repeated classes and a class no row has, so the scatter-adds are exercised), and their
 * definitions against plain arithmetic.
 */
class ConditionalLayersTest {

    @Test
    void conditionalBatchNormOnImagesInTrainingModeMatchesFiniteDifferences() {
        LayerGradientCheck.check(new ConditionalBatchNorm(3, 4), new long[] {4, 2, 3, 3}, true, 201,
                new int[] {2, 0, 2, 1});
    }

    @Test
    void conditionalBatchNormOnRowsInTrainingModeMatchesFiniteDifferences() {
        LayerGradientCheck.check(new ConditionalBatchNorm(4, 3), new long[] {5, 4}, true, 202, new int[] {1, 1, 0, 1, 0});
    }

    @Test
    void conditionalBatchNormInEvalModeMatchesFiniteDifferences() {
        LayerGradientCheck.check(new ConditionalBatchNorm(2, 3), new long[] {3, 2, 2, 2}, false, 203, new int[] {2, 0, 2});
    }

    @Test
    void projectionHeadMatchesFiniteDifferences() {
        LayerGradientCheck.check(new ProjectionHead(6, 4, true, 0), new long[] {5, 6}, true, 204, new int[] {3, 0, 3, 1, 0});
        LayerGradientCheck.check(new ProjectionHead(5, 2, false, 0.5), new long[] {3, 5}, true, 205, new int[] {1, 1, 0});
    }

    @Test
    void classEmbeddingMatchesFiniteDifferences() {
        LayerGradientCheck.check(new ClassEmbedding(3, 4, 2), new long[] {5, 3}, true, 206, new int[] {3, 0, 3, 2, 0});
    }

    @Test
    void conditionalBatchNormIsBatchNormWithEachExamplesClassAffineAndSameRunningStatistics() {
        int n = 3, h = 2, w = 2, c = 2, k = 3;
        int[] labels = {2, 0, 2};
        double[] gamma = {1.5, -0.5, 0.7, 2.0, 0.3, 1.1}; // [k, c]
        double[] beta = {0.1, 0.2, -1.0, 0.5, 3.0, -2.0};
        ConditionalBatchNorm cbn = new ConditionalBatchNorm(c, k);
        Network cond = Network.of(DataType.DOUBLE, cbn);
        double[] p = new double[2 * k * c];
        System.arraycopy(gamma, 0, p, 0, k * c);
        System.arraycopy(beta, 0, p, k * c, k * c);
        cond.setParams(FlatVector.wrap(p));
        Network plain = Network.of(DataType.DOUBLE, new BatchNorm(c)); // gamma 1, beta 0
        plain.setParams(FlatVector.wrap(new double[] {1, 1, 0, 0}));
        assertArrayEquals(plain.buffers().toDoubleVector(), cond.buffers().toDoubleVector(), "initial buffers");

        double[] x = gaussian(new SplittableRandom(3), n * h * w * c, 2.0);
        for (boolean training : new boolean[] {true, false}) {
            INDArray xhat = plain.forward(array(x, n, h, w, c), training).reshape(-1);
            INDArray y = cond.forward(array(x, n, h, w, c), labels, training).reshape(-1);
            for (int i = 0; i < x.length; i++) {
                int example = i / (h * w * c);
                int ch = i % c;
                int cls = labels[example];
                double expected = gamma[cls * c + ch] * xhat.getDouble(i) + beta[cls * c + ch];
                assertEquals(expected, y.getDouble(i), 1e-12, "output " + i + " (training " + training + ")");
            }
            assertArrayEquals(plain.buffers().toDoubleVector(), cond.buffers().toDoubleVector(), 1e-15,
                    "running statistics as BatchNorm's");
        }
        // Initialisation: gamma 1, beta 0 for every class, so an untrained layer is plain batch norm.
        cond.initialize(new SplittableRandom(1));
        double[] init = cond.params().toDoubleVector();
        for (int i = 0; i < init.length; i++) assertEquals(i < k * c ? 1.0 : 0.0, init[i], "parameter " + i);
    }

    @Test
    void projectionHeadIsALinearLayerPlusTheClassEmbeddingsInnerProduct() {
        int f = 3, k = 2;
        ProjectionHead head = new ProjectionHead(f, k, true, 0);
        Network net = Network.of(DataType.DOUBLE, head);
        double[] w = {0.5, -1.0, 2.0};
        double b = 0.25;
        double[] e = {1, 2, 3, -1, 0, 4}; // [k, f]
        net.setParams(FlatVector.wrap(new double[] {0.5, -1.0, 2.0, 0.25, 1, 2, 3, -1, 0, 4}));
        double[][] phi = {{1, 0, -1}, {2, 1, 0.5}, {0, 3, 1}};
        int[] labels = {1, 0, 1};
        INDArray out = net.forward(array(new double[] {1, 0, -1, 2, 1, 0.5, 0, 3, 1}, 3, 3), labels, true);
        assertArrayEquals(new long[] {3, 1}, out.shape());
        for (int i = 0; i < 3; i++) {
            double expected = b;
            for (int j = 0; j < f; j++) expected += phi[i][j] * (w[j] + e[labels[i] * f + j]);
            assertEquals(expected, out.getDouble(i, 0), 1e-12, "logit " + i);
        }
    }

    @Test
    void eachBatchsBackwardUsesTheLabelsItsForwardPassSaw() {
        // GanStep's D phase sets the fake labels after the real pass; a real backward after that must
        // still use the real labels.
        ProjectionHead head = new ProjectionHead(4, 3, true, 0);
        Network net = Network.of(DataType.DOUBLE, head);
        net.initialize(new SplittableRandom(5));
        INDArray x = array(gaussian(new SplittableRandom(6), 8, 1.0), 2, 4);
        INDArray g = array(new double[] {1, -2}, 2, 1);
        net.forward(x, new int[] {0, 2}, true);
        INDArray expected = net.backward(g, true).dup();
        INDArray expectedParams = net.gradients().dup();
        net.zeroGradients();
        net.forward(x, new int[] {0, 2}, true);
        net.setLabels(new int[] {1, 1});
        assertEquals(expected, net.backward(g, true));
        assertEquals(expectedParams, net.gradients());
    }

    @Test
    void labelsAreCheckedAndRequired() {
        Network net = Network.of(DataType.DOUBLE, new Dense(2, 4), new ConditionalBatchNorm(4, 3), new ProjectionHead(4, 3, true, 0));
        assertTrue(net.conditional());
        assertEquals(3, net.classes());
        net.initialize(new SplittableRandom(1));
        INDArray x = array(new double[] {1, 2, 3, 4}, 2, 2);
        assertTrue(assertThrows(IllegalStateException.class, () -> net.forward(x, true)).getMessage()
                .contains("set the batch's labels"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> net.forward(x, new int[] {0, 3}, true))
                .getMessage().contains("label 3 of row 1 is outside [0, 3)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> net.forward(x, new int[] {0}, true))
                .getMessage().contains("1 labels set for a batch of 2"));
        assertThrows(IllegalArgumentException.class, () -> net.setLabels(null));
        Network plain = Network.of(DataType.DOUBLE, new Dense(2, 1));
        assertEquals(0, plain.classes());
        plain.setLabels(null);
        assertThrows(IllegalArgumentException.class, () -> plain.setLabels(new int[] {0, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> Network.of(DataType.DOUBLE, new ConditionalBatchNorm(2, 3), new ProjectionHead(2, 4, true, 0)));
    }

    @Test
    void classEmbeddingAppendsTheLabelsRow() {
        ClassEmbedding emb = new ClassEmbedding(2, 3, 2);
        Network net = Network.of(DataType.DOUBLE, emb);
        net.setParams(FlatVector.wrap(new double[] {10, 11, 20, 21, 30, 31}));
        INDArray y = net.forward(array(new double[] {1, 2, 3, 4}, 2, 2), new int[] {2, 0}, true);
        assertEquals(array(new double[] {1, 2, 30, 31, 3, 4, 10, 11}, 2, 4), y);
        assertEquals(List.of(4L), List.of(y.get(NDArrayIndex.point(0), NDArrayIndex.all()).length()));
    }
}
