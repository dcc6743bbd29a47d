package io.sparkgan.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.data.BatchSampler;
import io.sparkgan.gan.FiniteDifferences;
import io.sparkgan.gan.GanLoss;
import io.sparkgan.gan.GanStep;
import io.sparkgan.nn.Activation;
import io.sparkgan.nn.BatchNorm;
import io.sparkgan.nn.ClassEmbedding;
import io.sparkgan.nn.ConditionalBatchNorm;
import io.sparkgan.nn.FlatVector;
import io.sparkgan.nn.Layer;
import io.sparkgan.nn.Network;
import io.sparkgan.nn.ProjectionHead;
import io.sparkgan.nn.SpectralNorm;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Class-conditional G and D as whole networks: both GAN phases' gradients against central finite
 * differences in DOUBLE (real and fake batches with different labels, so a backward pass that used
 * the other batch's labels would show), the layers the specs build, and sampling by class.
 */
class ConditionalGanTest {
    private static final int K = 3;
    private static final int BATCH = 4;
    private static final int PER_LAYER = 5;
    private static final DcganSpec DCGAN = DcganSpec.radford(16, 2, 3, 2, DataType.DOUBLE).withClasses(K);
    private static final DcganSpec GRAY = DcganSpec.radford(16, 1, 3, 2, DataType.DOUBLE).withClasses(K);
    private static final DcganSpec MNIST_SIZE = DcganSpec.radford(28, 1, 3, 2, DataType.DOUBLE).withClasses(K);
    private static final MlpGanSpec MLP = new MlpGanSpec(3, 2, new int[] {5, 4}, new int[] {6, 3},
            Activation.LEAKY_RELU, 0.2, Activation.TANH, DataType.DOUBLE, 1, K);

    static Stream<Arguments> specsAndLosses() {
        return Stream.of(DCGAN, GRAY, MNIST_SIZE, MLP)
                .flatMap(spec -> Stream.of(GanLoss.values()).map(loss -> Arguments.of(spec, loss)));
    }

    @ParameterizedTest
    @MethodSource("specsAndLosses")
    void conditionalDiscriminatorGradientMatchesFiniteDifferences(GanModelSpec spec, GanLoss loss) {
        Fixture f = new Fixture(51, spec);
        double smoothing = loss == GanLoss.HINGE ? 0.0 : 0.1;
        GanStep step = new GanStep(spec);
        step.discriminatorGradient(f.thetaG, f.thetaD, f.real, f.realLabels, f.z, f.fakeLabels, loss, smoothing, 0);
        ToDoubleFunction<FlatVector> lossOf = theta -> new GanStep(spec).discriminatorGradient(f.thetaG, theta, f.real,
                f.realLabels, f.z, f.fakeLabels, loss, smoothing, 0).lossSum;
        assertMatches(step.discriminator().gradients().dup(), f.thetaD.copy(), indices(step.discriminator(), 42), lossOf);
    }

    @ParameterizedTest
    @MethodSource("specsAndLosses")
    void conditionalGeneratorGradientThroughFrozenDiscriminatorMatchesFiniteDifferences(GanModelSpec spec,
                                                                                         GanLoss loss) {
        Fixture f = new Fixture(53, spec);
        GanStep step = new GanStep(spec);
        step.generatorGradient(f.thetaG, f.thetaD, f.z, f.fakeLabels, loss);
        assertEquals(0.0, step.discriminator().gradients().norm2Number().doubleValue(), "a G step leaves D's gradients");
        ToDoubleFunction<FlatVector> lossOf = theta ->
                new GanStep(spec).generatorGradient(theta, f.thetaD, f.z, f.fakeLabels, loss).lossSum;
        assertMatches(step.generator().gradients().dup(), f.thetaG.copy(), indices(step.generator(), 44), lossOf);
    }

    /** As DcganGradientTest's spectral-norm check: power iteration run to convergence first. */
    @ParameterizedTest
    @EnumSource(GanLoss.class)
    void spectrallyNormalisedConditionalDiscriminatorMatchesFiniteDifferences(GanLoss loss) {
        DcganSpec spec = DCGAN.withDiscriminatorNorm(DiscriminatorNorm.SPECTRAL_NORM);
        Fixture f = new Fixture(45, spec);
        Network d = spec.buildDiscriminator();
        d.setParams(f.thetaD);
        for (int i = 0; i < 400; i++) d.forward(f.real, f.realLabels, true);
        FlatVector buffersD = d.bufferCopy();
        FlatVector buffersG = spec.buildGenerator().bufferCopy();
        Supplier<GanStep> stepAt = () -> {
            GanStep s = new GanStep(spec);
            s.setBuffers(buffersG, buffersD);
            return s;
        };
        GanStep step = stepAt.get();
        step.discriminatorGradient(f.thetaG, f.thetaD, f.real, f.realLabels, f.z, f.fakeLabels, loss, 0, 0);
        assertMatches(step.discriminator().gradients().dup(), f.thetaD.copy(), indices(step.discriminator(), 46),
                theta -> stepAt.get().discriminatorGradient(f.thetaG, theta, f.real, f.realLabels, f.z, f.fakeLabels,
                        loss, 0, 0).lossSum);
        step = stepAt.get();
        step.generatorGradient(f.thetaG, f.thetaD, f.z, f.fakeLabels, loss);
        assertMatches(step.generator().gradients().dup(), f.thetaG.copy(), indices(step.generator(), 47),
                theta -> stepAt.get().generatorGradient(theta, f.thetaD, f.z, f.fakeLabels, loss).lossSum);
    }

    @Test
    void conditionalSpecsBuildConditionalBatchNormInGAndAProjectionHeadInD() {
        for (DcganSpec spec : List.of(DCGAN, DcganSpec.reference(DataType.FLOAT).withClasses(10),
                DCGAN.withDiscriminatorNorm(DiscriminatorNorm.SPECTRAL_NORM))) {
            Network g = spec.buildGenerator();
            Network d = spec.buildDiscriminator();
            assertTrue(g.conditional() && d.conditional(), spec.describe());
            assertEquals(spec.classes(), g.classes());
            assertEquals(spec.classes(), d.classes());
            assertFalse(g.layers().stream().anyMatch(l -> l instanceof BatchNorm), "every BN of G is conditional");
            assertTrue(g.layers().stream().anyMatch(l -> l instanceof ConditionalBatchNorm));
            Layer last = d.layers().get(d.layers().size() - 1);
            assertTrue(last instanceof ProjectionHead || last instanceof SpectralNorm sn && sn.inner() instanceof ProjectionHead,
                    "D ends in a projection head: " + last);
            Network plainG = spec.withClasses(0).buildGenerator();
            assertFalse(plainG.conditional());
            assertEquals(plainG.numBuffers(), g.numBuffers(), "the same running statistics as batch norm");
            assertTrue(spec.describe().contains("conditional on " + spec.classes() + " classes"));
        }
        assertTrue(MLP.buildGenerator().layers().get(0) instanceof ClassEmbedding);
        assertTrue(MLP.buildDiscriminator().layers().get(MLP.buildDiscriminator().layers().size() - 1)
                instanceof ProjectionHead);
        assertThrows(IllegalArgumentException.class, () -> new MlpGanSpec(3, 2, new int[] {5}, new int[] {6},
                Activation.LEAKY_RELU, 0.2, Activation.TANH, DataType.DOUBLE, 2, K));
        assertFalse(DCGAN.equals(DCGAN.withClasses(4)));
        assertFalse(MLP.equals(MLP.withClasses(0)));
        assertEquals(MLP, MLP.withClasses(K));
    }

    @Test
    void theUnconditionalStepNeedsNoLabelsAndTheConditionalOneRefusesToGoWithout() {
        Fixture f = new Fixture(48, DCGAN);
        GanStep step = new GanStep(DCGAN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> step.discriminatorGradient(f.thetaG, f.thetaD, f.real, f.z, GanLoss.NON_SATURATING, 0));
        assertTrue(e.getMessage().contains("class-conditional (3 classes)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> step.generatorGradient(f.thetaG, f.thetaD, f.z,
                new int[] {0, 1, 2, 3}, GanLoss.NON_SATURATING));
    }

    @ParameterizedTest
    @MethodSource("conditionalSpecs")
    void generatedRowsFollowTheRequestedClasses(GanModelSpec spec) {
        Fixture f = new Fixture(49, spec);
        GanStep step = new GanStep(spec);
        int n = BATCH;
        INDArray j = step.generate(f.thetaG, f.z, new int[] {0, 0, 0, 0}).dup();
        INDArray k = step.generate(f.thetaG, f.z, new int[] {2, 2, 2, 2}).dup();
        for (int i = 0; i < n; i++) {
            double distance = row(j, i).distance2(row(k, i));
            assertTrue(distance > 1e-3, "row " + i + ": class 0 and class 2 gave the same example (distance " + distance + ")");
        }
        // Eval mode treats rows independently: a mixed batch's rows are the single-class batches' rows.
        int[] mixed = {2, 0, 0, 2};
        INDArray m = step.generate(f.thetaG, f.z, mixed).dup();
        for (int i = 0; i < n; i++) {
            INDArray expected = mixed[i] == 0 ? row(j, i) : row(k, i);
            assertTrue(row(m, i).equalsWithEps(expected, 1e-12), "row " + i + " of the mixed batch is class " + mixed[i]);
        }
        // Without labels a conditional G is asked for the classes 0, 1, ..., K-1, 0, ...
        assertTrue(step.generate(f.thetaG, f.z).equalsWithEps(
                step.generate(f.thetaG, f.z, GanStep.balancedLabels(n, K)), 1e-12));
        assertEquals(List.of(0, 1, 2, 0, 1), java.util.Arrays.stream(GanStep.balancedLabels(5, 3)).boxed().toList());
    }

    static Stream<GanModelSpec> conditionalSpecs() {
        return Stream.of(DCGAN, MLP);
    }

    @Test
    void standingStatisticsOfAConditionalGeneratorAskForEveryClass() {
        GanStep step = new GanStep(DCGAN);
        Fixture f = new Fixture(50, DCGAN);
        FlatVector stats = step.standingGeneratorStatistics(f.thetaG, new SplittableRandom(3), 2, 6);
        assertEquals(step.generator().numBuffers(), stats.length());
        assertTrue(stats.isFinite());
        assertTrue(Double.isFinite(step.generate(f.thetaG, f.z).sumNumber().doubleValue()));
    }

    private static INDArray row(INDArray x, int i) {
        return x.get(NDArrayIndex.point(i), NDArrayIndex.all());
    }

    private static void assertMatches(INDArray analytic, FlatVector theta, int[] indices, ToDoubleFunction<FlatVector> lossOf) {
        int notTiny = FiniteDifferences.assertMatches(analytic, theta, indices, lossOf);
        assertTrue(notTiny >= indices.length / 2, "too many tiny gradients (" + notTiny + " of " + indices.length
                + " above 1e-4): the check would prove little");
    }

    /** Up to PER_LAYER random parameter indices of every layer with parameters, always the conditional ones. */
    private static int[] indices(Network net, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Integer> picked = new ArrayList<>();
        long offset = 0;
        for (Layer l : net.layers()) {
            long k = l.numParams();
            boolean conditional = l instanceof ConditionalBatchNorm || l instanceof ProjectionHead
                    || l instanceof ClassEmbedding || l instanceof SpectralNorm sn && sn.inner() instanceof ProjectionHead;
            int count = (int) Math.min(conditional ? 3 * PER_LAYER : PER_LAYER, k);
            for (int i = 0; i < count; i++) picked.add((int) (offset + rng.nextLong(k)));
            if (conditional) picked.add((int) (offset + k - 1)); // the last class's row (embeddings, beta)
            offset += k;
        }
        return picked.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Parameters well away from their initial values (weights N(0, 0.3^2), gammas 1 + N(0, 0.3^2)); labels 0..K-1. */
    private static final class Fixture {
        final FlatVector thetaG;
        final FlatVector thetaD;
        final INDArray real;
        final INDArray z;
        final int[] realLabels = {2, 0, 2, 1};
        final int[] fakeLabels = {1, 1, 0, 2};

        Fixture(long seed, GanModelSpec spec) {
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
                boolean normalisation = l instanceof BatchNorm || l instanceof ConditionalBatchNorm;
                for (int i = 0; i < k; i++) p[offset + i] = (normalisation && i < k / 2 ? 1.0 : 0.0) + 0.3 * rng.nextGaussian();
                offset += k;
            }
            return FlatVector.wrap(p);
        }
    }
}
