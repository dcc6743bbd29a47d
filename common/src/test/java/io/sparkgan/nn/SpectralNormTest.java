package io.sparkgan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Spectral normalisation: gradients against finite differences (eval mode, and training mode from
 * a converged power iteration), sigma against an SVD, and the power iteration's state step by step.
 */
class SpectralNormTest {

    @Test
    void denseAndConvGradientsMatchFiniteDifferencesWithStoredVectors() {
        // Eval mode: sigma = u^T W v with the stored u, v, exactly what backward differentiates.
        LayerGradientCheck.check(new SpectralNorm(new Dense(5, 3)), new long[] {4, 5}, false, 11);
        LayerGradientCheck.check(new SpectralNorm(new Conv2d(2, 3, 3, 2, 1, true)), new long[] {2, 5, 5, 2}, false, 12);
        LayerGradientCheck.check(new SpectralNorm(new Conv2d(1, 3, 4, 2, 1, false)), new long[] {2, 6, 6, 1}, false, 13);
    }

    @Test
    void trainingModeGradientsMatchFiniteDifferencesOnceThePowerIterationHasConverged() {
        SplittableRandom rng = new SplittableRandom(5);
        Network net = new Network(List.of(new SpectralNorm(new Conv2d(2, 3, 3, 1, 1, true))), DataType.DOUBLE);
        double[] p = LayerGradientCheck.gaussian(rng, (int) net.numParams(), 0.5);
        net.setParams(FlatVector.wrap(p));
        INDArray x = LayerGradientCheck.array(LayerGradientCheck.gaussian(rng, 2 * 4 * 4 * 2, 1.0), 2, 4, 4, 2);
        for (int i = 0; i < 500; i++) net.forward(x, true);
        FlatVector converged = net.bufferCopy();
        INDArray r = LayerGradientCheck.array(LayerGradientCheck.gaussian(rng, 2 * 4 * 4 * 3, 1.0), 2, 4, 4, 3);

        net.zeroGradients();
        net.forward(x, true);
        net.backward(r, true);
        INDArray analytic = net.gradients().dup();
        for (int i = 0; i < p.length; i++) {
            double orig = p[i];
            p[i] = orig + LayerGradientCheck.H;
            double up = lossFrom(net, p, converged, x, r);
            p[i] = orig - LayerGradientCheck.H;
            double down = lossFrom(net, p, converged, x, r);
            p[i] = orig;
            LayerGradientCheck.assertGradient("parameter " + i, analytic.getDouble(i),
                    (up - down) / (2 * LayerGradientCheck.H), "training-mode SpectralNorm");
        }
    }

    private static double lossFrom(Network net, double[] p, FlatVector buffers, INDArray x, INDArray r) {
        net.setParams(FlatVector.wrap(p));
        net.setBuffers(buffers);
        return net.forward(x, true).mul(r).sumNumber().doubleValue();
    }

    @Test
    void sigmaConvergesToTheLargestSingularValueAndTheLayerComputesWithWOverSigma() {
        SplittableRandom rng = new SplittableRandom(7);
        SpectralNorm sn = new SpectralNorm(new Dense(6, 4, false));
        Network net = new Network(List.of(sn), DataType.DOUBLE);
        double[] p = LayerGradientCheck.gaussian(rng, 24, 1.0);
        net.setParams(FlatVector.wrap(p));
        INDArray x = LayerGradientCheck.array(LayerGradientCheck.gaussian(rng, 3 * 6, 1.0), 3, 6);
        for (int i = 0; i < 300; i++) net.forward(x, true);

        // Dense stores W [in=6, out=4] in Fortran order: p[i + 6 j] = W[i][j].
        double[][] w = new double[6][4];
        for (int i = 0; i < 6; i++) for (int j = 0; j < 4; j++) w[i][j] = p[i + 6 * j];
        double largest = new SingularValueDecomposition(new Array2DRowRealMatrix(w)).getSingularValues()[0];
        assertEquals(largest, sn.lastSigma(), 1e-10 * largest);

        INDArray y = net.forward(x, false);
        for (int n = 0; n < 3; n++) {
            for (int j = 0; j < 4; j++) {
                double expected = 0;
                for (int i = 0; i < 6; i++) expected += x.getDouble(n, i) * w[i][j] / largest;
                assertEquals(expected, y.getDouble(n, j), 1e-9, "output " + n + "," + j);
            }
        }
    }

    @Test
    void eachTrainingPassTakesOnePowerIterationStepFromTheStoredVectorsAndEvalPassesTakeNone() {
        SplittableRandom rng = new SplittableRandom(9);
        Network net = new Network(List.of(new SpectralNorm(new Dense(3, 2, true))), DataType.DOUBLE);
        double[] p = LayerGradientCheck.gaussian(rng, (int) net.numParams(), 1.0);
        net.setParams(FlatVector.wrap(p));
        // Matrix as the layer sees it: C order of the flat weight prefix, [rows = out = 2, cols = in = 3].
        double[][] m = {{p[0], p[1], p[2]}, {p[3], p[4], p[5]}};
        double[] b = net.buffers().dup().data().asDouble(); // u (2) then v (3): unit start vectors
        double[] u = {b[0], b[1]};
        assertEquals(1.0, Math.hypot(u[0], u[1]), 1e-12, "u starts as a unit vector");
        INDArray x = LayerGradientCheck.array(LayerGradientCheck.gaussian(rng, 6, 1.0), 2, 3);

        for (int step = 0; step < 3; step++) {
            double[] v = unit(new double[] {
                    m[0][0] * u[0] + m[1][0] * u[1], m[0][1] * u[0] + m[1][1] * u[1], m[0][2] * u[0] + m[1][2] * u[1]});
            double[] wv = {m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2], m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2]};
            u = unit(wv);
            net.forward(x, true);
            double[] state = net.buffers().dup().data().asDouble();
            double[] expected = {u[0], u[1], v[0], v[1], v[2]};
            for (int i = 0; i < 5; i++) assertEquals(expected[i], state[i], 1e-12, "step " + step + " buffer " + i);
        }
        FlatVector before = net.bufferCopy();
        net.forward(x, false);
        assertEquals(before.toArray(), net.buffers(), "an eval pass must not move u and v");
    }

    @Test
    void refusesZeroWeightsWithAMessageNamingTheLayer() {
        Network net = new Network(List.of(new SpectralNorm(new Dense(2, 2, false))), DataType.DOUBLE);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> net.forward(LayerGradientCheck.array(new double[] {1, 2}, 1, 2), true));
        assertTrue(e.getMessage().contains("Dense(2->2"), e.getMessage());
    }

    private static double[] unit(double[] a) {
        double n = 0;
        for (double x : a) n += x * x;
        n = Math.sqrt(n) + SpectralNorm.EPS;
        double[] o = new double[a.length];
        for (int i = 0; i < a.length; i++) o[i] = a[i] / n;
        return o;
    }
}
