package io.sparkgan.clustering;

import io.sparkgan.data.DataSource;
import io.sparkgan.data.ExampleBlock;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** A {@link BlockAggregator} over partitions held in this JVM (the reference and threaded trainers). */
public final class LocalBlockAggregator implements BlockAggregator {
    private final List<ExampleBlock> blocks;

    /** The {@code partitions} partitions of {@code data}, built once and kept for every pass. */
    public LocalBlockAggregator(DataSource data, int partitions) {
        this(data.partitions(partitions));
    }

    private LocalBlockAggregator(List<ExampleBlock> blocks) {
        this.blocks = blocks;
    }

    @Override
    public int partitions() {
        return blocks.size();
    }

    @Override
    public <R extends Serializable> List<R> map(String description, BlockFunction<R> f) {
        List<R> results = new ArrayList<>(blocks.size());
        for (int p = 0; p < blocks.size(); p++) results.add(f.apply(p, blocks.get(p)));
        return results;
    }

    /** The derived blocks are built here, now, and dropped with the returned aggregator. */
    @Override
    public BlockAggregator derived(String description, BlockTransform f) {
        List<ExampleBlock> derived = new ArrayList<>(blocks.size());
        for (int p = 0; p < blocks.size(); p++) derived.add(f.apply(p, blocks.get(p)));
        return new LocalBlockAggregator(derived);
    }
}
