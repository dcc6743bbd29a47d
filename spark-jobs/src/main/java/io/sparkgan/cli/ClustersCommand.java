package io.sparkgan.cli;

import io.sparkgan.clustering.ClusteringSummary;
import io.sparkgan.config.GanConfig;
import io.sparkgan.config.Recipes;
import io.sparkgan.spark.SparkClustering;
import io.sparkgan.util.AtomicFiles;
import io.sparkgan.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sparkgan clusters}: the k-means clusters a self-conditioned recipe would train on, found
 * on Spark as training finds them, and how good they are, so features and K can be compared
 * before a long run.
 */
@Command(name = "clusters", mixinStandardHelpOptions = true,
        description = "Run the k-means a self-conditioned run (model.clusters = K) starts with, on Spark, with the"
                + " recipe's data, seed, data.partitions, model.clusters, model.cluster-features and"
                + " model.cluster-iterations, and print K, the features, iterations, seconds, cluster sizes and,"
                + " for a labelled data set, the clusters' purity (share of examples whose label is their cluster's"
                + " most common label) and where each label went. Trains nothing.")
final class ClustersCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, required = true, completionCandidates = Recipes.class,
            description = "Config file, or a recipe name from conf/ (${COMPLETION-CANDIDATES}).")
    String config;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Override a config key, e.g. --set model.cluster-features=hog or --set model.clusters=50"
                    + " (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--limit", paramLabel = "N",
            description = "Cluster the first N examples only (partitioned as a data set of N examples), for quick"
                    + " comparisons. Not for CSV input.")
    Long limit;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the figures as JSON to this local file.")
    Path out;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() {
        GanConfig cfg = GanConfig.load(config, overrides);
        SparkClustering.check(cfg, limit);
        ClusteringSummary summary;
        try (JavaSparkContext sc = spark.create("sparkgan clusters " + config)) {
            summary = SparkClustering.summarise(sc, cfg, limit);
        }
        System.out.print(summary.text());
        if (out != null) {
            try {
                AtomicFiles.write(new org.apache.hadoop.fs.Path(out.toAbsolutePath().toUri()),
                        Json.pretty(summary).getBytes(StandardCharsets.UTF_8), new Configuration());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out, e);
            }
            System.out.println("Written to " + out);
        }
        return 0;
    }
}
