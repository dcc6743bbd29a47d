package io.sparkgan.clustering;

import io.sparkgan.data.ExampleBlock;
import java.io.Serializable;
import java.util.List;

/**
 * Runs a function on every data partition where the partition is (a Spark executor, or this JVM)
 * and returns the results to the caller in partition order. K-means uses it for its passes, so
 * the examples never travel, only the per-partition statistics.
 */
public interface BlockAggregator extends AutoCloseable {

    /** A function of one partition's examples and its index; serialised to where the data is. */
    @FunctionalInterface
    interface BlockFunction<R> extends Serializable {
        R apply(int partition, ExampleBlock block);
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

    /** Releases the partitions (e.g. Spark's cache of them). */
    @Override
    default void close() {
    }
}
