package io.sparkgan.train;

import io.sparkgan.gan.PhaseStats;
import io.sparkgan.nn.EncodedVector;
import io.sparkgan.nn.FlatVector;
import io.sparkgan.nn.VectorEncoding;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What partitions return for one phase, mergeable by addition: in sync mode the gradient SUM
 * of the trained network; in average mode the SUM of the partitions' parameters and optimiser
 * states after their local steps (or, with {@link #differences}, of their changes). Plus loss
 * statistics and in-task compute time.
 *
 * <p>A task's own result may travel in a 16-bit {@link VectorEncoding} ({@link #encode}); merging
 * decodes, so every sum is accumulated in float, and {@link #decode} gives the driver plain vectors.
 */
public final class PhaseResult implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Gradient sum (sync) or parameter sum over partitions (average); null while {@link #encode}d. */
    public FlatVector vector;
    /** Average mode: sum of the partitions' optimiser states, else null; null while {@link #encode}d. */
    public FlatVector optimizerState;
    /**
     * Average mode: {@link #vector} and {@link #optimizerState} hold the sums of the partitions'
     * CHANGES to the parameters and optimiser state they received, not of the values (a 16-bit
     * encoding of the values themselves would round away most of a small step).
     */
    public boolean differences;
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
    /** Bytes of vectors the merged partitions' own results carried, in their encoding (see {@link #byteSize}). */
    public long resultBytes;

    // The 16-bit forms of vector and optimizerState while this is one task's encoded result.
    private EncodedVector encodedVector;
    private EncodedVector encodedOptimizerState;

    /**
     * Replaces {@link #vector} and {@link #optimizerState} by their {@code encoding} (nothing for
     * FLOAT32) and returns this: a task's result before it travels.
     */
    public PhaseResult encode(VectorEncoding encoding) {
        if (!encoding.rounds() || vector == null) return this;
        encodedVector = EncodedVector.encode(vector, encoding);
        vector = null;
        if (optimizerState != null) {
            encodedOptimizerState = EncodedVector.encode(optimizerState, encoding);
            optimizerState = null;
        }
        return this;
    }

    /** Makes {@link #vector} and {@link #optimizerState} plain float vectors again (the rounded values); returns this. */
    public PhaseResult decode() {
        if (encodedVector != null) {
            vector = encodedVector.decode();
            encodedVector = null;
        }
        if (encodedOptimizerState != null) {
            optimizerState = encodedOptimizerState.decode();
            encodedOptimizerState = null;
        }
        return this;
    }

    /** True while the vectors are in a 16-bit encoding. */
    public boolean isEncoded() {
        return encodedVector != null;
    }

    /**
     * Average mode, before {@link #encode}: turns the parameters and optimiser state into their
     * changes from what the task received.
     *
     * @param receivedParameters the trained network's parameters the task started from
     * @param receivedState the optimiser state it started from (null: a fresh optimiser, i.e. zeros)
     */
    public void toDifferences(FlatVector receivedParameters, FlatVector receivedState) {
        if (differences) throw new IllegalStateException("this result already holds differences");
        vector.addScaled(receivedParameters, -1);
        if (optimizerState != null && receivedState != null) optimizerState.addScaled(receivedState, -1);
        differences = true;
    }

    /** Adds {@code other} into this result and returns this. */
    public PhaseResult merge(PhaseResult other) {
        if (other.partitions == 0) return this;
        if (partitions == 0) {
            // Taken as it is, encoded or not: a tree level's first input travels on unchanged.
            vector = other.vector;
            optimizerState = other.optimizerState;
            encodedVector = other.encodedVector;
            encodedOptimizerState = other.encodedOptimizerState;
            differences = other.differences;
            buffersG = other.buffersG;
            buffersD = other.buffersD;
        } else {
            if (differences != other.differences) {
                throw new IllegalStateException("cannot merge a result of parameter values with one of parameter"
                        + " changes (tasks of one phase disagree about train.result-encoding)");
            }
            decode();
            other.decode();
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
        resultBytes += other.resultBytes;
        return this;
    }

    /**
     * Slice {@code slice} of {@code slices} of this result, for a reduce-scatter: {@link #vector} and
     * {@link #optimizerState} cut into contiguous ranges ({@link SliceRanges}) and kept in their
     * current encoding. Slice 0 also carries everything else (batch-norm statistics, loss statistics,
     * timings); the others carry empty statistics vectors, so that pieces of one slice merge with
     * {@link #merge} exactly as whole results do, element by element. Each piece counts this result's
     * partitions and its own bytes.
     *
     * @param slice which slice, 0 .. slices - 1
     * @param slices how many slices the result is cut into
     */
    public PhaseResult slice(int slice, int slices) {
        if (partitions == 0) throw new IllegalStateException("an empty result has nothing to slice");
        PhaseResult piece = new PhaseResult();
        piece.differences = differences;
        piece.partitions = partitions;
        int length = encodedVector != null ? encodedVector.length() : vector.length();
        int from = SliceRanges.start(length, slices, slice);
        int to = SliceRanges.start(length, slices, slice + 1);
        if (encodedVector != null) piece.encodedVector = encodedVector.slice(from, to);
        else piece.vector = vector.slice(from, to);
        if (encodedOptimizerState != null || optimizerState != null) {
            // Average mode's optimiser state has its own length (e.g. Adam's two moments).
            int stateLength = encodedOptimizerState != null ? encodedOptimizerState.length() : optimizerState.length();
            int stateFrom = SliceRanges.start(stateLength, slices, slice);
            int stateTo = SliceRanges.start(stateLength, slices, slice + 1);
            if (encodedOptimizerState != null) piece.encodedOptimizerState = encodedOptimizerState.slice(stateFrom, stateTo);
            else piece.optimizerState = optimizerState.slice(stateFrom, stateTo);
        }
        if (slice == 0) {
            piece.buffersG = buffersG;
            piece.buffersD = buffersD;
            piece.stats = stats;
            piece.computeNanosMax = computeNanosMax;
            piece.computeNanosSum = computeNanosSum;
            piece.dataNanosSum = dataNanosSum;
        } else {
            piece.buffersG = FlatVector.zeros(buffersG.dataType(), 0);
            piece.buffersD = FlatVector.zeros(buffersD.dataType(), 0);
        }
        piece.resultBytes = piece.byteSize();
        return piece;
    }

    /**
     * Joins merged slices (of {@link #slice}, each merged over the same partitions) into one result,
     * decoded: the vectors concatenated in slice order, everything else from slice 0, the bytes summed.
     *
     * @param slices merged slices 0 .. n - 1, in that order
     */
    public static PhaseResult concatenate(List<PhaseResult> slices) {
        if (slices.isEmpty()) throw new IllegalArgumentException("no slices to concatenate");
        PhaseResult first = slices.get(0);
        List<FlatVector> vectors = new ArrayList<>();
        List<FlatVector> states = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < slices.size(); i++) {
            PhaseResult s = slices.get(i).decode();
            if (s.partitions != first.partitions || s.differences != first.differences
                    || (s.optimizerState == null) != (first.optimizerState == null)) {
                throw new IllegalStateException("slice " + i + " merged " + s.partitions + " partitions (differences "
                        + s.differences + "), slice 0 merged " + first.partitions + " (differences " + first.differences
                        + "): the slices of one phase must cover the same task results");
            }
            vectors.add(s.vector);
            if (s.optimizerState != null) states.add(s.optimizerState);
            bytes += s.resultBytes;
        }
        PhaseResult whole = new PhaseResult();
        whole.vector = FlatVector.concatenate(vectors);
        whole.optimizerState = states.isEmpty() ? null : FlatVector.concatenate(states);
        whole.differences = first.differences;
        whole.buffersG = first.buffersG;
        whole.buffersD = first.buffersD;
        whole.stats = first.stats;
        whole.partitions = first.partitions;
        whole.computeNanosMax = first.computeNanosMax;
        whole.computeNanosSum = first.computeNanosSum;
        whole.dataNanosSum = first.dataNanosSum;
        whole.resultBytes = bytes;
        return whole;
    }

    /** Bytes of vectors this result carries, in their current encoding (for the bytes-moved figures). */
    public long byteSize() {
        long v = encodedVector != null ? encodedVector.byteSize() : vector == null ? 0 : vector.byteSize();
        long s = encodedOptimizerState != null ? encodedOptimizerState.byteSize()
                : optimizerState == null ? 0 : optimizerState.byteSize();
        return v + s + (buffersG == null ? 0 : buffersG.byteSize() + buffersD.byteSize());
    }
}
