package io.sparkgan.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.data.BatchSampler;
import io.sparkgan.model.MlpGanSpec;
import io.sparkgan.nn.Activation;
import io.sparkgan.nn.FlatVector;
import io.sparkgan.rng.RngStream;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
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

    /** Random parameters and batches from fixed seeds. */
    private static final class Fixture {
        final FlatVector thetaG;
        final FlatVector thetaD;
        final INDArray real;
        final INDArray z;

        Fixture(long seed) {
            var g = SPEC.buildGenerator();
            var d = SPEC.buildDiscriminator();
            g.initialize(RngStream.GENERATOR_INIT.at(seed));
            d.initialize(RngStream.DISCRIMINATOR_INIT.at(seed));
            thetaG = FlatVector.of(g.params());
            thetaD = FlatVector.of(d.params());
            SplittableRandom rng = new SplittableRandom(seed);
            real = BatchSampler.latent(rng, 7, 2, DataType.DOUBLE);
            z = BatchSampler.latent(rng, 7, 3, DataType.DOUBLE);
        }
    }
}
