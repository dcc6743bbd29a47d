package io.sparkgan.ml;

import io.sparkgan.data.ExampleBlock;
import io.sparkgan.images.ImageShape;
import io.sparkgan.spark.ExecutorBuiltSource;
import io.sparkgan.spark.SparkContexts;
import io.sparkgan.spark.TaskErrors;
import io.sparkgan.spark.TrainingBlocks;
import io.sparkgan.util.DataFormatException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.PartitionPruningRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Function1;

/**
 * A DataFrame as training blocks: each partition becomes one {@link io.sparkgan.data.VectorBlock}
 * on the executor that holds it, cached there for the whole fit, exactly as the blocks of a CSV
 * or prepared image set are. The driver gets a summary per block (size, example length, largest
 * label: {@link BlockSummary}), never rows. Empty partitions (e.g. after a filter) are left out;
 * block p of the others is training partition p, so its minibatches are drawn as partition p's.
 */
final class DataFrameBlocks {
    private static final Logger LOG = LoggerFactory.getLogger(DataFrameBlocks.class);

    private DataFrameBlocks() {}

    /**
     * The cached blocks and what they hold.
     *
     * @param blocks the training data, one block per non-empty partition
     * @param source the data set's size, example length and classes
     */
    record Loaded(TrainingBlocks blocks, ExecutorBuiltSource source) {
    }

    /**
     * Builds and caches the blocks of {@code data}, checking every row.
     *
     * @param sc the context
     * @param data the DataFrame
     * @param examples how the example column becomes blocks
     * @param featuresCol the example column
     * @param labelCol the label column, or null for an unconditional model
     * @param pathCol a column naming each row's file (binaryFile's path), selected after the label, or null
     * @param numClasses labels must be below this; 0: K is the largest label + 1
     * @throws DataFormatException naming the column and an offending row, for a bad row, examples of
     *         different lengths, or a DataFrame without rows
     */
    static Loaded load(JavaSparkContext sc, Dataset<?> data, ExampleColumn examples, String featuresCol,
                       String labelCol, String pathCol, int numClasses) {
        List<Column> columns = new ArrayList<>(List.of(data.col(featuresCol)));
        if (labelCol != null) columns.add(data.col(labelCol));
        if (pathCol != null) columns.add(data.col(pathCol));
        JavaRDD<Row> rows = data.select(columns.toArray(new Column[0])).toJavaRDD();
        int partitions = rows.getNumPartitions();
        SparkContexts.awaitTaskSlots(sc, partitions);
        sc.setJobDescription("load data: DataFrame column '" + featuresCol + "' into " + partitions + " blocks");
        JavaRDD<ExampleBlock> all = rows.mapPartitionsWithIndex(new BlockBuilder(examples, labelCol, numClasses),
                true).setName("training data (DataFrame column '" + featuresCol + "')");
        long start = System.nanoTime();
        List<BlockSummary> summaries = TrainingBlocks.cacheWhile(all, () -> TaskErrors.unwrapped(() ->
                all.mapPartitionsWithIndex((p, it) -> Collections.singletonList(BlockSummary.of(p, it.next()))
                        .iterator(), true).collect()));
        try {
            ExecutorBuiltSource source = check(summaries, featuresCol, numClasses);
            LOG.info("Cached {} in {} ms", source.describe(), (System.nanoTime() - start) / 1_000_000);
            return new Loaded(withoutEmpty(all, summaries), source);
        } catch (RuntimeException e) {
            all.unpersist(false);
            throw e;
        }
    }

    /** The blocks' data set, or why they cannot be trained on. */
    private static ExecutorBuiltSource check(List<BlockSummary> summaries, String column, int numClasses) {
        BlockSummary first = null;
        long size = 0;
        int maxLabel = -1;
        int nonEmpty = 0;
        for (BlockSummary s : summaries) {
            if (s.rows() == 0) continue;
            nonEmpty++;
            size += s.rows();
            maxLabel = Math.max(maxLabel, s.maxLabel());
            if (first == null) {
                first = s;
            } else if (s.shape() != null && !s.shape().equals(first.shape())) {
                throw new DataFormatException("column '" + column + "' holds images of different shapes: row 0 of"
                        + " DataFrame partition " + s.partition() + " " + s.firstRow() + ", row 0 of partition "
                        + first.partition() + " " + first.firstRow() + ". Every image must have the model's shape:"
                        + " set imageResize to true to scale, crop and convert them as sparkgan prepare does");
            } else if (s.dim() != first.dim()) {
                throw new DataFormatException("column '" + column + "' holds examples of different lengths: row 0 of"
                        + " DataFrame partition " + s.partition() + " has " + s.dim() + " values " + s.firstRow()
                        + ", row 0 of partition " + first.partition() + " has " + first.dim() + " " + first.firstRow()
                        + ". Every example must have the same length");
            }
        }
        if (first == null) {
            throw new DataFormatException("column '" + column + "': the DataFrame has no rows (" + summaries.size()
                    + " partitions, all empty); fit needs at least one example");
        }
        int classes = maxLabel < 0 ? 0 : numClasses > 0 ? numClasses : maxLabel + 1;
        ImageShape shape = first.shape();
        String description = "DataFrame column '" + column + "' (" + size + " x "
                + (shape == null ? first.dim() : shape.describe()) + ", " + nonEmpty + " partitions"
                + (classes > 0 ? ", " + classes + " classes" : "") + ")";
        return new ExecutorBuiltSource(description, first.dim(), size, classes, shape,
                "one per DataFrame partition, GanEstimator.fit");
    }

    /** {@code all} without its empty blocks, renumbered 0.. in order. */
    private static TrainingBlocks withoutEmpty(JavaRDD<ExampleBlock> all, List<BlockSummary> summaries) {
        Set<Integer> keep = new TreeSet<>();
        for (BlockSummary s : summaries) if (s.rows() > 0) keep.add(s.partition());
        if (keep.size() == summaries.size()) return TrainingBlocks.ofCached(all, all, keep.size());
        LOG.warn("{} of the DataFrame's {} partitions are empty and left out; training uses the other {}",
                summaries.size() - keep.size(), summaries.size(), keep.size());
        Function1<Object, Object> kept = (Function1<Object, Object> & Serializable) p -> keep.contains((Integer) p);
        JavaRDD<ExampleBlock> pruned = PartitionPruningRDD.create(all.rdd(), kept).toJavaRDD();
        return TrainingBlocks.ofCached(pruned, all, keep.size());
    }
}
