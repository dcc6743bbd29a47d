package io.sparkgan.run;

import io.sparkgan.rng.LatentPrior;
import io.sparkgan.rng.ClassPrior;
import io.sparkgan.gan.GanStep;
import io.sparkgan.model.GanModelSpec;
import io.sparkgan.nn.FlatVector;
import io.sparkgan.rng.RngStream;
import io.sparkgan.train.TrainingState;
import java.io.Serializable;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What it takes to generate images: the model, the generator parameters to sample with (the
 * moving average when one is kept) and both networks' batch-norm running statistics. The moving
 * average is sampled with its own standing statistics (recomputed for its parameters from the
 * seed's STANDING_STATISTICS stream, with latents from the sampling prior), not with the live
 * generator's.
 *
 * @param spec the model
 * @param theta the generator parameters sampled with
 * @param buffersG G's batch-norm running statistics (standing statistics for a moving average)
 * @param buffersD D's buffers
 * @param prior the distribution latent vectors are drawn from ({@link LatentPrior#STANDARD} unless
 *              {@code samples.truncation} is set)
 * @param classPrior a self-conditioned generator's cluster frequencies, which the classes of its
 *              samples are drawn from; null for an unconditional generator and for one conditioned on
 *              the data's labels (asked for every class equally often: image i of class i mod K)
 */
public record GeneratorSnapshot(GanModelSpec spec, FlatVector theta, FlatVector buffersG, FlatVector buffersD,
                                LatentPrior prior, ClassPrior classPrior) implements Serializable {
    /** Latent batches, and their size, that the moving average's batch-norm statistics are recomputed over. */
    static final int STATISTICS_BATCHES = 16;
    static final int STATISTICS_BATCH_SIZE = 64;

    /** The generator to sample with of a training state (copies, so training may go on), latents from N(0, I). */
    public static GeneratorSnapshot of(GanModelSpec spec, TrainingState state, long seed) {
        return of(spec, state, seed, LatentPrior.STANDARD);
    }

    /** The generator to sample with of a training state, latents from {@code prior}. */
    public static GeneratorSnapshot of(GanModelSpec spec, TrainingState state, long seed, LatentPrior prior) {
        return of(spec, state, seed, prior, null);
    }

    /**
     * The generator to sample with of a training state.
     *
     * @param spec the model
     * @param state the trainer's state (copied)
     * @param seed the run's seed (standing statistics)
     * @param prior the latent distribution
     * @param classPrior a self-conditioned model's cluster frequencies, or null
     */
    public static GeneratorSnapshot of(GanModelSpec spec, TrainingState state, long seed, LatentPrior prior,
                                       ClassPrior classPrior) {
        return of(() -> new GanStep(spec), spec, state, seed, prior, classPrior);
    }

    /** As {@link #of(GanModelSpec, TrainingState, long, LatentPrior, ClassPrior)}, recomputing statistics with the caller's networks. */
    public static GeneratorSnapshot of(GanStep step, TrainingState state, long seed, LatentPrior prior,
                                       ClassPrior classPrior) {
        return of(() -> step, step.spec(), state, seed, prior, classPrior);
    }

    /** The generator to sample with of a finished run, latents from N(0, I). */
    public static GeneratorSnapshot of(GanModelSpec spec, Checkpoint checkpoint, long seed) {
        return of(spec, checkpoint, seed, LatentPrior.STANDARD);
    }

    /** The generator to sample with of a finished run, latents from {@code prior}. */
    public static GeneratorSnapshot of(GanModelSpec spec, Checkpoint checkpoint, long seed, LatentPrior prior) {
        return of(() -> new GanStep(spec), spec, checkpoint, seed, prior);
    }

    /** As {@link #of(GanModelSpec, Checkpoint, long, LatentPrior)}, recomputing statistics with the caller's networks. */
    public static GeneratorSnapshot of(GanStep step, Checkpoint checkpoint, long seed, LatentPrior prior) {
        return of(() -> step, step.spec(), checkpoint, seed, prior);
    }

    private static GeneratorSnapshot of(Supplier<GanStep> step, GanModelSpec spec, TrainingState state, long seed,
                                        LatentPrior prior, ClassPrior classPrior) {
        return sampling(step, spec, state.thetaG(), state.generatorAverage(), state.buffersG(), state.buffersD(), seed,
                prior, classPrior);
    }

    /** A checkpoint's class prior comes with it: its clusters' counts, if it is self-conditioned. */
    private static GeneratorSnapshot of(Supplier<GanStep> step, GanModelSpec spec, Checkpoint checkpoint, long seed,
                                        LatentPrior prior) {
        return sampling(step, spec, checkpoint.thetaG(), checkpoint.generatorAverage(), checkpoint.buffersG(),
                checkpoint.buffersD(), seed, prior, checkpoint.clusters() == null ? null : checkpoint.clusters().prior());
    }

    /**
     * Batch-norm statistics are recomputed ("standing statistics") for a moving average, whose
     * parameters never ran in training, and for a truncated prior, whose smaller latents would
     * otherwise be normalised with N(0, I)'s statistics and shrunk towards one average image
     * (measured: docs/quality.md, latent truncation). Otherwise the training's running statistics stay.
     */
    private static GeneratorSnapshot sampling(Supplier<GanStep> step, GanModelSpec spec, FlatVector thetaG,
                                              FlatVector average, FlatVector buffersG, FlatVector buffersD, long seed,
                                              LatentPrior prior, ClassPrior classPrior) {
        FlatVector theta = average != null ? average : thetaG;
        boolean recompute = buffersG.length() > 0 && (average != null || prior.truncated());
        FlatVector statistics = recompute
                ? step.get().standingGeneratorStatistics(theta, RngStream.STANDING_STATISTICS.at(seed),
                        STATISTICS_BATCHES, STATISTICS_BATCH_SIZE, prior, classPrior)
                : buffersG.copy();
        return new GeneratorSnapshot(spec, theta.copy(), statistics, buffersD.copy(), prior, classPrior);
    }

    /** {@code rows} latent vectors from this generator's prior, drawn in order from {@code rng}. */
    public INDArray latents(SplittableRandom rng, int rows) {
        return prior.draw(rng, rows, spec.latentDim(), spec.dataType());
    }

    /**
     * The classes asked of this generator for images {@code first, first + 1, ...} of a sample set
     * ({@code rows} of them): drawn from the class prior with {@code rng} for a self-conditioned G,
     * i mod K for a G conditioned on the data's labels, null for an unconditional one.
     */
    public int[] classes(SplittableRandom rng, long first, int rows) {
        if (spec.classes() == 0) return null;
        if (classPrior != null) return classPrior.draw(rng, rows);
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) labels[i] = (int) ((first + i) % spec.classes());
        return labels;
    }

    /** Whether the generator's classes are self-conditioning clusters rather than the data's labels. */
    public boolean selfConditioned() {
        return classPrior != null;
    }

    /** This generator's examples for latent rows {@code z}, computed with {@code step}'s networks, as rows of floats. */
    public float[] generate(GanStep step, INDArray z) {
        step.setBuffers(buffersG, buffersD);
        return step.generate(theta, z).castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    /**
     * This generator's examples of the classes {@code labels} for latent rows {@code z}, as rows of floats.
     *
     * @param step the networks to compute with
     * @param z latent rows [n, latent]
     * @param labels one class per row in [0, K) (null: unconditional, or a conditional G's classes i mod K)
     */
    public float[] generate(GanStep step, INDArray z, int[] labels) {
        if (labels == null) return generate(step, z);
        step.setBuffers(buffersG, buffersD);
        return step.generate(theta, z, labels).castTo(DataType.FLOAT).dup('c').data().asFloat();
    }
}
