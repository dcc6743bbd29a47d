package io.sparkgan.data;

/**
 * A partition's examples, as the trainer sees them: a number of rows of {@code dim} floats that
 * can be copied out one at a time. Generated and CSV data live in a {@link VectorBlock} on the
 * heap; prepared image shards are memory-mapped and converted row by row, so a partition larger
 * than the executor's heap still trains.
 */
public interface ExampleBlock {

    /** Number of examples. */
    int rows();

    /** Size of one example. */
    int dim();

    /** Copies row {@code i} into {@code dst} at {@code offset}, as {@code dim()} floats. */
    void copyRow(int i, float[] dst, int offset);

    /** Whether every example carries a class label. */
    default boolean labelled() {
        return false;
    }

    /**
     * The class label of example {@code i}, as stored (not range-checked here).
     *
     * @param i example index in [0, rows())
     * @throws IllegalStateException if the block is not {@link #labelled()}
     */
    default int label(int i) {
        throw new IllegalStateException("these examples have no labels");
    }

    /** Where example {@code i} comes from, for error messages (e.g. a shard file and the image's index in it). */
    default String rowName(int i) {
        return "example " + i + " of this partition";
    }
}
