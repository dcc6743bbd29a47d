package io.sparkgan.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.data.BatchSampler;
import io.sparkgan.gan.FiniteDifferences;
import io.sparkgan.gan.GanLoss;
import io.sparkgan.gan.GanStep;
import io.sparkgan.nn.BatchNorm;
import io.sparkgan.nn.FlatVector;
import io.sparkgan.nn.Layer;
import io.sparkgan.nn.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Whole-model gradients of a small DCGAN (16x16, base width 2: BN in both G and D) through
 * GanStep against central finite differences in DOUBLE, on a few random parameters per layer.
 * With 2 channels every conv runs through libnd4j ops; with 1 channel D's first conv and G's last
 * transposed conv take the patch-row gemm path (SingleChannelPatches). G's first layer (1x1 input)
 * is the dense projection path in both.
 */
class DcganGradientTest {

    private static final DcganSpec SPEC = DcganSpec.radford(16, 2, 3, 2, DataType.DOUBLE);
    private static final DcganSpec GRAY = DcganSpec.radford(16, 1, 3, 2, DataType.DOUBLE);
    private static final int BATCH = 4;
    private static final int PER_LAYER = 5;

    static Stream<Arguments> specsAndLosses() {
        return Stream.of(SPEC, GRAY).flatMap(spec -> Stream.of(GanLoss.values()).map(loss -> Arguments.of(spec, loss)));
    }

    @ParameterizedTest
    @MethodSource("specsAndLosses")
    void discriminatorGradientMatchesFiniteDifferences(DcganSpec spec, GanLoss loss) {
        Fixture f = new Fixture(21, spec);
        GanStep step = new GanStep(spec);
        step.discriminatorGradient(f.thetaG, f.thetaD, f.real, f.z, loss, 0.1);
        INDArray analytic = step.discriminator().gradients().dup();
        ToDoubleFunction<FlatVector> lossOf = theta ->
                new GanStep(spec).discriminatorGradient(f.thetaG, theta, f.real, f.z, loss, 0.1).lossSum;
        assertMatchesFiniteDifferences(analytic, f.thetaD.copy(), sampleIndices(step.discriminator(), 22), lossOf);
    }

    @ParameterizedTest
    @MethodSource("specsAndLosses")
    void generatorGradientThroughFrozenDiscriminatorMatchesFiniteDifferences(DcganSpec spec, GanLoss loss) {
        Fixture f = new Fixture(23, spec);
        GanStep step = new GanStep(spec);
        INDArray dGradBefore = step.discriminator().gradients().dup();
        step.generatorGradient(f.thetaG, f.thetaD, f.z, loss);
        INDArray analytic = step.generator().gradients().dup();
        assertEquals(dGradBefore, step.discriminator().gradients(), "a G step must not touch D's gradients");
        ToDoubleFunction<FlatVector> lossOf = theta -> new GanStep(spec).generatorGradient(theta, f.thetaD, f.z, loss).lossSum;
        assertMatchesFiniteDifferences(analytic, f.thetaG.copy(), sampleIndices(step.generator(), 24), lossOf);
    }

