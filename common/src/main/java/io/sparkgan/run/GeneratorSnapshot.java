package io.sparkgan.run;

import io.sparkgan.gan.GanStep;
import io.sparkgan.model.GanModelSpec;
import io.sparkgan.nn.FlatVector;
import io.sparkgan.rng.RngStream;
import io.sparkgan.train.TrainingState;
import java.io.Serializable;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What it takes to generate images: the model, the generator parameters to sample with (the
 * moving average when one is kept) and both networks' batch-norm running statistics. The moving
 * average is sampled with its own standing statistics (recomputed for its parameters from the
 * seed's STANDING_STATISTICS stream), not with the live generator's.
 */
public record GeneratorSnapshot(GanModelSpec spec, FlatVector theta, FlatVector buffersG, FlatVector buffersD)
        implements Serializable {
    /** Latent batches, and their size, that the moving average's batch-norm statistics are recomputed over. */
    static final int STATISTICS_BATCHES = 16;
    static final int STATISTICS_BATCH_SIZE = 64;

    /** The generator to sample with of a training state (copies, so training may go on). */
    public static GeneratorSnapshot of(GanModelSpec spec, TrainingState state, long seed) {
        return of(() -> new GanStep(spec), spec, state, seed);
    }

    /** As {@link #of(GanModelSpec, TrainingState, long)}, recomputing statistics with the caller's networks. */
    public static GeneratorSnapshot of(GanStep step, TrainingState state, long seed) {
        return of(() -> step, step.spec(), state, seed);
    }

    /** The generator to sample with of a finished run. */
    public static GeneratorSnapshot of(GanModelSpec spec, Checkpoint checkpoint, long seed) {
        return of(() -> new GanStep(spec), spec, checkpoint, seed);
    }

    /** As {@link #of(GanModelSpec, Checkpoint, long)}, recomputing statistics with the caller's networks. */
    public static GeneratorSnapshot of(GanStep step, Checkpoint checkpoint, long seed) {
        return of(() -> step, step.spec(), checkpoint, seed);
    }

    private static GeneratorSnapshot of(Supplier<GanStep> step, GanModelSpec spec, TrainingState state, long seed) {
        return sampling(step, spec, state.thetaG(), state.generatorAverage(), state.buffersG(), state.buffersD(), seed);
    }

    private static GeneratorSnapshot of(Supplier<GanStep> step, GanModelSpec spec, Checkpoint checkpoint, long seed) {
        return sampling(step, spec, checkpoint.thetaG(), checkpoint.generatorAverage(), checkpoint.buffersG(),
                checkpoint.buffersD(), seed);
    }

    private static GeneratorSnapshot sampling(Supplier<GanStep> step, GanModelSpec spec, FlatVector thetaG,
                                              FlatVector average, FlatVector buffersG, FlatVector buffersD, long seed) {
        if (average == null) return new GeneratorSnapshot(spec, thetaG.copy(), buffersG.copy(), buffersD.copy());
        FlatVector statistics = buffersG.length() == 0 ? buffersG.copy()
                : step.get().standingGeneratorStatistics(average, RngStream.STANDING_STATISTICS.at(seed),
                        STATISTICS_BATCHES, STATISTICS_BATCH_SIZE);
        return new GeneratorSnapshot(spec, average.copy(), statistics, buffersD.copy());
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
