package io.sparkgan.run;

import io.sparkgan.model.GanModelSpec;
import io.sparkgan.nn.FlatVector;
import io.sparkgan.train.TrainingState;
import java.io.Serializable;

/**
 * What it takes to generate images: the model, the generator parameters to sample with (the
 * moving average when one is kept) and both networks' batch-norm running statistics.
 */
public record GeneratorSnapshot(GanModelSpec spec, FlatVector theta, FlatVector buffersG, FlatVector buffersD)
        implements Serializable {

    /** The generator of a training state (copies, so training may go on). */
    public static GeneratorSnapshot of(GanModelSpec spec, TrainingState state) {
        FlatVector theta = state.generatorAverage() != null ? state.generatorAverage() : state.thetaG();
        return new GeneratorSnapshot(spec, theta.copy(), state.buffersG().copy(), state.buffersD().copy());
    }

    /** The generator of a finished run. */
    public static GeneratorSnapshot of(GanModelSpec spec, Checkpoint checkpoint) {
        return new GeneratorSnapshot(spec, checkpoint.samplingGenerator(), checkpoint.buffersG(), checkpoint.buffersD());
    }
}
