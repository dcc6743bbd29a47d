package io.sparkgan.spark;

import io.sparkgan.clustering.BlockAggregator;
import io.sparkgan.data.ExampleBlock;
import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A {@link BlockAggregator} over a data set's blocks cached on the executors: each call is one
 * Spark job (named by its description) whose tasks return only the function's result. Closing one
 * made {@link #over} someone's blocks leaves them cached (their owner releases them); closing a
 * {@link #derived} one unpersists the blocks it cached.
 */
public final class SparkBlockAggregator implements BlockAggregator {
    private final JavaSparkContext sc;
    private final TrainingBlocks blocks;
    /** Whether {@link #close} releases the blocks (they were cached for this aggregator alone). */
    private final boolean owned;

    private SparkBlockAggregator(JavaSparkContext sc, TrainingBlocks blocks, boolean owned) {
        this.sc = sc;
        this.blocks = blocks;
        this.owned = owned;
    }

    /** Over blocks someone else cached and releases ({@link #close} leaves them cached). */
    public static SparkBlockAggregator over(JavaSparkContext sc, TrainingBlocks blocks) {
        return new SparkBlockAggregator(sc, blocks, false);
    }

    @Override
    public int partitions() {
        return blocks.partitions();
    }

    @Override
    public <R extends Serializable> List<R> map(String description, BlockFunction<R> f) {
        sc.setJobDescription(description);
        try {
            return blocks.rdd().mapPartitionsWithIndex((Integer p, Iterator<ExampleBlock> it) ->
                    Collections.singletonList(f.apply(p, it.next())).iterator(), true).collect();
        } finally {
            sc.setJobDescription(null);
        }
    }

    /**
     * The derived blocks are built by one job and cached next to these (memory, spilling to disk);
     * a lost one is rebuilt from its parent. Closing the returned aggregator unpersists them.
     */
    @Override
    public BlockAggregator derived(String description, BlockTransform f) {
        JavaRDD<ExampleBlock> derived = blocks.rdd().mapPartitionsWithIndex((Integer p, Iterator<ExampleBlock> it) ->
                Collections.singletonList(f.apply(p, it.next())).iterator(), true).setName(description);
        sc.setJobDescription(description);
        try {
            TrainingBlocks.cacheWhile(derived, derived::count);
        } finally {
            sc.setJobDescription(null);
        }
        return new SparkBlockAggregator(sc, TrainingBlocks.ofCached(derived, derived, partitions()), true);
    }

    @Override
    public void close() {
        if (owned) blocks.close();
    }
}
