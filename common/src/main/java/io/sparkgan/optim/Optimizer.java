package io.sparkgan.optim;

import io.sparkgan.nn.FlatVector;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Adam or SGD on a flat parameter vector held in Java arrays, with its state (Adam's m and v, in
 * one vector m|v) ready to ship, average and checkpoint. Adam follows PyTorch's formula (the throughput
 * benchmark's peer): p -= lr * m_hat / (sqrt(v_hat) + eps). A plain Java loop: measured 0.2 ms for 0.5 M
 * parameters against 3.6 ms for ND4J's adam_updater op plus copies. Not thread safe.
 */
public final class Optimizer {
    private final OptimizerSettings settings;
    private final int numParams;
    private final FlatVector state;
    private double learningRate;
    private int iteration;

    /** A fresh optimiser (zero state, iteration 0) for {@code numParams} parameters. */
    public Optimizer(OptimizerSettings settings, long numParams, DataType dataType) {
        this.settings = settings;
        this.numParams = Math.toIntExact(numParams);
        int stateLength = settings.stateValuesPerParameter() * this.numParams;
        this.state = stateLength == 0 ? null : FlatVector.zeros(dataType, stateLength);
        this.learningRate = settings.learningRate();
    }

    /** One step with gradient {@code gradientSum * scale} (scale = 1 / examples turns a sum into a mean). */
    public void step(FlatVector params, FlatVector gradientSum, double scale) {
        if (params.length() != numParams || gradientSum.length() != numParams) {
            throw new IllegalArgumentException("optimizer built for " + numParams + " parameters, got params "
                    + params.length() + " and gradient " + gradientSum.length());
        }
        iteration++;
        if (settings.type() == OptimizerSettings.Type.SGD) {
            sgd(params, gradientSum, scale * learningRate);
        } else if (params.floats() != null) {
            adam(params.floats(), gradientSum.floats(), state.floats(), (float) scale);
        } else {
            adam(params.doubles(), gradientSum.doubles(), state.doubles(), scale);
        }
    }

    private static void sgd(FlatVector params, FlatVector gradient, double rate) {
        if (params.floats() != null) {
            float[] p = params.floats();
            float[] g = gradient.floats();
            float r = (float) rate;
            for (int i = 0; i < p.length; i++) p[i] -= r * g[i];
        } else {
            double[] p = params.doubles();
            double[] g = gradient.doubles();
            for (int i = 0; i < p.length; i++) p[i] -= rate * g[i];
        }
    }

    private void adam(float[] p, float[] g, float[] mv, float scale) {
        float b1 = (float) settings.beta1();
        float b2 = (float) settings.beta2();
        float eps = (float) settings.epsilon();
        float stepSize = (float) (learningRate / (1 - Math.pow(settings.beta1(), iteration)));
        float vCorrection = (float) (1 / Math.sqrt(1 - Math.pow(settings.beta2(), iteration)));
        int n = p.length;
        for (int i = 0; i < n; i++) {
            float gi = g[i] * scale;
            float m = mv[i] = b1 * mv[i] + (1 - b1) * gi;
            float v = mv[n + i] = b2 * mv[n + i] + (1 - b2) * gi * gi;
            p[i] -= stepSize * m / ((float) Math.sqrt(v) * vCorrection + eps);
        }
    }

    private void adam(double[] p, double[] g, double[] mv, double scale) {
        double b1 = settings.beta1();
        double b2 = settings.beta2();
        double eps = settings.epsilon();
        double stepSize = learningRate / (1 - Math.pow(b1, iteration));
        double vCorrection = 1 / Math.sqrt(1 - Math.pow(b2, iteration));
        int n = p.length;
        for (int i = 0; i < n; i++) {
            double gi = g[i] * scale;
            double m = mv[i] = b1 * mv[i] + (1 - b1) * gi;
            double v = mv[n + i] = b2 * mv[n + i] + (1 - b2) * gi * gi;
            p[i] -= stepSize * m / (Math.sqrt(v) * vCorrection + eps);
        }
    }

    /** Sets the learning rate of following steps (the trainer applies the schedule). */
    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    /** Number of steps taken (Adam's bias correction depends on it). */
    public int iteration() {
        return iteration;
    }

    /** The state vector m|v (live), or null for a stateless optimiser such as SGD. */
    public FlatVector state() {
        return state;
    }

    /** Replaces the state values (same length) and the iteration count. */
    public void restore(FlatVector newState, int newIteration) {
        if (state != null) {
            if (newState == null) throw new IllegalArgumentException("optimizer state missing; expected "
                    + state.length() + " values");
            state.assign(newState);
        }
        this.iteration = newIteration;
    }

    public OptimizerSettings settings() {
        return settings;
    }
}
