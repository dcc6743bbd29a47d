package io.sparkgan.train;

/**
 * Runs one phase on every partition and merges the results. The Spark runner broadcasts and
 * tree-aggregates; the reference runner does it in this JVM. The training loop is the same.
 */
public interface PhaseRunner extends AutoCloseable {

    /** Number of data partitions (each draws its own minibatch). */
    int partitions();

    /** Runs {@code request} on all partitions. */
    PhaseOutcome run(PhaseRequest request);

    /** Releases cached data and broadcasts. */
    @Override
    default void close() {
    }
}
