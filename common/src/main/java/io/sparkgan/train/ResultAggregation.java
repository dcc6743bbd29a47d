package io.sparkgan.train;

import io.sparkgan.util.EnumNames;

/**
 * How a Spark phase gathers its tasks' results on the driver ({@code train.aggregation}). DIRECT and
 * SLICED merge in partition order, so sync mode's sums are the same float additions in the same order
 * as one JVM's loop; TREE's merge order depends on timing.
 */
public enum ResultAggregation {
    /** DIRECT up to {@link #DIRECT_LIMIT} partitions, TREE beyond (the behaviour before this setting existed). */
    AUTO,
    /** The driver collects every task's whole result and merges them in partition order: N x |theta| bytes in. */
    DIRECT,
    /** Spark's treeAggregate (depth 2, 3 beyond 64 partitions): a small fan-in, timing-dependent merge order. */
    TREE,
    /**
     * Reduce-scatter over the shuffle: each task's vectors are cut into one slice per reducer, reducer s
     * merges slice s of every task in partition order, the driver concatenates: |theta| bytes in.
     */
    SLICED;

    /** Partitions up to which AUTO merges directly on the driver. */
    public static final int DIRECT_LIMIT = 8;

    /** What this setting does with {@code partitions} partitions (AUTO resolved; the others as they are). */
    public ResultAggregation resolve(int partitions) {
        if (this != AUTO) return this;
        return partitions <= DIRECT_LIMIT ? DIRECT : TREE;
    }

    /** The config spelling, e.g. "sliced". */
    public String configName() {
        return EnumNames.configName(this);
    }

    /** Parses a config value (auto, direct, tree, sliced). */
    public static ResultAggregation parse(String s) {
        return EnumNames.parse(ResultAggregation.class, s, "aggregation");
    }
}
