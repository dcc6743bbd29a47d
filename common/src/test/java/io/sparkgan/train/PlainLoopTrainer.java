package io.sparkgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.data.BatchSampler;
import io.sparkgan.data.DataSource;
import io.sparkgan.data.ExampleBlock;
import io.sparkgan.gan.GanStep;
import io.sparkgan.gan.Phase;
import io.sparkgan.gan.PhaseStats;
import io.sparkgan.model.GanModelSpec;
import io.sparkgan.nn.FlatVector;
import io.sparkgan.optim.Optimizer;
import io.sparkgan.rng.RngStream;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An independent reference for the trainers: training written out as a plain sequential loop over
 * every partition's minibatches, with only the gradient step ({@link GanStep}), the batch
 * sampler, the random streams and the optimiser from common. It shares no code with
 * {@code PartitionWork}, the phase runners or {@code GanTrainer}, so a trainer that equals it is
 * checked against the algorithm of docs/architecture.md, not against itself.
 * <p>Sync mode: per phase, each partition's gradient sum from the driver's parameters and batch-norm
 * buffers; the sums added, one optimiser step with their mean. Average mode: each partition takes
 * local-steps optimiser steps from the driver's parameters and optimiser state; parameters and
 * optimiser state are averaged, the step count advances by local-steps. Either way the driver keeps
 * the mean of the partitions' buffers. Unconditional models without packing or R1.
 */
public final class PlainLoopTrainer {
    /** What training ends with. */
    public record Result(FlatVector thetaG, FlatVector thetaD, FlatVector buffersG, FlatVector buffersD) {
        /**
         * Asserts that {@code trainer} ended with the same G, D and buffers, up to float summation
         * order (relative difference below 1e-5: the reference runner stacks the partitions'
         * batches, Spark adds partition sums in its own order).
         */
        public void assertMatches(String trainer, TrainingState actual) {
            assertClose(trainer + ": G", thetaG, actual.thetaG());
            assertClose(trainer + ": D", thetaD, actual.thetaD());
            assertClose(trainer + ": G's buffers", buffersG, actual.buffersG());
            assertClose(trainer + ": D's buffers", buffersD, actual.buffersD());
        }

        private static void assertClose(String what, FlatVector expected, FlatVector actual) {
            if (expected.length() == 0 && actual.length() == 0) return; // a network without buffers
            double difference = relativeDifference(actual, expected);
            assertTrue(difference < 1e-5, what + " differs from the plain loop by " + difference);
        }
    }

