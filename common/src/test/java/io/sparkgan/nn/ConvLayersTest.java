package io.sparkgan.nn;

import static io.sparkgan.nn.LayerGradientCheck.array;
import static io.sparkgan.nn.LayerGradientCheck.gaussian;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Conv2d and ConvTranspose2d: forward against naive loops and a hand example, backward against
 * finite differences. The cases cover every path: libnd4j ops, one input channel (Conv2d) or one
 * output channel (ConvTranspose2d) as patch-row gemms, a 1x1 input to ConvTranspose2d as a dense
 * projection, and (through the frozen-backward check) Conv2d's input gradient as a deconv2d.
 */
class ConvLayersTest {

    @ParameterizedTest(name = "Conv2d {0}->{1} k{2} s{3} p{4} bias {5} on {6}x{7}")
    @CsvSource({
        "3, 2, 3, 1, 0, true, 5, 5",
        "2, 3, 3, 2, 1, true, 6, 5",
        "3, 2, 4, 2, 1, false, 6, 6",
        "1, 2, 2, 1, 1, true, 5, 6",
        "1, 3, 4, 2, 1, true, 6, 6",
        "1, 2, 3, 2, 0, false, 6, 5",
    })
    void conv2dBackwardMatchesFiniteDifferences(int in, int out, int k, int s, int p, boolean bias, int h, int w) {
        LayerGradientCheck.check(new Conv2d(in, out, k, s, p, bias), new long[] {2, h, w, in}, true, 31 + k + s + p);
    }

    @ParameterizedTest(name = "ConvTranspose2d {0}->{1} k{2} s{3} p{4} bias {5} on {6}x{7}")
    @CsvSource({
        "3, 2, 3, 1, 0, true, 3, 3",
        "2, 3, 4, 2, 1, true, 3, 2",
        "3, 2, 3, 2, 1, false, 3, 3",
        "2, 1, 2, 2, 0, true, 2, 3",
        "3, 1, 4, 2, 1, true, 3, 3",
        "3, 2, 3, 1, 0, true, 1, 1",
        "2, 3, 4, 2, 0, false, 1, 1",
    })
    void convTransposeBackwardMatchesFiniteDifferences(int in, int out, int k, int s, int p, boolean bias, int h, int w) {
        LayerGradientCheck.check(new ConvTranspose2d(in, out, k, s, p, bias), new long[] {2, h, w, in}, true, 47 + k + s + p);
    }

    @ParameterizedTest(name = "Conv2d {0}->{1} k{2} s{3} p{4} on {5}x{6}")
    @CsvSource({
        "3, 2, 3, 2, 1, 5, 6",
        "2, 4, 2, 1, 0, 4, 3",
        "1, 3, 4, 2, 1, 6, 6",
    })
    void conv2dForwardMatchesNaiveLoops(int in, int out, int k, int s, int p, int h, int w) {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 2;
        Conv2d conv = new Conv2d(in, out, k, s, p, true);
        Network net = new Network(List.of(conv), DataType.DOUBLE);
        double[] params = gaussian(rng, (int) net.numParams(), 1.0);
        net.setParams(FlatVector.wrap(params));
        double[] x = gaussian(rng, n * h * w * in, 1.0);
        INDArray y = net.forward(array(x, n, h, w, in), true);
        int oh = (h + 2 * p - k) / s + 1;
        int ow = (w + 2 * p - k) / s + 1;
        assertArrayEquals(new long[] {n, oh, ow, out}, y.shape());
        int nW = k * k * in * out;
        for (int b = 0; b < n; b++) for (int i = 0; i < oh; i++) for (int j = 0; j < ow; j++) for (int o = 0; o < out; o++) {
            double sum = params[nW + o];
            for (int a = 0; a < k; a++) for (int c = 0; c < k; c++) for (int ch = 0; ch < in; ch++) {
                int yi = i * s - p + a;
                int xj = j * s - p + c;
                if (yi < 0 || yi >= h || xj < 0 || xj >= w) continue;
                // x NHWC, W [k, k, in, out]
                sum += x[((b * h + yi) * w + xj) * in + ch] * params[((a * k + c) * in + ch) * out + o];
            }
            assertEquals(sum, y.getDouble(b, i, j, o), 1e-12, "output (" + b + "," + i + "," + j + "," + o + ")");
        }
    }

