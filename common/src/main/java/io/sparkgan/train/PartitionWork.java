package io.sparkgan.train;

import io.sparkgan.nn.FlatVector;
import io.sparkgan.nn.VectorEncoding;
import io.sparkgan.data.BatchSampler;
import io.sparkgan.data.ExampleBlock;
import io.sparkgan.gan.GanStep;
import io.sparkgan.gan.Phase;
import io.sparkgan.gan.PhaseStats;
import io.sparkgan.model.GanModelSpec;
import io.sparkgan.optim.Optimizer;
import io.sparkgan.rng.RngStream;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One partition's share of one phase: a pure function of (request, partition's data, partition
 * index, settings), so a retried Spark task returns exactly the same result.
 *
 * <p>A class-conditional model ({@code spec.classes()} = K &gt; 0) draws the real batch with its
 * labels (the same rows and REAL_BATCH draws as an unconditional model) and the labels of the
 * generated batch from the FAKE_LABELS stream at the same coordinates as z: uniformly in [0, K), or
 * from the cluster frequencies of a self-conditioned model ({@link TrainingSettings#classPrior()}).
 */
public final class PartitionWork {
    private PartitionWork() {}

    /**
     * Runs the phase on this partition with this thread's networks; the result is in the settings'
     * {@code train.result-encoding}, as it leaves the task.
     */
    public static PhaseResult run(GanStep step, TrainingSettings settings, PhaseRequest request, ExampleBlock block,
                                  int partition) {
        PhaseResult result = settings.computeStandIn() != null ? settings.computeStandIn().run(settings, request)
                : compute(step, settings, request, block, partition);
        return forTransfer(result, settings, request);
    }

    /**
     * The result as it leaves the task: in {@code settings.resultEncoding()} (outside the measured
     * compute time: encoding is part of the result path's cost), with its size recorded.
     */
    private static PhaseResult forTransfer(PhaseResult result, TrainingSettings settings, PhaseRequest request) {
        VectorEncoding encoding = settings.resultEncoding();
        if (encoding.rounds()) {
            if (settings.mode() == TrainingSettings.Mode.AVERAGE) {
                FlatVector received = request.phase() == Phase.DISCRIMINATOR ? request.thetaD() : request.thetaG();
                result.toDifferences(received, request.optimizerState());
            }
            result.encode(encoding);
        }
        result.resultBytes = result.byteSize();
        return result;
    }

    private static PhaseResult compute(GanStep step, TrainingSettings settings, PhaseRequest request, ExampleBlock block,
                                       int partition) {
        long start = System.nanoTime();
        step.setBuffers(request.buffersG(), request.buffersD());
        PhaseResult result = settings.mode() == TrainingSettings.Mode.SYNC
                ? gradientSum(step, settings, request, block, partition)
                : localSteps(step, settings, request, block, partition);
        result.buffersG = step.generator().bufferCopy();
        result.buffersD = step.discriminator().bufferCopy();
        long nanos = System.nanoTime() - start;
        result.partitions = 1;
        result.computeNanosMax = nanos;
        result.computeNanosSum = nanos;
        return result;
    }

    /** The real minibatch partition {@code partition} draws at local step {@code localStep}. */
    public static INDArray realBatch(GanModelSpec spec, TrainingSettings settings, PhaseRequest request,
                                     ExampleBlock block, int partition, int localStep) {
        return BatchSampler.realBatch(block,
                RngStream.REAL_BATCH.at(settings.seed(), request.streamCoordinates(partition, localStep)),
                settings.batchPerPartition(), spec.dataType());
    }

    /**
     * The real minibatch, with its labels, that partition {@code partition} of a class-conditional
     * model draws at local step {@code localStep}: the rows of {@link #realBatch}.
     */
    public static BatchSampler.LabelledBatch labelledRealBatch(GanModelSpec spec, TrainingSettings settings,
                                                               PhaseRequest request, ExampleBlock block, int partition,
                                                               int localStep) {
        return BatchSampler.labelledRealBatch(block,
                RngStream.REAL_BATCH.at(settings.seed(), request.streamCoordinates(partition, localStep)),
                settings.batchPerPartition(), spec.dataType(), spec.classes());
    }

    /**
     * The classes partition {@code partition} of a class-conditional model asks G for at local step
     * {@code localStep} (one per latent row), or null for an unconditional model.
     */
    public static int[] fakeLabels(GanModelSpec spec, TrainingSettings settings, PhaseRequest request, int partition,
                                   int localStep) {
        if (spec.classes() == 0) return null;
        SplittableRandom rng = RngStream.FAKE_LABELS.at(settings.seed(), request.streamCoordinates(partition, localStep));
        return settings.classPrior() == null
                ? BatchSampler.uniformLabels(rng, settings.batchPerPartition(), spec.classes())
                : settings.classPrior().draw(rng, settings.batchPerPartition());
    }

    /** The latent minibatch partition {@code partition} draws at local step {@code localStep}. */
    public static INDArray latentBatch(GanModelSpec spec, TrainingSettings settings, PhaseRequest request,
                                       int partition, int localStep) {
        return BatchSampler.latent(RngStream.LATENT.at(settings.seed(), request.streamCoordinates(partition, localStep)),
                settings.batchPerPartition(), spec.latentDim(), spec.dataType());
    }

    /** Computes the phase's gradient sum on given batches; leaves it in the trained network's gradients. */
    public static PhaseStats gradient(GanStep step, TrainingSettings settings, Phase phase, FlatVector thetaG,
                                      FlatVector thetaD, INDArray real, INDArray z) {
        return gradient(step, settings, phase, thetaG, thetaD, real, null, z, null);
    }

    /**
     * As above for a class-conditional model: {@code realLabels} are the real rows' classes (D
     * phase), {@code fakeLabels} the classes asked of G for the rows of z; both null for an
     * unconditional model.
     */
    public static PhaseStats gradient(GanStep step, TrainingSettings settings, Phase phase, FlatVector thetaG,
                                      FlatVector thetaD, INDArray real, int[] realLabels, INDArray z,
                                      int[] fakeLabels) {
        return phase == Phase.DISCRIMINATOR
                ? step.discriminatorGradient(thetaG, thetaD, real, realLabels, z, fakeLabels, settings.loss(),
                        settings.labelSmoothing(), settings.r1Gamma())
                : step.generatorGradient(thetaG, thetaD, z, fakeLabels, settings.loss());
    }

    /** The trained network's gradient vector after {@link #gradient}. */
    public static INDArray trainedGradients(GanStep step, Phase phase) {
        return phase == Phase.DISCRIMINATOR ? step.discriminator().gradients() : step.generator().gradients();
    }

    /** A real batch and its labels (null for an unconditional model). */
    private record Real(INDArray rows, int[] labels) {
        static final Real NONE = new Real(null, null);
    }

    private static Real real(GanModelSpec spec, TrainingSettings settings, PhaseRequest request, ExampleBlock block,
                             int partition, int localStep) {
        if (spec.classes() == 0) return new Real(realBatch(spec, settings, request, block, partition, localStep), null);
        BatchSampler.LabelledBatch b = labelledRealBatch(spec, settings, request, block, partition, localStep);
        return new Real(b.rows(), b.labels());
    }

    private static PhaseResult gradientSum(GanStep step, TrainingSettings settings, PhaseRequest request,
                                           ExampleBlock block, int partition) {
        GanModelSpec spec = step.spec();
        PhaseResult r = new PhaseResult();
        long dataStart = System.nanoTime();
        Real real = request.phase() == Phase.DISCRIMINATOR ? real(spec, settings, request, block, partition, 0) : Real.NONE;
        r.dataNanosSum = System.nanoTime() - dataStart;
        INDArray z = latentBatch(spec, settings, request, partition, 0);
        int[] fakeLabels = fakeLabels(spec, settings, request, partition, 0);
        r.stats = gradient(step, settings, request.phase(), request.thetaG(), request.thetaD(), real.rows, real.labels, z,
                fakeLabels);
        r.vector = FlatVector.of(trainedGradients(step, request.phase()));
        return r;
    }

    private static PhaseResult localSteps(GanStep step, TrainingSettings settings, PhaseRequest request,
                                          ExampleBlock block, int partition) {
        GanModelSpec spec = step.spec();
        Phase phase = request.phase();
        FlatVector thetaG = request.thetaG().copy();
        FlatVector thetaD = request.thetaD().copy();
        FlatVector trained = phase == Phase.DISCRIMINATOR ? thetaD : thetaG;
        Optimizer optimizer = new Optimizer(settings.optimizerFor(phase), trained.length(), spec.dataType());
        optimizer.restore(request.optimizerState(), request.optimizerIteration());
        optimizer.setLearningRate(settings.optimizerFor(phase).learningRate() * settings.learningRateScale(request.round()));

        PhaseResult r = new PhaseResult();
        for (int k = 0; k < settings.localSteps(); k++) {
            long dataStart = System.nanoTime();
            Real real = phase == Phase.DISCRIMINATOR ? real(spec, settings, request, block, partition, k) : Real.NONE;
            r.dataNanosSum += System.nanoTime() - dataStart;
            INDArray z = latentBatch(spec, settings, request, partition, k);
            int[] fakeLabels = fakeLabels(spec, settings, request, partition, k);
            PhaseStats stats = gradient(step, settings, phase, thetaG, thetaD, real.rows, real.labels, z, fakeLabels);
            r.stats.add(stats);
            optimizer.step(trained, FlatVector.of(trainedGradients(step, phase)), 1.0 / stats.examples);
        }
        r.vector = trained;
        r.optimizerState = optimizer.state();
        return r;
    }
}
