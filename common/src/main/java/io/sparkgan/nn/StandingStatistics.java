package io.sparkgan.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * "Standing statistics" (Brock et al. 2019, BigGAN): batch-norm running statistics recomputed for
 * one fixed set of parameters, as the mean over several training-mode passes of every layer's batch
 * mean and unbiased batch variance. Training leaves a network with running statistics of the
 * parameters of its last steps; a moving average of those parameters is another network, and
 * sampling it with the live network's statistics normalises its activations with the wrong scale.
 */
public final class StandingStatistics {
    private StandingStatistics() {}

    /**
     * Sets the buffers of {@code network} (whose parameters must already be set) to the standing
     * statistics over {@code inputBatches} and returns a copy of them. Each batch needs at least 2
     * rows. A network without buffers is left as it is.
     */
    public static FlatVector recompute(Network network, List<INDArray> inputBatches) {
        return recompute(network, inputBatches, null);
    }

    /**
     * As {@link #recompute(Network, List)} for a class-conditional network: batch b's rows have the
     * classes {@code labels.get(b)}.
     *
     * @param network the network, parameters set
     * @param inputBatches input batches of at least 2 rows
     * @param labels one label array per batch, or null for an unconditional network
     */
    public static FlatVector recompute(Network network, List<INDArray> inputBatches, List<int[]> labels) {
        if (inputBatches.isEmpty()) throw new IllegalArgumentException("standing statistics need at least one input batch");
        if (labels != null && labels.size() != inputBatches.size()) {
            throw new IllegalArgumentException(labels.size() + " label arrays for " + inputBatches.size() + " batches");
        }
        for (Layer l : network.layers()) {
            if (l.numBuffers() > 0 && !(l instanceof BatchNorm) && !(l instanceof ConditionalBatchNorm)) {
                throw new IllegalStateException("standing statistics only know batch norm's buffers, not "
                        + l.getClass().getSimpleName() + "'s");
            }
        }
        INDArray buffers = network.buffers();
        if (buffers.length() == 0) return network.bufferCopy();
        INDArray sum = buffers.like().assign(0.0);
        for (int b = 0; b < inputBatches.size(); b++) {
            // A training-mode pass updates running = (1 - m) running + m batch; from 0 it leaves m batch.
            buffers.assign(0.0);
            network.forward(inputBatches.get(b), labels == null ? null : labels.get(b), true);
            sum.addi(buffers);
        }
        buffers.assign(sum.divi(BatchNorm.MOMENTUM * inputBatches.size()));
        return network.bufferCopy();
    }
}
