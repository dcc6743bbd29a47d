package io.sparkgan.train;

import io.sparkgan.gan.GanLoss;
import io.sparkgan.nn.VectorEncoding;
import io.sparkgan.optim.OptimizerSettings;
import io.sparkgan.rng.ClassPrior;
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
 * @param resultEncoding how tasks send their results: FLOAT32 as computed, or a 16-bit encoding
 *     (gradients in sync mode, parameter and optimiser-state changes in average mode) that the
 *     driver decodes and accumulates in float
 * @param aggregation how the driver gathers the tasks' results on Spark (AUTO: direct up to 8 partitions,
 *     a tree beyond; SLICED: reduce-scatter over the shuffle); no effect on threads or the reference trainer
 * @param classPrior what generated examples' classes are drawn from in class-conditional training:
 *     null = uniform over the K classes; a self-conditioned model's cluster frequencies otherwise
 * @param computeStandIn benchmarks only: a wait that replaces every task's gradient computation
 *     ({@code sparkgan bench rounds --compute-stand-in-ms}); null (always, outside bench) = real computation
 */
public record TrainingSettings(long seed, int rounds, int batchPerPartition, int criticSteps, Mode mode,
                               int localSteps, GanLoss loss, double labelSmoothing,
                               double lrDecayStart, double lrFinalFraction, double generatorEmaDecay,
                               double generatorEmaStart, double r1Gamma, OptimizerSettings generatorOptimizer, OptimizerSettings discriminatorOptimizer,
                               VectorEncoding resultEncoding, ResultAggregation aggregation, ClassPrior classPrior,
                               ComputeStandIn computeStandIn)
        implements Serializable {

    public TrainingSettings {
        java.util.Objects.requireNonNull(resultEncoding, "resultEncoding (VectorEncoding.FLOAT32: as computed)");
        java.util.Objects.requireNonNull(aggregation, "aggregation (ResultAggregation.AUTO: today's choice)");
    }

    public enum Mode {
        SYNC, AVERAGE;

        public static Mode parse(String s) {
            return EnumNames.parse(Mode.class, s, "mode");
        }
    }

    /** A builder with every value unset (zero, null): set each by name, then {@link Builder#build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Named setters instead of 15 positional arguments; adding a setting adds one setter here. */
    public static final class Builder {
        private long seed;
        private int rounds;
        private int batchPerPartition;
        private int criticSteps;
        private Mode mode;
        private int localSteps;
        private GanLoss loss;
        private double labelSmoothing;
        private double lrDecayStart;
        private double lrFinalFraction;
        private double generatorEmaDecay;
        private double generatorEmaStart;
        private double r1Gamma;
        private OptimizerSettings generatorOptimizer;
        private OptimizerSettings discriminatorOptimizer;
        private VectorEncoding resultEncoding = VectorEncoding.FLOAT32;
        private ResultAggregation aggregation = ResultAggregation.AUTO;

        private Builder() {}

        public Builder seed(long v) { seed = v; return this; }
        public Builder rounds(int v) { rounds = v; return this; }
        public Builder batchPerPartition(int v) { batchPerPartition = v; return this; }
        public Builder criticSteps(int v) { criticSteps = v; return this; }
        public Builder mode(Mode v) { mode = v; return this; }
        public Builder localSteps(int v) { localSteps = v; return this; }
        public Builder loss(GanLoss v) { loss = v; return this; }
        public Builder labelSmoothing(double v) { labelSmoothing = v; return this; }
        public Builder lrDecayStart(double v) { lrDecayStart = v; return this; }
        public Builder lrFinalFraction(double v) { lrFinalFraction = v; return this; }
        public Builder generatorEmaDecay(double v) { generatorEmaDecay = v; return this; }
        public Builder generatorEmaStart(double v) { generatorEmaStart = v; return this; }
        public Builder r1Gamma(double v) { r1Gamma = v; return this; }
        public Builder generatorOptimizer(OptimizerSettings v) { generatorOptimizer = v; return this; }
        public Builder discriminatorOptimizer(OptimizerSettings v) { discriminatorOptimizer = v; return this; }
        /** FLOAT32 unless set. */
        public Builder resultEncoding(VectorEncoding v) { resultEncoding = v; return this; }
        /** AUTO unless set. */
        public Builder aggregation(ResultAggregation v) { aggregation = v; return this; }

        public TrainingSettings build() {
            return new TrainingSettings(seed, rounds, batchPerPartition, criticSteps, mode, localSteps, loss,
                    labelSmoothing, lrDecayStart, lrFinalFraction, generatorEmaDecay, generatorEmaStart, r1Gamma,
                    generatorOptimizer, discriminatorOptimizer, resultEncoding, aggregation, null, null);
        }
    }

    /** These settings with generated examples' classes drawn from {@code prior} (null: uniform). */
    public TrainingSettings withClassPrior(ClassPrior prior) {
        return new TrainingSettings(seed, rounds, batchPerPartition, criticSteps, mode, localSteps, loss, labelSmoothing,
                lrDecayStart, lrFinalFraction, generatorEmaDecay, generatorEmaStart, r1Gamma, generatorOptimizer,
                discriminatorOptimizer, resultEncoding, aggregation, prior, computeStandIn);
    }

    /**
     * These settings with every task's gradient computation replaced by {@code standIn}'s wait (null:
     * real computation). Only {@code sparkgan bench rounds} sets one; training refuses it
     * ({@link ComputeStandIn#refuse}).
     */
    public TrainingSettings withComputeStandIn(ComputeStandIn standIn) {
        return new TrainingSettings(seed, rounds, batchPerPartition, criticSteps, mode, localSteps, loss, labelSmoothing,
                lrDecayStart, lrFinalFraction, generatorEmaDecay, generatorEmaStart, r1Gamma, generatorOptimizer,
                discriminatorOptimizer, resultEncoding, aggregation, classPrior, standIn);
    }

    /** These settings with the tasks' results gathered by {@code aggregation} (Spark only). */
    public TrainingSettings withAggregation(ResultAggregation aggregation) {
        return new TrainingSettings(seed, rounds, batchPerPartition, criticSteps, mode, localSteps, loss, labelSmoothing,
                lrDecayStart, lrFinalFraction, generatorEmaDecay, generatorEmaStart, r1Gamma, generatorOptimizer,
                discriminatorOptimizer, resultEncoding, aggregation, classPrior, computeStandIn);
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
