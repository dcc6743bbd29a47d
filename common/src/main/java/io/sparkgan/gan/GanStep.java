package io.sparkgan.gan;

import io.sparkgan.model.GanModelSpec;
import io.sparkgan.nn.FlatVector;
import io.sparkgan.nn.InputGradientPenalty;
import io.sparkgan.nn.Network;
import io.sparkgan.nn.StandingStatistics;
import io.sparkgan.nn.StepWorkspace;
import io.sparkgan.data.BatchSampler;
import io.sparkgan.rng.LatentPrior;
import io.sparkgan.rng.ClassPrior;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
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
        return discriminatorGradient(thetaG, thetaD, real, z, loss, labelSmoothing, 0.0);
    }

    /**
     * D phase as above, plus the zero-centred gradient penalty (r1Gamma / 2) |grad_x D(x)|^2 on the
     * real examples (R1, Mescheder et al. 2018; 0 = off), whose value is included in the loss sum.
     * With packing (spec().pack() = m > 1) D sees m examples concatenated per input row, and each
     * packed row's terms count m times, so sums over examples stay the convention.
     */
    public PhaseStats discriminatorGradient(FlatVector thetaG, FlatVector thetaD, INDArray real, INDArray z,
                                            GanLoss loss, double labelSmoothing, double r1Gamma) {
        return discriminatorGradient(thetaG, thetaD, real, null, z, null, loss, labelSmoothing, r1Gamma);
    }

    /**
     * D phase of a class-conditional GAN (or, with null labels, of an unconditional one): D judges
     * the pairs (real, realLabels) and (G(z, fakeLabels), fakeLabels).
     *
     * @param thetaG generator parameters
     * @param thetaD discriminator parameters
     * @param real real examples [n, dataDim]
     * @param realLabels the real examples' classes (null for an unconditional GAN)
     * @param z latent rows [n, latentDim]
     * @param fakeLabels the classes the generated examples are asked for, one per row of z (null for an unconditional GAN)
     * @param loss GAN loss
     * @param labelSmoothing one-sided label smoothing of the real target
     * @param r1Gamma R1 penalty weight (0 = off; unconditional GANs only)
     */
    public PhaseStats discriminatorGradient(FlatVector thetaG, FlatVector thetaD, INDArray real, int[] realLabels,
                                            INDArray z, int[] fakeLabels, GanLoss loss, double labelSmoothing,
                                            double r1Gamma) {
        if (r1Gamma > 0 && spec.classes() > 0) {
            throw new IllegalArgumentException("the R1 penalty (r1Gamma " + r1Gamma + ") is not available for a"
                    + " class-conditional D");
        }
        try (MemoryWorkspace ws = StepWorkspace.open()) {
            return discriminatorGradientInWorkspace(thetaG, thetaD, real, realLabels, z, fakeLabels, loss,
                    labelSmoothing, r1Gamma);
        }
    }

    private PhaseStats discriminatorGradientInWorkspace(FlatVector thetaG, FlatVector thetaD, INDArray real,
                                                        int[] realLabels, INDArray z, int[] fakeLabels, GanLoss loss,
                                                        double labelSmoothing, double r1Gamma) {
        generator.setParams(thetaG);
        discriminator.setParams(thetaD);
        discriminator.zeroGradients();
        INDArray fake = generator.forward(z, fakeLabels, true);
        int pack = spec.pack();

        PhaseStats stats = new PhaseStats();
        stats.examples = real.size(0);
        // Each forward pass captures the labels set with it, so its backward pass uses them.
        INDArray realOut = discriminator.forward(packed(real, pack), realLabels, true);
        // The data needs no gradient: D's first layer skips its input gradient.
        discriminator.backwardParamsOnly(discriminatorLossGrad(realOut, 1.0 - labelSmoothing, loss, stats, true, pack));
        // Reads the layers' state of the real pass above, so it runs before the fake pass.
        if (r1Gamma > 0) stats.lossSum += InputGradientPenalty.accumulate(discriminator, r1Gamma, pack);
        INDArray fakeOut = discriminator.forward(packed(fake, pack), fakeLabels, true);
        discriminator.backwardParamsOnly(discriminatorLossGrad(fakeOut, 0.0, loss, stats, false, pack));
        return stats;
    }

    /**
     * G phase: gradient of G's loss through the frozen D into {@code generator().gradients()};
     * D's parameters and gradients are not touched.
     */
    public PhaseStats generatorGradient(FlatVector thetaG, FlatVector thetaD, INDArray z, GanLoss loss) {
        return generatorGradient(thetaG, thetaD, z, null, loss);
    }

    /**
     * G phase of a class-conditional GAN (or, with null labels, of an unconditional one): G makes
     * G(z, fakeLabels) and is scored by D on (G(z, fakeLabels), fakeLabels).
     *
     * @param thetaG generator parameters
     * @param thetaD discriminator parameters
     * @param z latent rows [n, latentDim]
     * @param fakeLabels the classes asked for, one per row of z (null for an unconditional GAN)
     * @param loss GAN loss
     */
    public PhaseStats generatorGradient(FlatVector thetaG, FlatVector thetaD, INDArray z, int[] fakeLabels,
                                        GanLoss loss) {
        try (MemoryWorkspace ws = StepWorkspace.open()) {
            return generatorGradientInWorkspace(thetaG, thetaD, z, fakeLabels, loss);
        }
    }

    private PhaseStats generatorGradientInWorkspace(FlatVector thetaG, FlatVector thetaD, INDArray z, int[] fakeLabels,
                                                    GanLoss loss) {
        generator.setParams(thetaG);
        discriminator.setParams(thetaD);
        generator.zeroGradients();
        INDArray fake = generator.forward(z, fakeLabels, true);
        int pack = spec.pack();
        INDArray out = discriminator.forward(packed(fake, pack), fakeLabels, true);

        double[] o = out.dup().data().asDouble();
        double[] grad = new double[o.length];
        double[] term = new double[2];
        PhaseStats stats = new PhaseStats();
        stats.examples = fake.size(0);
        for (int i = 0; i < o.length; i++) {
            loss.generatorTerm(o[i], term);
            stats.lossSum += pack * term[0];
            grad[i] = pack * term[1];
            stats.dFakeSum += pack * loss.discriminatorValue(o[i]);
        }
        INDArray gradFake = discriminator.backward(column(grad, out), false);
        generator.backwardParamsOnly(pack == 1 ? gradFake : gradFake.reshape('c', fake.size(0), fake.size(1)));
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

    /**
     * Generates examples for latent rows {@code z} with parameters {@code thetaG} (eval mode: running
     * statistics). A class-conditional generator is asked for the classes of {@link #balancedLabels}
     * (row i: class i mod K), so sample grids and scores see every class equally.
     */
    public INDArray generate(FlatVector thetaG, INDArray z) {
        return generate(thetaG, z, spec.classes() > 0 ? balancedLabels((int) z.size(0), spec.classes()) : null);
    }

    /**
     * Generates examples of the given classes (eval mode: running statistics).
     *
     * @param thetaG generator parameters
     * @param z latent rows [n, latentDim]
     * @param labels the class of each row, in [0, spec().classes()) (null for an unconditional generator)
     */
    public INDArray generate(FlatVector thetaG, INDArray z, int[] labels) {
        generator.setParams(thetaG);
        return generator.forward(z, labels, false);
    }

    /**
     * Labels 0, 1, ..., K-1, 0, 1, ... for {@code n} rows: every class equally often (up to one).
     *
     * @param n number of rows
     * @param classes number of classes K
     */
    public static int[] balancedLabels(int n, int classes) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = i % classes;
        return labels;
    }

    /**
     * G's batch-norm statistics for parameters {@code thetaG}: standing statistics over {@code batches}
     * training-mode passes of {@code batchSize} latent vectors drawn from {@code rng}. Leaves them
     * loaded in G, so {@link #generate} uses them until the next {@link #setBuffers}.
     */
    public FlatVector standingGeneratorStatistics(FlatVector thetaG, SplittableRandom rng, int batches, int batchSize) {
        return standingGeneratorStatistics(thetaG, rng, batches, batchSize, LatentPrior.STANDARD);
    }

    /**
     * As {@link #standingGeneratorStatistics(FlatVector, SplittableRandom, int, int)} with latents
     * from {@code prior}: batch norm then normalises the activations a truncated sampling
     * distribution actually produces (as BigGAN's standing statistics do), instead of shrinking them
     * with statistics of N(0, I).
     */
    public FlatVector standingGeneratorStatistics(FlatVector thetaG, SplittableRandom rng, int batches, int batchSize,
                                                  LatentPrior prior) {
        return standingGeneratorStatistics(thetaG, rng, batches, batchSize, prior, null);
    }

    /**
     * As {@link #standingGeneratorStatistics(FlatVector, SplittableRandom, int, int, LatentPrior)}; a
     * conditional G is asked for classes drawn from {@code classPrior} (after all latents, from the
     * same stream), or for every class equally often when it is null.
     */
    public FlatVector standingGeneratorStatistics(FlatVector thetaG, SplittableRandom rng, int batches, int batchSize,
                                                  LatentPrior prior, ClassPrior classPrior) {
        generator.setParams(thetaG);
        List<INDArray> latents = new ArrayList<>(batches);
        for (int b = 0; b < batches; b++) latents.add(prior.draw(rng, batchSize, spec.latentDim(), spec.dataType()));
        if (spec.classes() == 0) return StandingStatistics.recompute(generator, latents);
        List<int[]> labels = new ArrayList<>(batches);
        for (int b = 0; b < batches; b++) {
            labels.add(classPrior == null ? balancedLabels(batchSize, spec.classes()) : classPrior.draw(rng, batchSize));
        }
        return StandingStatistics.recompute(generator, latents, labels);
    }

    private static INDArray discriminatorLossGrad(INDArray out, double target, GanLoss loss, PhaseStats stats,
                                                  boolean real, int pack) {
        double[] o = out.dup().data().asDouble();
        double[] grad = new double[o.length];
        double[] term = new double[2];
        for (int i = 0; i < o.length; i++) {
            loss.discriminatorTerm(o[i], target, term);
            stats.lossSum += pack * term[0];
            grad[i] = pack * term[1];
            double value = pack * loss.discriminatorValue(o[i]);
            if (real) {
                stats.dRealSum += value;
                stats.bceRealSum += pack * GanLoss.softplus(-o[i]); // -log D(x), unsmoothed
            } else {
                stats.dFakeSum += value;
                stats.bceFakeSum += pack * GanLoss.softplus(o[i]); // -log(1 - D(G(z)))
            }
        }
        return column(grad, out);
    }

    /**
     * Rows of {@code x} grouped {@code pack} at a time into one row of pack x width values (PacGAN,
     * Lin et al. 2018): consecutive rows of a C-order matrix already are their concatenation.
     */
    static INDArray packed(INDArray x, int pack) {
        if (pack == 1) return x;
        if (x.size(0) % pack != 0) {
            throw new IllegalArgumentException("a batch of " + x.size(0) + " rows cannot be packed " + pack
                    + " at a time (model.pack must divide train.batch-per-partition)");
        }
        INDArray c = x.ordering() == 'c' && Shape.hasDefaultStridesForShape(x) ? x : x.dup('c');
        return c.reshape('c', x.size(0) / pack, x.size(1) * pack);
    }

    private static INDArray column(double[] values, INDArray like) {
        return Nd4j.createFromArray(values).reshape(values.length, 1).castTo(like.dataType());
    }
}