    /** |a - b| / |b|. */
    public static double relativeDifference(FlatVector a, FlatVector b) {
        assertEquals(b.length(), a.length(), "vector lengths");
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length(); i++) {
            diff += (a.get(i) - b.get(i)) * (a.get(i) - b.get(i));
            norm += b.get(i) * b.get(i);
        }
        return Math.sqrt(diff / norm);
    }

    private final GanModelSpec spec;
    private final TrainingSettings settings;
    private final List<ExampleBlock> blocks;
    private final GanStep step;
    private final FlatVector thetaG;
    private final FlatVector thetaD;
    private final FlatVector buffersG;
    private final FlatVector buffersD;
    private final Optimizer optimizerG;
    private final Optimizer optimizerD;

    private PlainLoopTrainer(GanModelSpec spec, TrainingSettings settings, DataSource data, int partitions) {
        this.spec = spec;
        this.settings = settings;
        this.blocks = data.partitions(partitions);
        this.step = new GanStep(spec);
        TrainingState initial = TrainingState.initial(spec, settings); // the seeded initialisation
        thetaG = initial.thetaG().copy();
        thetaD = initial.thetaD().copy();
        buffersG = initial.buffersG().copy();
        buffersD = initial.buffersD().copy();
        optimizerG = new Optimizer(settings.optimizerFor(Phase.GENERATOR), thetaG.length(), spec.dataType());
        optimizerD = new Optimizer(settings.optimizerFor(Phase.DISCRIMINATOR), thetaD.length(), spec.dataType());
    }

    /** Trains {@code settings.rounds()} rounds on {@code partitions} partitions of {@code data}. */
    public static Result train(GanModelSpec spec, TrainingSettings settings, DataSource data, int partitions) {
        PlainLoopTrainer t = new PlainLoopTrainer(spec, settings, data, partitions);
        for (int round = 0; round < settings.rounds(); round++) {
            for (int c = 0; c < settings.criticSteps(); c++) t.phase(Phase.DISCRIMINATOR, round, c);
            t.phase(Phase.GENERATOR, round, 0);
        }
        return new Result(t.thetaG, t.thetaD, t.buffersG, t.buffersD);
    }

    private void phase(Phase phase, int round, int index) {
        boolean discriminator = phase == Phase.DISCRIMINATOR;
        FlatVector trained = discriminator ? thetaD : thetaG;
        Optimizer optimizer = discriminator ? optimizerD : optimizerG;
        double learningRate = settings.optimizerFor(phase).learningRate() * settings.learningRateScale(round);
        int partitions = blocks.size();
        FlatVector sum = FlatVector.zeros(spec.dataType(), trained.length());
        FlatVector stateSum = optimizer.state() == null ? null : FlatVector.zeros(spec.dataType(), optimizer.state().length());
        FlatVector buffersGSum = FlatVector.zeros(spec.dataType(), buffersG.length());
        FlatVector buffersDSum = FlatVector.zeros(spec.dataType(), buffersD.length());
        long examples = 0;
        for (int p = 0; p < partitions; p++) {
            step.setBuffers(buffersG, buffersD);
            if (settings.mode() == TrainingSettings.Mode.SYNC) {
                examples += gradient(phase, thetaG, thetaD, round, index, p, 0).examples;
                sum.addInPlace(gradientOf(phase));
            } else {
                FlatVector localG = thetaG.copy();
                FlatVector localD = thetaD.copy();
                FlatVector localTrained = discriminator ? localD : localG;
                Optimizer local = new Optimizer(settings.optimizerFor(phase), trained.length(), spec.dataType());
                local.restore(optimizer.state() == null ? null : optimizer.state().copy(), optimizer.iteration());
                local.setLearningRate(learningRate);
                for (int k = 0; k < settings.localSteps(); k++) {
                    PhaseStats stats = gradient(phase, localG, localD, round, index, p, k);
                    local.step(localTrained, gradientOf(phase), 1.0 / stats.examples);
                }
                sum.addInPlace(localTrained);
                if (stateSum != null) stateSum.addInPlace(local.state());
            }
            buffersGSum.addInPlace(step.generator().bufferCopy());
            buffersDSum.addInPlace(step.discriminator().bufferCopy());
        }
        if (settings.mode() == TrainingSettings.Mode.SYNC) {
            optimizer.setLearningRate(learningRate);
            optimizer.step(trained, sum, 1.0 / examples);
        } else {
            trained.assign(sum.scaleInPlace(1.0 / partitions));
            optimizer.restore(stateSum == null ? null : stateSum.scaleInPlace(1.0 / partitions),
                    optimizer.iteration() + settings.localSteps());
        }
        buffersG.assign(buffersGSum.scaleInPlace(1.0 / partitions));
        buffersD.assign(buffersDSum.scaleInPlace(1.0 / partitions));
    }

    /** Partition {@code p}'s gradient sum at local step {@code k}, left in the trained network's gradients. */
    private PhaseStats gradient(Phase phase, FlatVector g, FlatVector d, int round, int index, int p, int k) {
        long[] coordinates = {round, phase.streamCoordinate(index), p, k};
        int b = settings.batchPerPartition();
        INDArray z = BatchSampler.latent(RngStream.LATENT.at(settings.seed(), coordinates), b, spec.latentDim(),
                spec.dataType());
        if (phase == Phase.GENERATOR) return step.generatorGradient(g, d, z, settings.loss());
        INDArray real = BatchSampler.realBatch(blocks.get(p), RngStream.REAL_BATCH.at(settings.seed(), coordinates), b,
                spec.dataType());
        return step.discriminatorGradient(g, d, real, z, settings.loss(), settings.labelSmoothing());
    }

    private FlatVector gradientOf(Phase phase) {
        return FlatVector.of(phase == Phase.DISCRIMINATOR ? step.discriminator().gradients()
                : step.generator().gradients());
    }
}
