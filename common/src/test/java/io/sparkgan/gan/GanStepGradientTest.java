package io.sparkgan.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.data.BatchSampler;
import io.sparkgan.model.MlpGanSpec;
import io.sparkgan.nn.Activation;
import io.sparkgan.nn.FlatVector;
import io.sparkgan.nn.Network;
import io.sparkgan.rng.RngStream;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Every analytic gradient of the GAN step against central finite differences in double precision. */
class GanStepGradientTest {

    private static final MlpGanSpec SPEC = new MlpGanSpec(3, 2, new int[] {5, 4}, new int[] {6, 3},
            Activation.LEAKY_RELU, 0.2, Activation.TANH, DataType.DOUBLE);

    @ParameterizedTest
    @EnumSource(GanLoss.class)
    void discriminatorGradientMatchesFiniteDifferences(GanLoss loss) {
        Fixture f = new Fixture(11);
        GanStep step = new GanStep(SPEC);
        step.discriminatorGradient(f.thetaG, f.thetaD, f.real, f.z, loss, 0.1);
        INDArray analytic = step.discriminator().gradients().dup();
        ToDoubleFunction<FlatVector> lossOf = theta ->
                new GanStep(SPEC).discriminatorGradient(f.thetaG, theta, f.real, f.z, loss, 0.1).lossSum;
        FiniteDifferences.assertMatches(analytic, f.thetaD.copy(), FiniteDifferences.all(analytic.length()), lossOf);
    }

    @ParameterizedTest
    @EnumSource(GanLoss.class)
    void generatorGradientThroughFrozenDiscriminatorMatchesFiniteDifferences(GanLoss loss) {
        Fixture f = new Fixture(12);
        GanStep step = new GanStep(SPEC);
        INDArray dGradBefore = step.discriminator().gradients().dup();
        step.generatorGradient(f.thetaG, f.thetaD, f.z, loss);
        INDArray analytic = step.generator().gradients().dup();
        assertEquals(dGradBefore, step.discriminator().gradients(), "a G step must not touch D's gradients");
        assertEquals(f.thetaD.toArray(), step.discriminator().params(), "a G step must not change D's parameters");
        ToDoubleFunction<FlatVector> lossOf = theta -> new GanStep(SPEC).generatorGradient(theta, f.thetaD, f.z, loss).lossSum;
        FiniteDifferences.assertMatches(analytic, f.thetaG.copy(), FiniteDifferences.all(analytic.length()), lossOf);
    }

    private static MlpGanSpec spec(Activation hidden, int pack) {
        return new MlpGanSpec(3, 2, new int[] {5, 4}, new int[] {6, 3}, hidden, 0.2, Activation.TANH,
                DataType.DOUBLE, pack);
    }

    @ParameterizedTest
    @EnumSource(GanLoss.class)
    void discriminatorGradientWithR1PenaltyMatchesFiniteDifferences(GanLoss loss) {
        for (MlpGanSpec spec : new MlpGanSpec[] {spec(Activation.LEAKY_RELU, 1), spec(Activation.RELU, 1)}) {
            assertDiscriminatorMatches(spec, new Fixture(spec, 13, 7), loss, 0.7);
        }
    }

    @ParameterizedTest
    @EnumSource(GanLoss.class)
    void packedDiscriminatorGradientMatchesFiniteDifferences(GanLoss loss) {
        MlpGanSpec spec = spec(Activation.LEAKY_RELU, 2);
        assertDiscriminatorMatches(spec, new Fixture(spec, 14, 8), loss, 0.0);
        assertDiscriminatorMatches(spec, new Fixture(spec, 15, 8), loss, 0.7);
        MlpGanSpec three = spec(Activation.RELU, 3);
        assertDiscriminatorMatches(three, new Fixture(three, 16, 9), loss, 0.3);
    }

    @ParameterizedTest
    @EnumSource(GanLoss.class)
    void generatorGradientThroughPackedDiscriminatorMatchesFiniteDifferences(GanLoss loss) {
        MlpGanSpec spec = spec(Activation.LEAKY_RELU, 2);
        Fixture f = new Fixture(spec, 17, 8);
        GanStep step = new GanStep(spec);
        step.generatorGradient(f.thetaG, f.thetaD, f.z, loss);
        INDArray analytic = step.generator().gradients().dup();
        ToDoubleFunction<FlatVector> lossOf = theta -> new GanStep(spec).generatorGradient(theta, f.thetaD, f.z, loss).lossSum;
        int notTiny = FiniteDifferences.assertMatches(analytic, f.thetaG.copy(), FiniteDifferences.all(analytic.length()),
                lossOf);
        assertTrue(notTiny > analytic.length() / 2, "most gradients should be non-trivial, got " + notTiny);
    }

