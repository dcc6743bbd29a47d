package io.sparkgan.train;

import io.sparkgan.gan.GanLoss;
import io.sparkgan.optim.OptimizerSettings;
import java.io.Serializable;
import io.sparkgan.util.EnumNames;

/**
 * How the game is played; everything a task needs besides parameters and data.
 *
 * @param seed master seed; every random stream derives from it
 * @param rounds rounds to train (a round = criticSteps D phases, then one G phase)
 * @param batchPerPartition examples each partition draws per minibatch (global batch = partitions x this)
 * @param criticSteps D phases per round (n_critic)
 * @param mode SYNC (gradient averaging, equal to one machine with the global batch) or AVERAGE
 *     (each partition takes localSteps optimiser steps; parameters and optimiser state are averaged)
 * @param localSteps local minibatch steps per phase in AVERAGE mode (must be 1 in SYNC mode)
 * @param loss the GAN objective
 * @param labelSmoothing one-sided: real examples get target 1 - labelSmoothing in D's loss
 * @param lrDecayStart fraction of the rounds after which learning rates decay linearly (1 = constant)
 * @param lrFinalFraction learning-rate multiplier reached at the last round when decaying
 * @param generatorEmaDecay decay of the moving average of G's parameters used for sampling (0 = off)
 * @param generatorEmaStart fraction of the rounds before which the moving average just follows G
 *     (it starts averaging at round generatorEmaStart x rounds; 0 = from the first round)
 * @param r1Gamma weight of the zero-centred gradient penalty on real data in D's loss (R1; 0 = off)
 * @param generatorOptimizer G's optimiser
 * @param discriminatorOptimizer D's optimiser
 */
public record TrainingSettings(long seed, int rounds, int batchPerPartition, int criticSteps, Mode mode,
                               int localSteps, GanLoss loss, double labelSmoothing,
                               double lrDecayStart, double lrFinalFraction, double generatorEmaDecay,
                               double generatorEmaStart, double r1Gamma, OptimizerSettings generatorOptimizer, OptimizerSettings discriminatorOptimizer)
        implements Serializable {

    public enum Mode {
        SYNC, AVERAGE;

        public static Mode parse(String s) {
            return EnumNames.parse(Mode.class, s, "mode");
        }
    }

    /** Steps each partition takes per phase: 1 in sync mode. */
    public int stepsPerPhase() {
        return mode == Mode.SYNC ? 1 : localSteps;
    }

    /** Learning-rate multiplier of 0-based round {@code round}. */
    public double learningRateScale(int round) {
        double decayFrom = lrDecayStart * rounds;
        if (lrDecayStart >= 1.0 || round < decayFrom) return 1.0;
        double progress = (round - decayFrom) / Math.max(1.0, rounds - 1 - decayFrom);
        return 1.0 - Math.min(1.0, progress) * (1.0 - lrFinalFraction);
    }

    /**
     * Decay of G's moving average after 0-based round {@code round}: 0 (the average is set to G)
     * before the averaging starts, so it averages only the generators of the late rounds.
     */
    public double generatorEmaDecayAt(int round) {
        return round < generatorEmaStart * rounds ? 0.0 : generatorEmaDecay;
    }

    public OptimizerSettings optimizerFor(io.sparkgan.gan.Phase phase) {
        return phase == io.sparkgan.gan.Phase.DISCRIMINATOR ? discriminatorOptimizer : generatorOptimizer;
    }
}