    /**
     * D with spectral norm (and biases, no batch norm), both phases, every loss. The power iteration
     * is first run to convergence, so the one step each training pass takes leaves sigma stationary
     * and finite differences see the gradient backward computes (u and v held constant).
     */
    @ParameterizedTest
    @EnumSource(GanLoss.class)
    void spectrallyNormalisedDiscriminatorGradientsMatchFiniteDifferences(GanLoss loss) {
        for (DcganSpec base : List.of(SPEC, GRAY, DcganSpec.radford(28, 1, 3, 2, DataType.DOUBLE))) {
            DcganSpec spec = base.withDiscriminatorNorm(DiscriminatorNorm.SPECTRAL_NORM);
            Fixture f = new Fixture(31, spec);
            Network d = spec.buildDiscriminator();
            d.setParams(f.thetaD);
            for (int i = 0; i < 400; i++) d.forward(f.real, true);
            FlatVector buffersD = d.bufferCopy();
            FlatVector buffersG = spec.buildGenerator().bufferCopy();
            java.util.function.Supplier<GanStep> stepAt = () -> {
                GanStep s = new GanStep(spec);
                s.setBuffers(buffersG, buffersD);
                return s;
            };
            GanStep step = stepAt.get();
            step.discriminatorGradient(f.thetaG, f.thetaD, f.real, f.z, loss, 0.0);
            assertMatchesFiniteDifferences(step.discriminator().gradients().dup(), f.thetaD.copy(),
                    sampleIndices(step.discriminator(), 32),
                    theta -> stepAt.get().discriminatorGradient(f.thetaG, theta, f.real, f.z, loss, 0.0).lossSum);
            step = stepAt.get();
            step.generatorGradient(f.thetaG, f.thetaD, f.z, loss);
            assertMatchesFiniteDifferences(step.generator().gradients().dup(), f.thetaG.copy(),
                    sampleIndices(step.generator(), 33),
                    theta -> stepAt.get().generatorGradient(theta, f.thetaD, f.z, loss).lossSum);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void floatGradientsAgreeWithDouble(int channels) {
        GanLoss loss = GanLoss.NON_SATURATING;
        DcganSpec spec = channels == 1 ? GRAY : SPEC;
        Fixture f = new Fixture(25, spec);
        DcganSpec floatSpec = DcganSpec.radford(16, channels, 3, 2, DataType.FLOAT);
        GanStep d64 = new GanStep(spec);
        GanStep d32 = new GanStep(floatSpec);
        d64.discriminatorGradient(f.thetaG, f.thetaD, f.real, f.z, loss, 0.1);
        d32.discriminatorGradient(toFloat(f.thetaG), toFloat(f.thetaD), f.real.castTo(DataType.FLOAT),
                f.z.castTo(DataType.FLOAT), loss, 0.1);
        assertRelativeDistance(d64.discriminator().gradients(), d32.discriminator().gradients(), "D");
        d64.generatorGradient(f.thetaG, f.thetaD, f.z, loss);
        d32.generatorGradient(toFloat(f.thetaG), toFloat(f.thetaD), f.z.castTo(DataType.FLOAT), loss);
        assertRelativeDistance(d64.generator().gradients(), d32.generator().gradients(), "G");
    }

    private static FlatVector toFloat(FlatVector v) {
        return FlatVector.of(v.toArray().castTo(DataType.FLOAT));
    }

    private static void assertRelativeDistance(INDArray exact, INDArray approx, String what) {
        INDArray a = approx.castTo(DataType.DOUBLE);
        double rel = exact.distance2(a) / exact.norm2Number().doubleValue();
        assertTrue(rel < 1e-3, what + " gradient in FLOAT is " + rel + " (relative L2) away from DOUBLE");
    }

    /** PER_LAYER random parameter indices from every layer that has parameters. */
    private static List<Integer> sampleIndices(Network net, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Integer> picked = new ArrayList<>();
        long offset = 0;
        int layers = 0;
        for (Layer l : net.layers()) {
            long k = l.numParams();
            if (k > 0) layers++;
            for (int i = 0; i < Math.min(PER_LAYER, k); i++) picked.add((int) (offset + rng.nextLong(k)));
            offset += k;
        }
        // G: 3 transposed convs + 2 BN; D: 3 convs + 1 BN (or 3 spectrally normalised convs).
        assertTrue(layers >= 3, "expected at least 3 layers with parameters, got " + layers);
        return picked;
    }

    private static void assertMatchesFiniteDifferences(INDArray analytic, FlatVector theta, List<Integer> indices,
                                                       ToDoubleFunction<FlatVector> lossOf) {
        int notTiny = FiniteDifferences.assertMatches(analytic, theta,
                indices.stream().mapToInt(Integer::intValue).toArray(), lossOf);
        assertTrue(notTiny >= indices.size() / 2, "too many tiny gradients (" + notTiny + " of " + indices.size()
                + " above 1e-4): the check would prove little");
    }

    /**
     * Random parameters larger than DCGAN's N(0, 0.02) init so gradients are not tiny: weights
     * N(0, 0.3^2), BN gamma 1 + N(0, 0.3^2), beta N(0, 0.3^2).
     */
    private static final class Fixture {
        final FlatVector thetaG;
        final FlatVector thetaD;
        final INDArray real;
        final INDArray z;

        Fixture(long seed, DcganSpec spec) {
            SplittableRandom rng = new SplittableRandom(seed);
            thetaG = randomParams(spec.buildGenerator(), rng);
            thetaD = randomParams(spec.buildDiscriminator(), rng);
            real = BatchSampler.latent(rng, BATCH, spec.dataDim(), DataType.DOUBLE);
            z = BatchSampler.latent(rng, BATCH, spec.latentDim(), DataType.DOUBLE);
        }

        private static FlatVector randomParams(Network net, SplittableRandom rng) {
            double[] p = new double[(int) net.numParams()];
            int offset = 0;
            for (Layer l : net.layers()) {
                int k = (int) l.numParams();
                for (int i = 0; i < k; i++) {
                    boolean gamma = l instanceof BatchNorm && i < k / 2;
                    p[offset + i] = (gamma ? 1.0 : 0.0) + 0.3 * rng.nextGaussian();
                }
                offset += k;
            }
            return FlatVector.wrap(p);
        }
    }
}
