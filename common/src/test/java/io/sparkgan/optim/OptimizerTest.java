package io.sparkgan.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class OptimizerTest {

    @Test
    void adamMatchesTheTextbookUpdateOverSeveralSteps() {
        double lr = 0.01;
        double b1 = 0.5;
        double b2 = 0.999;
        double eps = 1e-8;
        Optimizer adam = new Optimizer(new OptimizerSettings(OptimizerSettings.Type.ADAM, lr, b1, b2, eps), 3,
                DataType.DOUBLE);
        INDArray params = Nd4j.createFromArray(1.0, -2.0, 0.5);
        double[] expected = {1.0, -2.0, 0.5};
        double[] m = new double[3];
        double[] v = new double[3];
        double[][] grads = {{0.3, -1.0, 2.0}, {0.1, -0.5, -1.0}, {-0.2, 0.2, 0.0}};
        for (int t = 1; t <= grads.length; t++) {
            adam.step(params, Nd4j.createFromArray(grads[t - 1].clone()));
            for (int i = 0; i < 3; i++) {
                double g = grads[t - 1][i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                // ND4J folds the bias corrections into the step size: eps is added to sqrt(v), not sqrt(v_hat).
                double alpha = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
                expected[i] -= alpha * m[i] / (Math.sqrt(v[i]) + eps);
            }
        }
        for (int i = 0; i < 3; i++) assertEquals(expected[i], params.getDouble(i), 1e-10, "parameter " + i);
        assertEquals(3, adam.iteration());
    }

    @Test
    void sgdSubtractsTheScaledGradient() {
        Optimizer sgd = new Optimizer(new OptimizerSettings(OptimizerSettings.Type.SGD, 0.1, 0, 0, 1), 2, DataType.DOUBLE);
        INDArray params = Nd4j.createFromArray(1.0, 2.0);
        sgd.step(params, Nd4j.createFromArray(1.0, -3.0));
        assertEquals(0.9, params.getDouble(0), 1e-12);
        assertEquals(2.3, params.getDouble(1), 1e-12);
    }
}
