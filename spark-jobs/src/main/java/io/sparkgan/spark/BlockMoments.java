package io.sparkgan.spark;

import io.sparkgan.config.DataSettings;
import io.sparkgan.data.ExampleBlock;
import io.sparkgan.metrics.GaussianMomentSums;
import io.sparkgan.metrics.GaussianMoments;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The mean and covariance of a data set held in training blocks, computed where the blocks are:
 * one Spark job in which every partition adds its rows to a {@link GaussianMomentSums} and only
 * those sums (O(d²) doubles) are merged, by a tree aggregation, on their way to the driver. No row
 * reaches the driver. {@code sparkgan evaluate} scores CSV runs against these moments.
 */
public final class BlockMoments {
    /** Start of the job's description in Spark's UI and listeners. */
    public static final String JOB_DESCRIPTION = "real-data moments: ";

    private BlockMoments() {}

    /**
     * Moments of the rows of {@code blocks}.
     *
     * @param sc the context the blocks belong to
     * @param blocks cached blocks of {@code dim}-vectors (not closed here)
     * @param dim example length
     * @param description what the blocks hold, for the job's description
     * @throws IllegalArgumentException naming row and column of a value that is not finite
     * @throws IllegalStateException if the blocks hold fewer than 2 rows
     */
    public static GaussianMoments of(JavaSparkContext sc, TrainingBlocks blocks, int dim, String description) {
        Objects.requireNonNull(blocks, "blocks must not be null");
        sc.setJobDescription(JOB_DESCRIPTION + description + " (" + blocks.partitions() + " blocks)");
        // About each partition's first row: CSV columns may sit far from 0 (GaussianMomentSums).
        GaussianMomentSums sums = TaskErrors.unwrapped(() -> blocks.rdd().treeAggregate(
                GaussianMomentSums.aboutFirstRow(dim), BlockMoments::add, GaussianMomentSums::merge));
        return sums.toMoments();
    }

    /**
     * Moments of the CSV input of {@code settings}, read, checked and blocked on the executors exactly as
     * training reads it ({@link CsvBlocks#load}: bad rows fail with the same messages); the cached blocks are
     * released afterwards.
     *
     * @param sc the context
     * @param settings a run's data settings with data.source = csv
     * @throws IllegalArgumentException if data.source is not csv
     */
    public static GaussianMoments ofCsv(JavaSparkContext sc, DataSettings settings) {
        if (settings.source() != DataSettings.Source.CSV) {
            throw new IllegalArgumentException("data.source is " + settings.source().configName()
                    + ", not csv: only CSV input is read here");
        }
        CsvBlocks.Loaded csv = CsvBlocks.load(sc, settings);
        try (TrainingBlocks blocks = csv.blocks()) {
            return of(sc, blocks, csv.source().dim(), csv.source().describe());
        }
    }

    private static GaussianMomentSums add(GaussianMomentSums sums, ExampleBlock block) {
        return sums.add(block);
    }
}
