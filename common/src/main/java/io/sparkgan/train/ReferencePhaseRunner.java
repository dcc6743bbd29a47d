package io.sparkgan.train;

import io.sparkgan.nn.FlatVector;
import io.sparkgan.data.DataSource;
import io.sparkgan.data.ExampleBlock;
import io.sparkgan.gan.GanStep;
import io.sparkgan.gan.Phase;
import io.sparkgan.model.GanModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import io.sparkgan.data.BatchSampler;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The single-JVM reference: in sync mode it stacks the minibatches every partition would draw
 * into ONE global batch and takes one gradient over it, which is what distributed gradient
 * averaging must reproduce. In average mode it runs each partition's local steps in turn.
 * Models with batch norm normalise each partition's minibatch with its own statistics (as
 * PyTorch DDP without SyncBatchNorm: "ghost batch norm"), so for them the reference also
 * computes partition by partition and sums.
 */
public final class ReferencePhaseRunner implements PhaseRunner {
    private final GanModelSpec spec;
    private final TrainingSettings settings;
    private final List<ExampleBlock> blocks;
    private final GanStep step;

    /**
     * @param spec the model
     * @param settings the training settings; their result encoding must be FLOAT32 (see below)
     * @param data the training data
     * @param partitions how many partitions' minibatches make the global batch
     */
    public ReferencePhaseRunner(GanModelSpec spec, TrainingSettings settings, DataSource data, int partitions) {
        if (settings.resultEncoding().rounds()) {
            // Its sync-mode gradient is one global-batch gradient: there are no task results to round,
            // and the reference is what the distributed trainers are checked against.
            throw new IllegalArgumentException("the reference trainer (--reference) has no task results to encode:"
                    + " config key 'train.result-encoding' is " + settings.resultEncoding().configName()
                    + "; set it to float32, or train on Spark (or with threads) to send 16-bit results");
        }
        this.spec = spec;
        this.settings = settings;
        this.blocks = data.partitions(partitions);
        this.step = new GanStep(spec);
    }

    @Override
    public int partitions() {
        return blocks.size();
    }

    @Override
    public PhaseOutcome run(PhaseRequest request) {
        long start = System.nanoTime();
        boolean batchNorm = step.generator().numBuffers() + step.discriminator().numBuffers() > 0;
        PhaseResult merged = settings.mode() == TrainingSettings.Mode.SYNC && !batchNorm
                ? globalBatch(request) : eachPartition(request);
        long nanos = System.nanoTime() - start;
        merged.computeNanosMax = nanos;
        merged.computeNanosSum = nanos;
        return new PhaseOutcome(merged, 0, nanos, 0, 0);
    }

    private PhaseResult globalBatch(PhaseRequest request) {
        Phase phase = request.phase();
        step.setBuffers(request.buffersG(), request.buffersD());
        boolean conditional = spec.classes() > 0;
        List<INDArray> reals = new ArrayList<>();
        List<INDArray> latents = new ArrayList<>();
        IntStream.Builder realLabels = IntStream.builder();
        IntStream.Builder fakeLabels = IntStream.builder();
        for (int p = 0; p < blocks.size(); p++) {
            if (phase == Phase.DISCRIMINATOR && conditional) {
                BatchSampler.LabelledBatch b = PartitionWork.labelledRealBatch(spec, settings, request, blocks.get(p), p, 0);
                reals.add(b.rows());
                for (int y : b.labels()) realLabels.add(y);
            } else if (phase == Phase.DISCRIMINATOR) {
                reals.add(PartitionWork.realBatch(spec, settings, request, blocks.get(p), p, 0));
            }
            latents.add(PartitionWork.latentBatch(spec, settings, request, p, 0));
            if (conditional) for (int y : PartitionWork.fakeLabels(spec, settings, request, p, 0)) fakeLabels.add(y);
        }
        INDArray real = phase == Phase.DISCRIMINATOR ? Nd4j.vstack(reals) : null;
        INDArray z = Nd4j.vstack(latents);
        PhaseResult r = new PhaseResult();
        r.stats = PartitionWork.gradient(step, settings, phase, request.thetaG(), request.thetaD(), real,
                conditional && phase == Phase.DISCRIMINATOR ? realLabels.build().toArray() : null, z,
                conditional ? fakeLabels.build().toArray() : null);
        r.vector = FlatVector.of(PartitionWork.trainedGradients(step, phase));
        r.buffersG = step.generator().bufferCopy().scaleInPlace(blocks.size());
        r.buffersD = step.discriminator().bufferCopy().scaleInPlace(blocks.size());
        r.partitions = blocks.size();
        return r;
    }

    private PhaseResult eachPartition(PhaseRequest request) {
        PhaseResult merged = new PhaseResult();
        for (int p = 0; p < blocks.size(); p++) {
            merged.merge(PartitionWork.run(step, settings, request, blocks.get(p), p));
        }
        return merged;
    }
}
