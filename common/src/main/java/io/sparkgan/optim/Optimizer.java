package io.sparkgan.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.SgdUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * ND4J's updaters (the native adam_updater op) applied in place to a flat parameter vector, with
 * their state in ONE flat vector so the driver can ship, average and checkpoint it. Not thread safe.
 */
public final class Optimizer {
    private final OptimizerSettings settings;
    private final long numParams;
    private final INDArray state;
    private final GradientUpdater<?> updater;
    private int iteration;

    /** A fresh optimiser (zero state, iteration 0) for {@code numParams} parameters. */
    public Optimizer(OptimizerSettings settings, long numParams, org.nd4j.linalg.api.buffer.DataType dataType) {
        this.settings = settings;
        this.numParams = numParams;
        long stateLength = settings.stateValuesPerParameter() * numParams;
        this.state = stateLength == 0 ? null : Nd4j.zeros(dataType, 1, stateLength);
        if (settings.type() == OptimizerSettings.Type.ADAM) {
            AdamUpdater adam = new AdamUpdater(new Adam(settings.learningRate(), settings.beta1(), settings.beta2(),
                    settings.epsilon()));
            adam.setStateViewArray(state, new long[] {numParams}, 'c', true);
            this.updater = adam;
        } else {
            this.updater = new SgdUpdater(new Sgd(settings.learningRate()));
        }
    }

    /**
     * One step: {@code params -= update(meanGradient)}. {@code meanGradient} is overwritten
     * (the updater turns it into the update in place).
     */
    public void step(INDArray params, INDArray meanGradient) {
        if (meanGradient.length() != numParams || params.length() != numParams) {
            throw new IllegalArgumentException("optimizer built for " + numParams + " parameters, got params "
                    + params.length() + " and gradient " + meanGradient.length());
        }
        INDArray g = meanGradient.reshape(numParams);
        updater.applyUpdater(g, iteration, 0);
        params.reshape(numParams).subi(g);
        iteration++;
    }

    /** Sets the learning rate used by following steps (schedules are applied by the trainer). */
    public void setLearningRate(double learningRate) {
        updater.getConfig().setLrAndSchedule(learningRate, null);
    }

    /** Number of steps taken (Adam's bias correction depends on it). */
    public int iteration() {
        return iteration;
    }

    public void setIteration(int iteration) {
        this.iteration = iteration;
    }

    /** The flat state vector (live), or null for a stateless optimiser such as SGD. */
    public INDArray state() {
        return state;
    }

    /** Replaces the state values (same length) and the iteration count. */
    public void restore(INDArray newState, int newIteration) {
        if (state != null) {
            if (newState == null || newState.length() != state.length()) {
                throw new IllegalArgumentException("optimizer state has " + (newState == null ? 0 : newState.length())
                        + " values, expected " + state.length());
            }
            state.assign(newState.reshape(state.shape()));
        }
        this.iteration = newIteration;
    }

    public OptimizerSettings settings() {
        return settings;
    }
}
