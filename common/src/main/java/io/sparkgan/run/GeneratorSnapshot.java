package io.sparkgan.run;

import io.sparkgan.gan.GanStep;
import io.sparkgan.model.GanModelSpec;
import io.sparkgan.nn.FlatVector;
import io.sparkgan.rng.RngStream;
import io.sparkgan.train.TrainingState;
import java.io.Serializable;

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
        return sampling(spec, state.thetaG(), state.generatorAverage(), state.buffersG(), state.buffersD(), seed);
    }

    /** The generator to sample with of a finished run. */
    public static GeneratorSnapshot of(GanModelSpec spec, Checkpoint checkpoint, long seed) {
        return sampling(spec, checkpoint.thetaG(), checkpoint.generatorAverage(), checkpoint.buffersG(),
                checkpoint.buffersD(), seed);
    }

    /** The last trained generator of a run, ignoring any moving average (to compare the two). */
    public static GeneratorSnapshot live(GanModelSpec spec, Checkpoint checkpoint) {
        return new GeneratorSnapshot(spec, checkpoint.thetaG().copy(), checkpoint.buffersG().copy(),
                checkpoint.buffersD().copy());
    }

    private static GeneratorSnapshot sampling(GanModelSpec spec, FlatVector thetaG, FlatVector average,
                                              FlatVector buffersG, FlatVector buffersD, long seed) {
        if (average == null) return new GeneratorSnapshot(spec, thetaG.copy(), buffersG.copy(), buffersD.copy());
        FlatVector statistics = buffersG.length() == 0 ? buffersG.copy()
                : new GanStep(spec).standingGeneratorStatistics(average, RngStream.STANDING_STATISTICS.at(seed),
                        STATISTICS_BATCHES, STATISTICS_BATCH_SIZE);
        return new GeneratorSnapshot(spec, average.copy(), statistics, buffersD.copy());
    }
}
