package io.sparkgan.clustering;

import io.sparkgan.data.ExampleBlock;
import java.io.Serializable;
import java.util.List;

/**
 * Runs a function on every data partition where the partition is (a Spark executor, or this JVM)
 * and returns the results to the caller in partition order. K-means uses it for its passes, so
 * the examples never travel, only the per-partition statistics. A derived aggregator keeps a
 * transform of every partition where the partition is (e.g. the examples' k-means features,
 * computed once for all passes).
 */
public interface BlockAggregator extends AutoCloseable {

    /** A function of one partition's examples and its index; serialised to where the data is. */
    @FunctionalInterface
    interface BlockFunction<R> extends Serializable {
        R apply(int partition, ExampleBlock block);
    }

    /** A function making a new block of one partition's examples; serialised to where the data is. */
    @FunctionalInterface
    interface BlockTransform extends Serializable {
        /**
         * The new block of partition {@code partition}.
         *
         * @param partition the partition's index
         * @param block its examples
         */
        ExampleBlock apply(int partition, ExampleBlock block);
    }

    /** Number of partitions. */
    int partitions();

    /**
     * {@code f} applied to every partition, results in partition order.
     *
     * @param description what the pass is, shown as the Spark job's description
     * @param f the function, run once per partition
     */
    <R extends Serializable> List<R> map(String description, BlockFunction<R> f);

    /**
     * An aggregator over {@code f}'s block of every partition, built once where the partition is
     * and kept there (Spark: cached on the executors; one JVM: in memory) until the returned
     * aggregator is closed. Closing it releases only the derived blocks: this aggregator stays
     * open, and is closed by whoever opened it.
     *
     * @param description what the blocks are, shown as the Spark job's description and the cached data's name
     * @param f makes partition p's derived block from its block, once
     */
    BlockAggregator derived(String description, BlockTransform f);

    /** Releases the partitions (e.g. Spark's cache of them). */
    @Override
    default void close() {
    }
}
