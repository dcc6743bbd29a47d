package io.sparkgan.train;

import io.sparkgan.model.GanModelSpec;
import io.sparkgan.nn.Network;
import io.sparkgan.optim.Optimizer;
import io.sparkgan.rng.RngStream;
import io.sparkgan.nn.FlatVector;

/**
 * The driver's state between rounds: both networks' parameters and batch-norm running statistics,
 * both optimisers, rounds done, and the examples and training time so far.
 */
public final class TrainingState {
    private final FlatVector thetaG;
    private final FlatVector thetaD;
    private final FlatVector buffersG;
    private final FlatVector buffersD;
    private FlatVector generatorAverage;
    private final Optimizer generatorOptimizer;
    private final Optimizer discriminatorOptimizer;
    private int roundsDone;
    private TrainingProgress progress = TrainingProgress.START;

    public TrainingState(FlatVector thetaG, FlatVector thetaD, FlatVector buffersG, FlatVector buffersD,
                         Optimizer generatorOptimizer, Optimizer discriminatorOptimizer, int roundsDone) {
        this.thetaG = thetaG;
        this.thetaD = thetaD;
        this.buffersG = buffersG;
        this.buffersD = buffersD;
        this.generatorOptimizer = generatorOptimizer;
        this.discriminatorOptimizer = discriminatorOptimizer;
        this.roundsDone = roundsDone;
    }

    /** Fresh parameters initialised from the seed's G and D init streams, fresh optimisers. */
    public static TrainingState initial(GanModelSpec spec, TrainingSettings settings) {
        Network g = spec.buildGenerator();
        Network d = spec.buildDiscriminator();
        g.initialize(RngStream.GENERATOR_INIT.at(settings.seed()));
        d.initialize(RngStream.DISCRIMINATOR_INIT.at(settings.seed()));
        return new TrainingState(FlatVector.of(g.params()), FlatVector.of(d.params()), g.bufferCopy(), d.bufferCopy(),
                new Optimizer(settings.generatorOptimizer(), g.numParams(), spec.dataType()),
                new Optimizer(settings.discriminatorOptimizer(), d.numParams(), spec.dataType()), 0);
    }

    public FlatVector thetaG() {
        return thetaG;
    }

    public FlatVector thetaD() {
        return thetaD;
    }

    /** Generator's batch-norm running statistics: the mean over partitions after the last phase. */
    public FlatVector buffersG() {
        return buffersG;
    }

    /** Discriminator's batch-norm running statistics. */
    public FlatVector buffersD() {
        return buffersD;
    }

    /** Moving average of G's parameters (null when generator-ema-decay is 0). */
    public FlatVector generatorAverage() {
        return generatorAverage;
    }

    /** Folds the current G parameters into the moving average with decay {@code decay}. */
    void updateGeneratorAverage(double decay) {
        if (generatorAverage == null) {
            generatorAverage = thetaG.copy();
            return;
        }
        generatorAverage.scaleInPlace(decay).addScaled(thetaG, 1 - decay);
    }

    /** Restores the moving average from a checkpoint (null: none kept). */
    public void restoreGeneratorAverage(FlatVector average) {
        this.generatorAverage = average;
    }

    public Optimizer generatorOptimizer() {
        return generatorOptimizer;
    }

    public Optimizer discriminatorOptimizer() {
        return discriminatorOptimizer;
    }

    public int roundsDone() {
        return roundsDone;
    }

    void completeRound() {
        roundsDone++;
    }

    /** Examples seen and training time up to {@link #roundsDone()}. */
    public TrainingProgress progress() {
        return progress;
    }

    /** Restores the progress of a resumed run (from its checkpoint). */
    public void restoreProgress(TrainingProgress progress) {
        this.progress = java.util.Objects.requireNonNull(progress, "progress");
    }

    void recordProgress(TrainingProgress progress) {
        this.progress = progress;
    }
}
