package io.sparkgan.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.config.GanConfig;
import io.sparkgan.gan.GanStep;
import io.sparkgan.model.DcganSpec;
import io.sparkgan.nn.FlatVector;
import io.sparkgan.rng.LatentPrior;
import io.sparkgan.rng.RngStream;
import io.sparkgan.train.TrainingState;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Which generator and which batch-norm statistics sampling uses. */
class GeneratorSnapshotTest {
    private final DcganSpec spec = DcganSpec.radford(32, 1, 8, 4, DataType.FLOAT);
    private final GanConfig cfg = GanConfig.parse("run.seed = 3");

    @Test
    void withoutAMovingAverageTheLiveGeneratorAndItsRunningStatisticsAreSampled() {
        TrainingState state = TrainingState.initial(spec, cfg.training());
        GeneratorSnapshot s = GeneratorSnapshot.of(spec, state, 3);
        assertArrayEquals(state.thetaG().floats(), s.theta().floats());
        assertArrayEquals(state.buffersG().floats(), s.buffersG().floats());
    }

    @Test
    void theMovingAverageIsSampledWithItsOwnStandingStatistics() {
        TrainingState state = TrainingState.initial(spec, cfg.training());
        FlatVector average = state.thetaG().copy().scaleInPlace(1.7); // a different network than the live G
        state.restoreGeneratorAverage(average);

        GeneratorSnapshot s = GeneratorSnapshot.of(spec, state, 3);
        assertArrayEquals(average.floats(), s.theta().floats(), "the average is what is sampled");
        assertFalse(Arrays.equals(state.buffersG().floats(), s.buffersG().floats()),
                "not the live generator's running statistics");
        assertArrayEquals(s.buffersG().floats(), GeneratorSnapshot.of(spec, state, 3).buffersG().floats(),
                "the same seed gives the same statistics");
        assertFalse(Arrays.equals(s.buffersG().floats(), GeneratorSnapshot.of(spec, state, 4).buffersG().floats()),
                "they come from the seed's own stream");

        // They estimate what the averaged G's first batch norm really sees: the channel statistics of its
        // input on a fresh batch of latents (the live statistics here are the initial mean 0, variance 1).
        GanStep step = new GanStep(spec);
        step.generator().setParams(s.theta());
        INDArray z = io.sparkgan.data.BatchSampler.latent(RngStream.SAMPLING.at(9), 2048, 8, DataType.FLOAT);
        INDArray x = step.generator().layers().get(1).forward(step.generator().layers().get(0).forward(z, false), false);
        int c = (int) x.size(3);
        INDArray rows = x.dup('c').reshape('c', -1, c);
        double[] mean = rows.mean(0).toDoubleVector();
        double[] var = rows.var(true, 0).toDoubleVector();
        float[] b = s.buffersG().floats();
        for (int ch = 0; ch < c; ch++) {
            assertEquals(mean[ch], b[ch], 0.1 * Math.sqrt(var[ch]), "running mean of channel " + ch);
            assertEquals(var[ch], b[c + ch], 0.15 * var[ch], "running variance of channel " + ch);
        }
        assertTrue(Math.abs(var[0] - 1.0) > 0.3, "the test needs statistics unlike the initial ones, got " + var[0]);
    }

    @Test
    void aTruncatedPriorGetsStatisticsOfTheLatentsItDraws() {
        TrainingState state = TrainingState.initial(spec, cfg.training());
        LatentPrior prior = new LatentPrior(0.5);
        GeneratorSnapshot plain = GeneratorSnapshot.of(spec, state, 3);
        GeneratorSnapshot truncated = GeneratorSnapshot.of(spec, state, 3, prior);
        assertEquals(prior, truncated.prior());
        assertArrayEquals(state.thetaG().floats(), truncated.theta().floats(), "the same live generator");

        // The first batch norm's input is linear in z (no bias): truncated latents at 0.5 have a variance of
        // 0.0806 (truncated normal), so the recomputed running variance is that fraction of N(0, I)'s.
        GanStep step = new GanStep(spec);
        step.generator().setParams(truncated.theta());
        INDArray z = io.sparkgan.data.BatchSampler.latent(RngStream.SAMPLING.at(9), 2048, 8, DataType.FLOAT);
        INDArray x = step.generator().layers().get(1).forward(step.generator().layers().get(0).forward(z, false), false);
        int c = (int) x.size(3);
        double[] plainVar = x.dup('c').reshape('c', -1, c).var(true, 0).toDoubleVector();
        float[] b = truncated.buffersG().floats();
        for (int ch = 0; ch < c; ch++) {
            assertEquals(0.0806 * plainVar[ch], b[c + ch], 0.2 * 0.0806 * plainVar[ch], "running variance of channel " + ch);
        }
        assertFalse(Arrays.equals(plain.buffersG().floats(), truncated.buffersG().floats()));
        float[] z1 = truncated.latents(RngStream.SAMPLING.at(1), 50).data().asFloat();
        for (float v : z1) assertTrue(Math.abs(v) <= 0.5f, "sampled |z_i| " + v);
    }
}
