package io.sparkgan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checks one layer's backward pass (input gradient and every parameter gradient) against central
 * finite differences in DOUBLE, for the loss sum(forward(x) * r) with random x and r.
 */
final class LayerGradientCheck {
    static final double H = 1e-6;
    static final double TOLERANCE = 1e-5;

    private LayerGradientCheck() {}

    /** Random values in C order. */
    static double[] gaussian(SplittableRandom rng, int n, double std) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            // Box-Muller is enough for test data.
            v[i] = std * Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
        }
        return v;
    }

    static INDArray array(double[] values, long... shape) {
        return Nd4j.create(values, shape, 'c');
    }

    /**
     * Runs the check; parameters are set to N(paramMean, paramStd^2) (away from DCGAN's tiny init
     * so gradients are not tiny). {@code paramMean} may hold one mean per parameter or be null (0).
     * Also checks that backward ADDS parameter gradients, that backward(g, false) leaves them alone
     * and gives the same input gradient, and that backwardParamsOnly gives the same parameter gradients.
     */
    static void check(Layer layer, long[] inputShape, boolean training, long seed) {
        check(layer, inputShape, training, seed, null);
    }

    /** As above for a class-conditional layer, with {@code labels} set for every forward pass. */
    static void check(Layer layer, long[] inputShape, boolean training, long seed, int[] labels) {
        SplittableRandom rng = new SplittableRandom(seed);
        Network net = new Network(List.of(layer), DataType.DOUBLE);
        net.setLabels(labels);
        double[] p = gaussian(rng, (int) net.numParams(), 0.5);
        if (layer instanceof BatchNorm || layer instanceof ConditionalBatchNorm) {
            for (int i = 0; i < p.length / 2; i++) p[i] += 1.0; // gamma around 1
        }
        net.setParams(FlatVector.wrap(p));
        int nIn = (int) Nd4j.create(DataType.DOUBLE, inputShape).length();
        double[] x = gaussian(rng, nIn, 1.0);
        // Eval-mode batch norm reads running statistics: give them non-trivial values.
        if (net.numBuffers() > 0) {
            double[] b = new double[(int) net.numBuffers()];
            for (int i = 0; i < b.length; i++) b[i] = i < b.length / 2 ? rng.nextDouble() - 0.5 : 0.5 + rng.nextDouble();
            net.setBuffers(FlatVector.wrap(b));
        }
        INDArray buffersBefore = net.buffers().dup();

        INDArray out = net.forward(array(x, inputShape), training);
        long[] outShape = out.shape();
        INDArray r = array(gaussian(rng, (int) out.length(), 1.0), outShape);

        net.zeroGradients();
        net.forward(array(x, inputShape), training);
        INDArray gradIn = net.backward(r, true).dup();
        INDArray gradParams = net.gradients().dup();
        assertEquals(inputShape.length, gradIn.rank(), "input gradient rank");
        assertEquals(List.of(toObj(inputShape)), List.of(toObj(gradIn.shape())), "input gradient shape");

        // A second backward ADDS; a frozen backward gives the same input gradient and adds nothing.
        net.backward(r, true);
        assertClose(gradParams.mul(2), net.gradients(), "second backward must add parameter gradients");
        INDArray before = net.gradients().dup();
        INDArray frozenIn = net.backward(r, false);
        assertEquals(before, net.gradients(), "backward(g, false) must not touch parameter gradients");
        assertClose(gradIn, frozenIn, "frozen backward input gradient");
        // Parameters-only backward (a network's first layer) adds the same parameter gradients.
        net.zeroGradients();
        net.forward(array(x, inputShape), training);
        net.backwardParamsOnly(r);
        assertClose(gradParams, net.gradients(), "backwardParamsOnly parameter gradients");

        // Finite differences: restore buffers before each loss so eval mode sees the same statistics.
        FlatVector buffers = FlatVector.of(buffersBefore);
        java.util.function.Supplier<Double> loss = () -> {
            net.setBuffers(buffers);
            return net.forward(array(x, inputShape), training).mul(r).sumNumber().doubleValue();
        };
        for (int i = 0; i < x.length; i++) {
            double orig = x[i];
            x[i] = orig + H;
            double up = loss.get();
            x[i] = orig - H;
            double down = loss.get();
            x[i] = orig;
            assertGradient("input " + i, gradIn.reshape(-1).getDouble(i), (up - down) / (2 * H), layer);
        }
        for (int i = 0; i < p.length; i++) {
            double orig = p[i];
            p[i] = orig + H;
            net.setParams(FlatVector.wrap(p));
            double up = loss.get();
            p[i] = orig - H;
            net.setParams(FlatVector.wrap(p));
            double down = loss.get();
            p[i] = orig;
            net.setParams(FlatVector.wrap(p));
            assertGradient("parameter " + i, gradParams.getDouble(i), (up - down) / (2 * H), layer);
        }
    }

    static void assertGradient(String what, double analytic, double numeric, Object where) {
        double rel = Math.abs(analytic - numeric) / Math.max(1e-6, Math.abs(analytic) + Math.abs(numeric));
        assertTrue(rel < TOLERANCE, where + " " + what + ": analytic " + analytic + " vs numeric " + numeric
                + " (relative error " + rel + ")");
    }

    static void assertClose(INDArray expected, INDArray actual, String message) {
        assertEquals(List.of(toObj(expected.shape())), List.of(toObj(actual.shape())), message + ": shape");
        double[] e = expected.dup('c').data().asDouble();
        double[] a = actual.dup('c').data().asDouble();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-10 * Math.max(1, Math.abs(e[i])), message + " at " + i);
        }
    }

    private static Long[] toObj(long[] s) {
        Long[] o = new Long[s.length];
        for (int i = 0; i < s.length; i++) o[i] = s[i];
        return o;
    }
}
