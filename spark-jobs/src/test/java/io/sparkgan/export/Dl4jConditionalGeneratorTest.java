package io.sparkgan.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The exported class-conditional DL4J generator (z and the one-hot label in) computes what ours
 * computes (within 1e-5) for the same z and classes: conditional batch norm in the DCGAN (on rows
 * of 1x1 and on images), the class embedding in the MLP; also after a ModelSerializer round trip.
 */
class Dl4jConditionalGeneratorTest {
    private static final int N = 18;

    @TempDir
    Path dir;

    private void assertSameOutputs(GanModelSpec spec, double weightStd) throws Exception {
        GanConfig cfg = GanConfig.load("ring8", Map.of());
        TrainingState state = TrainingState.initial(spec, cfg.training());
        FlatVector buffers = state.buffersG().copy();
        // Running statistics as after training, not the initial 0 / 1, so the export must carry them.
        SplittableRandom rng = new SplittableRandom(7);
        float[] b = buffers.floats();
        for (int i = 0; i < b.length; i++) b[i] = (float) (0.5 + rng.nextDouble());
        // Random parameters, per-class gamma and beta included (initially 1 and 0 for every class,
        // when the label would change nothing), large enough that outputs spread over (-1, 1).
        float[] theta = state.thetaG().floats();
        for (int i = 0; i < theta.length; i++) theta[i] = (float) (weightStd * rng.nextGaussian());
        GanStep step = new GanStep(spec);
        step.setBuffers(buffers, state.buffersD());
        INDArray z = BatchSampler.latent(RngStream.SAMPLING.at(3), N, spec.latentDim(), DataType.FLOAT);
        int[] labels = new int[N];
        for (int i = 0; i < N; i++) labels[i] = (i * 7) % spec.classes();
        INDArray ours = step.generate(state.thetaG(), z, labels).castTo(DataType.FLOAT);

        ComputationGraph net = Dl4jConditionalGenerator.build(spec, state.thetaG(), buffers);
        INDArray theirs = Dl4jConditionalGenerator.generateRows(net, z, labels);
        assertEquals(ours.shape()[1], theirs.shape()[1]);
        double diff = ours.sub(theirs).amaxNumber().doubleValue();
        assertTrue(diff <= 1e-5, spec.describe() + ": max |ours - DL4J| = " + diff);
        assertTrue(ours.std().getDouble(0) > 0.1, "outputs spread: std " + ours.std().getDouble(0));
        int[] others = new int[N];
        for (int i = 0; i < N; i++) others[i] = (labels[i] + 1) % spec.classes();
        double moved = Dl4jConditionalGenerator.generateRows(net, z, others).sub(theirs).amaxNumber().doubleValue();
        assertTrue(moved > 0.01, "the class changes the output: max change " + moved);

        File file = dir.resolve("g.zip").toFile();
        ModelSerializer.writeModel(net, file, false);
        ComputationGraph loaded = ModelSerializer.restoreComputationGraph(file, false);
        assertEquals(0.0, Dl4jConditionalGenerator.generateRows(loaded, z, labels).sub(theirs).amaxNumber().doubleValue(),
                0.0);
        assertEquals(spec.latentDim(), Dl4jConditionalGenerator.latentDim(loaded));
        assertEquals(spec.classes(), Dl4jConditionalGenerator.classes(loaded));
    }

    @Test
    void dcganWithConditionalBatchNorm() throws Exception {
        assertSameOutputs(DcganSpec.radford(28, 1, 12, 8, DataType.FLOAT).withClasses(3), 0.3);
    }

    @Test
    void dcganWithConditionalBatchNormInColour() throws Exception {
        assertSameOutputs(DcganSpec.radford(16, 3, 10, 8, DataType.FLOAT).withClasses(4), 0.15);
    }

    @Test
    void mlpWithClassEmbedding() throws Exception {
        GanConfig cfg = GanConfig.load("ring8", Map.of("model.generator-output", "tanh", "model.conditional", "true",
                "train.r1-gamma", "0"));
        assertSameOutputs(cfg.model().spec(6, 5), 0.15);
    }

    @Test
    void unconditionalGeneratorsBelongToTheOtherExport() {
        GanModelSpec plain = DcganSpec.radford(16, 1, 10, 8, DataType.FLOAT);
        TrainingState state = TrainingState.initial(plain, GanConfig.load("ring8", Map.of()).training());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dl4jConditionalGenerator.build(plain, state.thetaG(), state.buffersG()));
        assertTrue(e.getMessage().contains("unconditional"), e.getMessage());
        GanModelSpec conditional = plain instanceof DcganSpec d ? d.withClasses(2) : null;
        TrainingState c = TrainingState.initial(conditional, GanConfig.load("ring8", Map.of()).training());
        UnsupportedOperationException u = assertThrows(UnsupportedOperationException.class,
                () -> Dl4jGenerator.build(conditional, c.thetaG(), c.buffersG()));
        assertTrue(u.getMessage().contains("label"), u.getMessage());
    }
}
