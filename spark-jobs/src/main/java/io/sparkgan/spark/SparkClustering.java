package io.sparkgan.spark;

import io.sparkgan.clustering.ClusterLabels;
import io.sparkgan.clustering.Clusters;
import io.sparkgan.clustering.ClusteringSummary;
import io.sparkgan.clustering.SelfConditioning;
import io.sparkgan.config.DataSettings;
import io.sparkgan.config.GanConfig;
import io.sparkgan.data.DataSource;
import io.sparkgan.data.FirstExamples;
import io.sparkgan.dataset.ShardedImageSource;
import io.sparkgan.run.TrainingRun;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The k-means clusters a self-conditioned run would start from, found on Spark exactly as training
 * finds them (the same data, seed, partitions, model.clusters, model.cluster-features and
 * model.cluster-iterations), and how good they are: their sizes and, for labelled data, their
 * purity and where each label went ({@code sparkgan clusters}). Nothing is trained or written.
 */
public final class SparkClustering {
    private SparkClustering() {}

    /**
     * Refuses, before Spark starts, what cannot be clustered.
     *
     * @param cfg the run's config
     * @param limit how many of the first examples to cluster, or null for all
     * @throws IllegalArgumentException naming the value and what to give instead
     */
    public static void check(GanConfig cfg, Long limit) {
        int k = cfg.model().clusters();
        if (k < 2) {
            throw new IllegalArgumentException("model.clusters is " + k + ", so training finds no clusters: give the"
                    + " number of clusters to look at, e.g. --set model.clusters=30 (at least 2)");
        }
        if (limit == null) return;
        int partitions = cfg.data().partitions();
        if (limit < k) {
            throw new IllegalArgumentException("--limit " + limit + " keeps fewer examples than the " + k + " clusters of"
                    + " model.clusters: give --limit " + k + " or more");
        }
        if (limit < partitions) {
            throw new IllegalArgumentException("--limit " + limit + " keeps fewer examples than data.partitions ("
                    + partitions + "): give --limit " + partitions + " or more");
        }
        if (cfg.data().source() == DataSettings.Source.CSV) {
            throw new IllegalArgumentException("--limit takes the first examples of an image set or a generated set;"
                    + " a CSV input (data.source = csv) is read on the executors: cluster a smaller file instead");
        }
    }

    /**
     * Loads the configured data set (its first {@code limit} examples) into cached blocks, clusters
     * them as training would, counts the labels of every cluster if the data set is labelled, and
     * releases the blocks.
     *
     * @param sc where the data is loaded and clustered
     * @param cfg the run's config
     * @param limit how many of the first examples to cluster, or null for all
     * @throws IllegalArgumentException as {@link #check}
     * @throws io.sparkgan.config.ConfigError if the features do not apply to the data
     */
    public static ClusteringSummary summarise(JavaSparkContext sc, GanConfig cfg, Long limit) {
        check(cfg, limit);
        DataSource data;
        TrainingBlocks blocks;
        if (cfg.data().source() == DataSettings.Source.CSV) {
            CsvBlocks.Loaded csv = CsvBlocks.load(sc, cfg.data());
            data = csv.source();
            blocks = csv.blocks();
        } else {
            data = TrainingRun.openData(cfg, sc.hadoopConfiguration(), null);
            if (limit != null && limit < data.size()) data = new FirstExamples(data, limit);
            // refused before the data is loaded: features that do not fit the data
            SelfConditioning.features(cfg, data);
            blocks = TrainingBlocks.load(sc, data, cfg.data().partitions());
        }
        try (TrainingBlocks loaded = blocks) {
            long start = System.nanoTime();
            Clusters clusters = SelfConditioning.clusters(cfg, data, null, false,
                    unlabelled -> SparkBlockAggregator.over(sc, loaded));
            double seconds = (System.nanoTime() - start) / 1e9;
            ClusterLabels table = data.classes() > 0 ? labels(sc, loaded, clusters, data.classes()) : null;
            return ClusteringSummary.of(data.describe(), clusters, seconds, table, labelNames(data));
        }
    }

    /** The labels of every cluster, counted where the blocks are and merged in partition order. */
    private static ClusterLabels labels(JavaSparkContext sc, TrainingBlocks blocks, Clusters clusters, int classes) {
        List<ClusterLabels> parts = SparkBlockAggregator.over(sc, blocks).map("clusters: labels by cluster",
                (p, block) -> ClusterLabels.of(block, clusters, classes));
        ClusterLabels total = parts.get(0);
        for (int p = 1; p < parts.size(); p++) total.merge(parts.get(p));
        return total;
    }

    /** A prepared image set's class names (IDX digits, folder names), or null. */
    private static List<String> labelNames(DataSource data) {
        DataSource source = data instanceof FirstExamples first ? first.source() : data;
        return source instanceof ShardedImageSource images && images.manifest().labelled()
                ? images.manifest().classes() : null;
    }
}
