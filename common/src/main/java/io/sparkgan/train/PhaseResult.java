package io.sparkgan.train;

import io.sparkgan.nn.FlatVector;
import io.sparkgan.gan.PhaseStats;
import java.io.Serializable;

/**
 * What partitions return for one phase, mergeable by addition: in sync mode the gradient SUM
 * of the trained network; in average mode the SUM of the partitions' parameters and optimiser
 * states after their local steps. Plus loss statistics and in-task compute time.
 */
public final class PhaseResult implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Gradient sum (sync) or parameter sum over partitions (average). */
    public FlatVector vector;
    /** Average mode: sum of the partitions' optimiser states, else null. */
    public FlatVector optimizerState;
    /** Sum over partitions of both networks' batch-norm running statistics after the phase. */
    public FlatVector buffersG;
    public FlatVector buffersD;
    public PhaseStats stats = new PhaseStats();
    /** Number of partitions merged into this result. */
    public int partitions;
    /** Longest in-task compute time among the merged partitions (the critical path). */
    public long computeNanosMax;
    /** Total in-task compute time of the merged partitions. */
    public long computeNanosSum;
    /** Time spent drawing real minibatches, summed over partitions (part of computeNanosSum). */
    public long dataNanosSum;

    /** Adds {@code other} into this result and returns this. */
    public PhaseResult merge(PhaseResult other) {
        if (other.partitions == 0) return this;
        if (partitions == 0) {
            vector = other.vector;
            optimizerState = other.optimizerState;
            buffersG = other.buffersG;
            buffersD = other.buffersD;
        } else {
            vector.addInPlace(other.vector);
            if (optimizerState != null) optimizerState.addInPlace(other.optimizerState);
            buffersG.addInPlace(other.buffersG);
            buffersD.addInPlace(other.buffersD);
        }
        stats.add(other.stats);
        partitions += other.partitions;
        computeNanosMax = Math.max(computeNanosMax, other.computeNanosMax);
        computeNanosSum += other.computeNanosSum;
        dataNanosSum += other.dataNanosSum;
        return this;
    }

    /** Bytes of vectors this result carries (for the bytes-moved figures). */
    public long byteSize() {
        return (vector == null ? 0 : vector.byteSize()) + (optimizerState == null ? 0 : optimizerState.byteSize())
                + (buffersG == null ? 0 : buffersG.byteSize() + buffersD.byteSize());
    }
}
