package io.sparkgan.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.config.GanConfig;
import io.sparkgan.data.BatchSampler;
import io.sparkgan.gan.GanStep;
import io.sparkgan.model.DcganSpec;
import io.sparkgan.model.GanModelSpec;
import io.sparkgan.nn.FlatVector;
import io.sparkgan.rng.RngStream;
import io.sparkgan.train.TrainingState;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The exported DL4J generator computes what ours computes (within 1e-5) on the same z, for the
 * MLP and the convolutional families, with non-trivial batch-norm statistics, also after a
 * ModelSerializer round trip.
 */
class Dl4jGeneratorTest {
    @TempDir
    Path dir;

    private void assertSameOutputs(GanModelSpec spec) throws Exception {
        GanConfig cfg = GanConfig.load("ring8", Map.of());
        TrainingState state = TrainingState.initial(spec, cfg.training());
        FlatVector buffers = state.buffersG().copy();
        // Running statistics as after training, not the initial 0 / 1, so the export must carry them.
        SplittableRandom rng = new SplittableRandom(7);
        float[] b = buffers.floats();
        for (int i = 0; i < b.length; i++) b[i] = (float) (0.5 + rng.nextDouble());
        // Weights larger than the N(0, 0.02) initialisation, so outputs spread over (-1, 1) and a
        // mismatch cannot hide under 1e-5.
        float[] theta = state.thetaG().floats();
        for (int i = 0; i < theta.length; i++) theta[i] = (float) (0.15 * rng.nextGaussian());
        GanStep step = new GanStep(spec);
        step.setBuffers(buffers, state.buffersD());
        INDArray z = BatchSampler.latent(RngStream.SAMPLING.at(3), 16, spec.latentDim(), DataType.FLOAT);
        INDArray ours = step.generate(state.thetaG(), z).castTo(DataType.FLOAT);

        MultiLayerNetwork net = Dl4jGenerator.build(spec, state.thetaG(), buffers);
        INDArray theirs = Dl4jGenerator.generateRows(net, z);
        assertEquals(ours.shape()[1], theirs.shape()[1]);
        double diff = ours.sub(theirs).amaxNumber().doubleValue();
        assertTrue(diff <= 1e-5, spec.describe() + ": max |ours - DL4J| = " + diff);
        assertTrue(ours.std().getDouble(0) > 0.1, "outputs spread: std " + ours.std().getDouble(0));

        File file = dir.resolve("g.zip").toFile();
        Dl4jGenerator.save(net, file);
        MultiLayerNetwork loaded = org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(file, false);
        assertEquals(0.0, Dl4jGenerator.generateRows(loaded, z).sub(theirs).amaxNumber().doubleValue(), 0.0);
        assertEquals(spec.latentDim(), Dl4jGenerator.latentDim(loaded));
    }

    @Test
    void mlpGenerator() throws Exception {
        GanConfig cfg = GanConfig.load("ring8", Map.of("model.generator-output", "tanh"));
        assertSameOutputs(cfg.model().spec(2));
    }

    @Test
    void referenceDcganGenerator() throws Exception {
        assertSameOutputs(DcganSpec.reference(DataType.FLOAT));
    }

    @Test
    void radfordDcganGeneratorInColour() throws Exception {
        assertSameOutputs(DcganSpec.radford(16, 3, 20, 8, DataType.FLOAT));
    }
}
