package io.sparkgan.gan;

import io.sparkgan.model.GanModelSpec;
import io.sparkgan.nn.FlatVector;
import io.sparkgan.nn.Network;
import io.sparkgan.nn.StepWorkspace;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The per-minibatch gradient computation of both GAN phases, on one thread's own copy of G and D.
 * This is the single piece of math shared by unit tests, the single-JVM reference trainer and
 * Spark executors. Gradients are SUMS over the batch, left in the networks' gradient vectors.
 */
public final class GanStep {
    private final GanModelSpec spec;
    private final Network generator;
    private final Network discriminator;

    public GanStep(GanModelSpec spec) {
        this.spec = spec;
        this.generator = spec.buildGenerator();
        this.discriminator = spec.buildDiscriminator();
    }

    public GanModelSpec spec() {
        return spec;
    }

    public Network generator() {
        return generator;
    }

    public Network discriminator() {
        return discriminator;
    }

    /**
     * D phase: gradient of D's loss on real examples (target 1 - labelSmoothing) and on G(z)
     * (target 0), summed over both batches, into {@code discriminator().gradients()}.
     */
    public PhaseStats discriminatorGradient(FlatVector thetaG, FlatVector thetaD, INDArray real, INDArray z,
                                            GanLoss loss, double labelSmoothing) {
        try (MemoryWorkspace ws = StepWorkspace.open()) {
            return discriminatorGradientInWorkspace(thetaG, thetaD, real, z, loss, labelSmoothing);
        }
    }

    private PhaseStats discriminatorGradientInWorkspace(FlatVector thetaG, FlatVector thetaD, INDArray real,
                                                        INDArray z, GanLoss loss, double labelSmoothing) {
        generator.setParams(thetaG);
        discriminator.setParams(thetaD);
        discriminator.zeroGradients();
        INDArray fake = generator.forward(z, true);

        PhaseStats stats = new PhaseStats();
        stats.examples = real.size(0);
        INDArray realOut = discriminator.forward(real, true);
        // The data needs no gradient: D's first layer skips its input gradient.
        discriminator.backwardParamsOnly(discriminatorLossGrad(realOut, 1.0 - labelSmoothing, loss, stats, true));
        INDArray fakeOut = discriminator.forward(fake, true);
        discriminator.backwardParamsOnly(discriminatorLossGrad(fakeOut, 0.0, loss, stats, false));
        return stats;
    }

    /**
     * G phase: gradient of G's loss through the frozen D into {@code generator().gradients()};
     * D's parameters and gradients are not touched.
     */
    public PhaseStats generatorGradient(FlatVector thetaG, FlatVector thetaD, INDArray z, GanLoss loss) {
        try (MemoryWorkspace ws = StepWorkspace.open()) {
            return generatorGradientInWorkspace(thetaG, thetaD, z, loss);
        }
    }

    private PhaseStats generatorGradientInWorkspace(FlatVector thetaG, FlatVector thetaD, INDArray z, GanLoss loss) {
        generator.setParams(thetaG);
        discriminator.setParams(thetaD);
        generator.zeroGradients();
        INDArray fake = generator.forward(z, true);
        INDArray out = discriminator.forward(fake, true);

        double[] o = out.dup().data().asDouble();
        double[] grad = new double[o.length];
        double[] term = new double[2];
        PhaseStats stats = new PhaseStats();
        stats.examples = o.length;
        for (int i = 0; i < o.length; i++) {
            loss.generatorTerm(o[i], term);
            stats.lossSum += term[0];
            grad[i] = term[1];
            stats.dFakeSum += loss.discriminatorValue(o[i]);
        }
        INDArray gradFake = discriminator.backward(column(grad, out), false);
        generator.backwardParamsOnly(gradFake);
        return stats;
    }

    /**
     * Loads both networks' non-trainable state (batch-norm running statistics) before a phase;
     * training-mode passes update it, and {@link #generate} uses it.
     */
    public void setBuffers(FlatVector generatorBuffers, FlatVector discriminatorBuffers) {
        generator.setBuffers(generatorBuffers);
        discriminator.setBuffers(discriminatorBuffers);
    }

    /** Generates examples for latent rows {@code z} with parameters {@code thetaG} (eval mode: running statistics). */
    public INDArray generate(FlatVector thetaG, INDArray z) {
        generator.setParams(thetaG);
        return generator.forward(z, false);
    }

    private static INDArray discriminatorLossGrad(INDArray out, double target, GanLoss loss, PhaseStats stats,
                                                  boolean real) {
        double[] o = out.dup().data().asDouble();
        double[] grad = new double[o.length];
        double[] term = new double[2];
        for (int i = 0; i < o.length; i++) {
            loss.discriminatorTerm(o[i], target, term);
            stats.lossSum += term[0];
            grad[i] = term[1];
            double value = loss.discriminatorValue(o[i]);
            if (real) {
                stats.dRealSum += value;
                stats.bceRealSum += GanLoss.softplus(-o[i]); // -log D(x), unsmoothed
            } else {
                stats.dFakeSum += value;
                stats.bceFakeSum += GanLoss.softplus(o[i]); // -log(1 - D(G(z)))
            }
        }
        return column(grad, out);
    }

    private static INDArray column(double[] values, INDArray like) {
        return Nd4j.createFromArray(values).reshape(values.length, 1).castTo(like.dataType());
    }
}