    @Test
    void r1PenaltyIsHalfGammaTimesTheSquaredInputGradient() {
        MlpGanSpec spec = spec(Activation.LEAKY_RELU, 1);
        Fixture f = new Fixture(spec, 18, 7);
        GanStep without = new GanStep(spec);
        GanStep with = new GanStep(spec);
        double plain = without.discriminatorGradient(f.thetaG, f.thetaD, f.real, f.z, GanLoss.NON_SATURATING, 0, 0).lossSum;
        double penalised = with.discriminatorGradient(f.thetaG, f.thetaD, f.real, f.z, GanLoss.NON_SATURATING, 0, 2.5)
                .lossSum;
        // |grad_x D(x)|^2 per row by central differences on the input, summed over rows.
        Network d = spec.buildDiscriminator();
        d.setParams(f.thetaD);
        double squared = 0;
        double h = 1e-6;
        for (int row = 0; row < f.real.size(0); row++) {
            for (int col = 0; col < f.real.size(1); col++) {
                INDArray up = f.real.getRow(row).dup().reshape(1, 2);
                INDArray down = up.dup();
                up.putScalar(0, col, up.getDouble(0, col) + h);
                down.putScalar(0, col, down.getDouble(0, col) - h);
                double slope = (d.forward(up, true).getDouble(0) - d.forward(down, true).getDouble(0)) / (2 * h);
                squared += slope * slope;
            }
        }
        assertTrue(squared > 1e-3, "the input gradient should not vanish, got " + squared);
        assertEquals(0.5 * 2.5 * squared, penalised - plain, 1e-7 * Math.max(1, squared));
    }

    @Test
    void packingConcatenatesConsecutiveRows() {
        INDArray x = org.nd4j.linalg.factory.Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}});
        assertEquals(org.nd4j.linalg.factory.Nd4j.createFromArray(new double[][] {{1, 2, 3, 4}, {5, 6, 7, 8}}),
                GanStep.packed(x, 2));
        assertEquals(x, GanStep.packed(x, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GanStep.packed(x, 3));
        assertTrue(e.getMessage().contains("model.pack must divide"), e.getMessage());
    }

    private static void assertDiscriminatorMatches(MlpGanSpec spec, Fixture f, GanLoss loss, double r1Gamma) {
        GanStep step = new GanStep(spec);
        step.discriminatorGradient(f.thetaG, f.thetaD, f.real, f.z, loss, 0.1, r1Gamma);
        INDArray analytic = step.discriminator().gradients().dup();
        ToDoubleFunction<FlatVector> lossOf = theta ->
                new GanStep(spec).discriminatorGradient(f.thetaG, theta, f.real, f.z, loss, 0.1, r1Gamma).lossSum;
        int notTiny = FiniteDifferences.assertMatches(analytic, f.thetaD.copy(), FiniteDifferences.all(analytic.length()),
                lossOf);
        assertTrue(notTiny > analytic.length() / 2, spec + ": most gradients should be non-trivial, got " + notTiny);
    }

    /** Random parameters and batches from fixed seeds. */
    private static final class Fixture {
        final FlatVector thetaG;
        final FlatVector thetaD;
        final INDArray real;
        final INDArray z;

        Fixture(long seed) {
            this(SPEC, seed, 7);
        }

        Fixture(MlpGanSpec spec, long seed, int rows) {
            var g = spec.buildGenerator();
            var d = spec.buildDiscriminator();
            g.initialize(RngStream.GENERATOR_INIT.at(seed));
            d.initialize(RngStream.DISCRIMINATOR_INIT.at(seed));
            thetaG = FlatVector.of(g.params());
            thetaD = FlatVector.of(d.params());
            SplittableRandom rng = new SplittableRandom(seed);
            real = BatchSampler.latent(rng, rows, 2, DataType.DOUBLE);
            z = BatchSampler.latent(rng, rows, 3, DataType.DOUBLE);
        }
    }
}