    @ParameterizedTest(name = "ConvTranspose2d {0}->{1} k{2} s{3} p{4} on {5}x{6}")
    @CsvSource({
        "3, 2, 4, 2, 1, 3, 2",
        "2, 3, 3, 1, 0, 2, 3",
        "2, 2, 3, 2, 1, 3, 3",
        "3, 1, 4, 2, 1, 3, 2",
        "3, 2, 3, 1, 0, 1, 1",
        "2, 3, 4, 2, 0, 1, 1",
    })
    void convTransposeForwardMatchesNaiveLoops(int in, int out, int k, int s, int p, int h, int w) {
        SplittableRandom rng = new SplittableRandom(6);
        int n = 2;
        ConvTranspose2d deconv = new ConvTranspose2d(in, out, k, s, p, true);
        Network net = new Network(List.of(deconv), DataType.DOUBLE);
        double[] params = gaussian(rng, (int) net.numParams(), 1.0);
        net.setParams(FlatVector.wrap(params));
        double[] x = gaussian(rng, n * h * w * in, 1.0);
        INDArray y = net.forward(array(x, n, h, w, in), true);
        int oh = (h - 1) * s - 2 * p + k;
        int ow = (w - 1) * s - 2 * p + k;
        assertArrayEquals(new long[] {n, oh, ow, out}, y.shape());
        int nW = k * k * in * out;
        double[] expected = new double[n * oh * ow * out];
        for (int b = 0; b < n; b++) for (int i = 0; i < oh; i++) for (int j = 0; j < ow; j++) for (int o = 0; o < out; o++) {
            expected[((b * oh + i) * ow + j) * out + o] = params[nW + o];
        }
        // PyTorch semantics: input pixel (i, j) stamps the kernel at (i*s - p, j*s - p); W [k, k, out, in].
        for (int b = 0; b < n; b++) for (int i = 0; i < h; i++) for (int j = 0; j < w; j++) for (int c = 0; c < in; c++) {
            for (int a = 0; a < k; a++) for (int e = 0; e < k; e++) for (int o = 0; o < out; o++) {
                int yi = i * s - p + a;
                int yj = j * s - p + e;
                if (yi < 0 || yi >= oh || yj < 0 || yj >= ow) continue;
                expected[((b * oh + yi) * ow + yj) * out + o] +=
                        x[((b * h + i) * w + j) * in + c] * params[((a * k + e) * out + o) * in + c];
            }
        }
        assertArrayEquals(expected, y.dup('c').data().asDouble(), 1e-12);
    }

    @Test
    void convTransposeStrideEqualToKernelStampsTheKernelUnflipped() {
        ConvTranspose2d deconv = new ConvTranspose2d(1, 1, 2, 2, 0, false);
        Network net = new Network(List.of(deconv), DataType.DOUBLE);
        net.setParams(FlatVector.wrap(new double[] {1, 10, 100, 1000})); // kernel [[1, 10], [100, 1000]]
        INDArray y = net.forward(array(new double[] {1, 2, 3, 4}, 1, 2, 2, 1), false);
        double[] expected = {
            1, 10, 2, 20,
            100, 1000, 200, 2000,
            3, 30, 4, 40,
            300, 3000, 400, 4000,
        };
        assertArrayEquals(new long[] {1, 4, 4, 1}, y.shape());
        assertArrayEquals(expected, y.dup('c').data().asDouble(), 0);
    }

    @Test
    void layersInFloatComputeWhatTheyComputeInDouble() {
        SplittableRandom rng = new SplittableRandom(8);
        Network net = Network.of(DataType.FLOAT, new Conv2d(3, 4, 4, 2, 1, true), new BatchNorm(4),
                new ConvTranspose2d(4, 2, 4, 2, 1, true));
        net.initialize(rng);
        Network exact = Network.of(DataType.DOUBLE, new Conv2d(3, 4, 4, 2, 1, true), new BatchNorm(4),
                new ConvTranspose2d(4, 2, 4, 2, 1, true));
        exact.setParams(FlatVector.of(net.params().castTo(DataType.DOUBLE)));
        INDArray xExact = array(gaussian(rng, 2 * 6 * 6 * 3, 1.0), 2, 6, 6, 3);
        INDArray x = xExact.castTo(DataType.FLOAT);
        INDArray y = net.forward(x, true);
        INDArray yExact = exact.forward(xExact, true);
        assertArrayEquals(new long[] {2, 6, 6, 2}, y.shape());
        assertEquals(DataType.FLOAT, y.dataType());
        // An upstream gradient that is not constant: the sum of BatchNorm's output gradient is 0,
        // so a constant one would leave Conv2d's gradients at rounding noise.
        INDArray upstreamExact = array(gaussian(rng, 2 * 6 * 6 * 2, 1.0), 2, 6, 6, 2);
        INDArray g = net.backward(upstreamExact.castTo(DataType.FLOAT), true);
        INDArray gExact = exact.backward(upstreamExact, true);
        assertEquals(DataType.FLOAT, g.dataType());
        assertCloseInFloat("output", yExact, y);
        assertCloseInFloat("input gradient", gExact, g);
        assertCloseInFloat("parameter gradients", exact.gradients(), net.gradients());
    }

    /** {@code actual} (float) equals {@code exact} (double) up to float rounding: relative 2-norm error below 1e-5. */
    private static void assertCloseInFloat(String what, INDArray exact, INDArray actual) {
        assertArrayEquals(exact.shape(), actual.shape(), what);
        double error = actual.castTo(DataType.DOUBLE).sub(exact).norm2Number().doubleValue();
        double norm = exact.norm2Number().doubleValue();
        assertEquals(0.0, error / norm, 1e-5, what + ": |float - double| / |double| with |double| = " + norm);
    }

    @Test
    void wrongInputShapesAreRejectedWithTheExpectedShape() {
        Conv2d conv = new Conv2d(3, 2, 3, 1, 0, true);
        Network.of(DataType.DOUBLE, conv);
        var e = assertThrows(IllegalArgumentException.class,
                () -> conv.forward(array(new double[2 * 5 * 5 * 2], 2, 5, 5, 2), true));
        assertEquals("Conv2d(3->2, k3 s1 p0) expects NHWC input [n, h, w, 3], got [2, 5, 5, 2]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(3, 2, 7, 1, 0, true).outputSize(5));
        assertThrows(IllegalArgumentException.class, () -> new ConvTranspose2d(0, 2, 3, 1, 0, true));
    }
}
