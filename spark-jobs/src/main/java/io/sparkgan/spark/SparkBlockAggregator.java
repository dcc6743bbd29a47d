package io.sparkgan.spark;

import io.sparkgan.clustering.BlockAggregator;
import io.sparkgan.data.ExampleBlock;
import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A {@link BlockAggregator} over a data set's blocks cached on the executors: each call is one
 * Spark job (named by its description) whose tasks return only the function's result. Closing it
 * leaves the blocks cached: their owner releases them.
 */
public final class SparkBlockAggregator implements BlockAggregator {
    private final JavaSparkContext sc;
    private final TrainingBlocks blocks;

    private SparkBlockAggregator(JavaSparkContext sc, TrainingBlocks blocks) {
        this.sc = sc;
        this.blocks = blocks;
    }

    /** Over blocks someone else cached and releases ({@link #close} leaves them cached). */
    public static SparkBlockAggregator over(JavaSparkContext sc, TrainingBlocks blocks) {
        return new SparkBlockAggregator(sc, blocks);
    }

    @Override
    public int partitions() {
        return blocks.partitions();
    }

    @Override
    public <R extends Serializable> List<R> map(String description, BlockFunction<R> f) {
        sc.setJobDescription(description);
        try {
            return blocks.rdd().mapPartitionsWithIndex((Integer p, java.util.Iterator<ExampleBlock> it) ->
                    Collections.singletonList(f.apply(p, it.next())).iterator(), true).collect();
        } finally {
            sc.setJobDescription(null);
        }
    }

}
