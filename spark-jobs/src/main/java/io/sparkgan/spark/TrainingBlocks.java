package io.sparkgan.spark;

import io.sparkgan.data.DataSource;
import io.sparkgan.data.ExampleBlock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training data on the executors: an RDD of one {@link ExampleBlock} per partition, built
 * where it is used and cached there for the whole run. Built from a {@link DataSource} (generated
 * sets, prepared images: {@link #load}) or from blocks someone else built and cached, e.g.
 * one per DataFrame partition or CSV input split ({@link #ofCached}). Closing releases the cache (and the source's broadcast).
 */
public final class TrainingBlocks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingBlocks.class);

    private final JavaRDD<ExampleBlock> blocks;
    private final JavaRDD<?> cached;
    private final Broadcast<?> source;
    private final int partitions;

    private TrainingBlocks(JavaRDD<ExampleBlock> blocks, JavaRDD<?> cached, Broadcast<?> source, int partitions) {
        this.blocks = blocks;
        this.cached = cached;
        this.source = source;
        this.partitions = partitions;
    }

    /**
     * Partition {@code p} of {@code source} as block {@code p}, built on an executor and cached. The
     * source travels once per executor as a broadcast, not inside every task (tasks carry their RDD
     * lineage): generated sets and prepared image sets are small descriptions of their data, but an
     * in-memory source (a CSV file read in one JVM, as tests do) holds all its rows. Command-line CSV
     * input is read on the executors instead ({@link CsvBlocks}).
     *
     * @param sc the context
     * @param source the data set
     * @param partitions number of blocks
     */
    public static TrainingBlocks load(JavaSparkContext sc, DataSource source, int partitions) {
        Broadcast<DataSource> broadcast = sc.broadcast(source);
        try {
            SparkContexts.awaitTaskSlots(sc, partitions);
            List<Integer> indices = new ArrayList<>();
            for (int p = 0; p < partitions; p++) indices.add(p);
            sc.setJobDescription("load data: " + source.describe());
            JavaRDD<ExampleBlock> rdd = sc.parallelize(indices, partitions)
                    .mapPartitionsWithIndex(new BuildPartition(broadcast, partitions), true)
                    .setName("training data (" + partitions + " blocks)");
            long start = System.nanoTime();
            long blocks = cacheWhile(rdd, rdd::count);
            LOG.info("Cached {} data blocks ({}) in {} ms", blocks, source.describe(),
                    (System.nanoTime() - start) / 1_000_000);
            return new TrainingBlocks(rdd, rdd, broadcast, partitions);
        } catch (Throwable e) { // SparkException too: Scala throws it undeclared
            // No blocks object exists to close: release the broadcast here (the data set's rows, for an in-memory source).
            try {
                broadcast.destroy();
            } catch (RuntimeException d) {
                e.addSuppressed(d);
            }
            throw e;
        }
    }

    /**
     * Blocks that are already cached; closing these unpersists {@code cached}.
     *
     * @param blocks one block per partition, in partition order: partition p draws minibatches as partition p
     * @param cached the persisted RDD {@code blocks} reads (itself, or its parent when some partitions were pruned)
     * @param partitions the number of partitions of {@code blocks}
     */
    public static TrainingBlocks ofCached(JavaRDD<ExampleBlock> blocks, JavaRDD<?> cached, int partitions) {
        Objects.requireNonNull(blocks, "blocks");
        Objects.requireNonNull(cached, "cached");
        if (blocks.getNumPartitions() != partitions) {
            throw new IllegalArgumentException("the blocks RDD has " + blocks.getNumPartitions() + " partitions, not "
                    + partitions);
        }
        return new TrainingBlocks(blocks, cached, null, partitions);
    }

    /**
     * Persists {@code rdd} (memory, spilling to disk) and runs {@code job} on it, which fills the
     * cache; if the job fails, the blocks of the partitions that did load are dropped again, since
     * they would otherwise stay cached for the context's lifetime.
     *
     * @param rdd the RDD to cache
     * @param job the first action on it (e.g. a count)
     * @return what the job returned
     */
    public static <T> T cacheWhile(JavaRDD<?> rdd, Supplier<T> job) {
        rdd.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            return job.get();
        } catch (Throwable e) { // SparkException too: Scala throws it undeclared
            try {
                rdd.unpersist(false);
            } catch (RuntimeException u) {
                e.addSuppressed(u);
            }
            throw e;
        }
    }

    /**
     * These blocks transformed on the executors by {@code f} and cached; this object's cache is
     * released, its source (the broadcast data set the blocks are rebuilt from if a cached block
     * is lost) is kept until the returned blocks are closed: close those, not these. If caching
     * fails, these blocks stay as they were, for their owner to close.
     *
     * @param f makes block p's replacement from block p, e.g. labels it
     * @param name the RDD's name in Spark's UI
     */
    public TrainingBlocks mapCached(Function<ExampleBlock, ExampleBlock> f, String name) {
        JavaRDD<ExampleBlock> mapped = blocks.map(f).setName(name);
        cacheWhile(mapped, mapped::count);
        cached.unpersist(false);
        return new TrainingBlocks(mapped, mapped, source, partitions);
    }

    /** One block per partition. */
    public JavaRDD<ExampleBlock> rdd() {
        return blocks;
    }

    /** Number of blocks. */
    public int partitions() {
        return partitions;
    }

    @Override
    public void close() {
        cached.unpersist(false);
        if (source != null) source.destroy();
    }

    /** Builds partition {@code index}'s block on the executor. */
    private static final class BuildPartition
            implements Function2<Integer, Iterator<Integer>, Iterator<ExampleBlock>> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<DataSource> source;
        private final int partitions;

        BuildPartition(Broadcast<DataSource> source, int partitions) {
            this.source = source;
            this.partitions = partitions;
        }

        @Override
        public Iterator<ExampleBlock> call(Integer index, Iterator<Integer> ignored) {
            return Collections.singletonList(source.value().partition(index, partitions)).iterator();
        }
    }
}
