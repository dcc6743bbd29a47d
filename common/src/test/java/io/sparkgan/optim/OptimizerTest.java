package io.sparkgan.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkgan.nn.FlatVector;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class OptimizerTest {

    @Test
    void adamMatchesPyTorchsUpdateOverSeveralSteps() {
        double lr = 0.01;
        double b1 = 0.5;
        double b2 = 0.999;
        double eps = 1e-8;
        Optimizer adam = new Optimizer(new OptimizerSettings(OptimizerSettings.Type.ADAM, lr, b1, b2, eps), 3,
                DataType.DOUBLE);
        FlatVector params = FlatVector.wrap(new double[] {1.0, -2.0, 0.5});
        double[] expected = {1.0, -2.0, 0.5};
        double[] m = new double[3];
        double[] v = new double[3];
        double[][] gradSums = {{0.6, -2.0, 4.0}, {0.2, -1.0, -2.0}, {-0.4, 0.4, 0.0}};
        for (int t = 1; t <= gradSums.length; t++) {
            adam.step(params, FlatVector.wrap(gradSums[t - 1].clone()), 0.5);
            for (int i = 0; i < 3; i++) {
                double g = gradSums[t - 1][i] * 0.5;
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                expected[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
        }
        for (int i = 0; i < 3; i++) assertEquals(expected[i], params.get(i), 1e-12, "parameter " + i);
        assertEquals(3, adam.iteration());
    }

    @Test
    void floatAdamAgreesWithDoubleAdam() {
        OptimizerSettings s = new OptimizerSettings(OptimizerSettings.Type.ADAM, 1e-3, 0.9, 0.999, 1e-8);
        Optimizer f = new Optimizer(s, 2, DataType.FLOAT);
        Optimizer d = new Optimizer(s, 2, DataType.DOUBLE);
        FlatVector pf = FlatVector.wrap(new float[] {0.3f, -0.7f});
        FlatVector pd = FlatVector.wrap(new double[] {0.3f, -0.7f});
        for (int t = 0; t < 5; t++) {
            f.step(pf, FlatVector.wrap(new float[] {1f + t, -2f}), 1);
            d.step(pd, FlatVector.wrap(new double[] {1.0 + t, -2.0}), 1);
        }
        assertEquals(pd.get(0), pf.get(0), 1e-6);
        assertEquals(pd.get(1), pf.get(1), 1e-6);
    }

    @Test
    void sgdSubtractsTheScaledGradient() {
        Optimizer sgd = new Optimizer(new OptimizerSettings(OptimizerSettings.Type.SGD, 0.1, 0, 0, 1), 2, DataType.DOUBLE);
        FlatVector params = FlatVector.wrap(new double[] {1.0, 2.0});
        sgd.step(params, FlatVector.wrap(new double[] {2.0, -6.0}), 0.5);
        assertEquals(0.9, params.get(0), 1e-12);
        assertEquals(2.3, params.get(1), 1e-12);
    }
}
