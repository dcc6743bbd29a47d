package io.sparkgan.data;

import java.io.Serializable;

/**
 * A training set split into contiguous partitions. Partition {@code p} of {@code P} holds
 * examples {@code [p*n/P, (p+1)*n/P)}; generated sources make each example from (seed, index)
 * alone, so the data set is the same whatever the partition count and each partition can be
 * built where it is used (on an executor) without the rest.
 */
public interface DataSource extends Serializable {

    /** Size of one example. */
    int dim();

    /** Number of examples. */
    long size();

    /** The examples of partition {@code index} of {@code count}. */
    ExampleBlock partition(int index, int count);

    /** All {@code count} partitions, in order (for trainers that run in one JVM). */
    default java.util.List<ExampleBlock> partitions(int count) {
        java.util.List<ExampleBlock> blocks = new java.util.ArrayList<>();
        for (int p = 0; p < count; p++) blocks.add(partition(p, count));
        return blocks;
    }

    /** The image shape of each example, or null if examples are plain vectors. */
    default io.sparkgan.images.ImageShape imageShape() {
        return null;
    }

    /**
     * Number of classes K of a labelled data set (labels in [0, K)), 0 if its examples have no labels.
     * A prepared image set's comes from its manifest.
     */
    default int classes() {
        return 0;
    }

    /** One line for logs and provenance. */
    String describe();

    /**
     * First index of range {@code index} when {@code size} items are cut into {@code count} contiguous
     * ranges whose lengths differ by at most one (for {@code index == count}: {@code size}). Used for a
     * data set's partitions and for the slices of a result vector alike.
     */
    static long partitionStart(long size, int index, int count) {
        return size * index / count;
    }
}
