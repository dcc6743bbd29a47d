package io.sparkgan.clustering;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How good a data set's k-means clusters are, before a long self-conditioned run is spent on
 * them ({@code sparkgan clusters}): their sizes and, for a labelled data set, their purity and
 * where each label's examples went. Written as JSON and printed as text.
 *
 * @param data the data set clustered, as described in logs
 * @param examples number of examples clustered
 * @param k number of clusters
 * @param features what k-means compared (model.cluster-features)
 * @param featureDim values per example's features
 * @param iterations Lloyd iterations run
 * @param seconds wall-clock time of k-means (features, start, iterations)
 * @param sizes the smallest, median and largest cluster
 * @param clusterSizes examples of every cluster, by cluster index
 * @param purity share of the examples whose label is their cluster's most common label; null without labels
 * @param labels for each label, its examples and the clusters that hold most of them; empty without labels
 */
public record ClusteringSummary(String data, long examples, int k, String features, int featureDim, int iterations,
                                double seconds, Sizes sizes, long[] clusterSizes, Double purity,
                                List<LabelSpread> labels) {
    /** Clusters listed per label. */
    public static final int TOP_CLUSTERS = 3;

    /**
     * Cluster sizes.
     *
     * @param min examples of the smallest cluster
     * @param median the median size (the mean of the two middle sizes for an even K)
     * @param max examples of the largest cluster
     */
    public record Sizes(long min, double median, long max) {
    }

    /**
     * Where one label's examples went.
     *
     * @param label the label
     * @param name its name in the data set (a folder's name, an IDX digit), or null if it has none
     * @param examples examples with this label
     * @param topClusters the clusters holding most of them, most first
     */
    public record LabelSpread(int label, String name, long examples, List<Share> topClusters) {
    }

    /**
     * A cluster's part of a label.
     *
     * @param cluster the cluster
     * @param examples the label's examples in it
     * @param share their share of the label's examples
     */
    public record Share(int cluster, long examples, double share) {
    }

    /**
     * The summary of {@code clusters}.
     *
     * @param data the data set, as described in logs
     * @param clusters what k-means found
     * @param seconds how long k-means took
     * @param table the labels by cluster, or null when the data set has no labels
     * @param names the labels' names by label, or null
     */
    public static ClusteringSummary of(String data, Clusters clusters, double seconds, ClusterLabels table,
                                       List<String> names) {
        long[] counts = clusters.counts();
        long examples = 0;
        for (long c : counts) examples += c;
        long[] sorted = counts.clone();
        Arrays.sort(sorted);
        int k = sorted.length;
        double median = k % 2 == 1 ? sorted[k / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2.0;
        Sizes sizes = new Sizes(sorted[0], median, sorted[k - 1]);
        return new ClusteringSummary(data, examples, k, clusters.features().configName(), clusters.features().dim(),
                clusters.iterations(), seconds, sizes, counts, table == null ? null : table.purity(),
                table == null ? List.of() : spreads(table, names));
    }

    private static List<LabelSpread> spreads(ClusterLabels table, List<String> names) {
        long[] perLabel = table.perLabel();
        List<LabelSpread> spreads = new ArrayList<>();
        for (int l = 0; l < table.classes(); l++) {
            int label = l;
            List<Share> shares = new ArrayList<>();
            for (int c = 0; c < table.clusters(); c++) {
                long n = table.count(c, label);
                if (n > 0) shares.add(new Share(c, n, (double) n / perLabel[label]));
            }
            // most examples first; equal counts by cluster index, so the list is the same on every run
            shares.sort((a, b) -> a.examples() != b.examples() ? Long.compare(b.examples(), a.examples())
                    : Integer.compare(a.cluster(), b.cluster()));
            String name = names != null && label < names.size() ? names.get(label) : null;
            spreads.add(new LabelSpread(label, name, perLabel[label],
                    List.copyOf(shares.subList(0, Math.min(TOP_CLUSTERS, shares.size())))));
        }
        return spreads;
    }

    /** The summary as text for a terminal. */
    public String text() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "k-means: %d clusters of %s features (%d per example), %d iterations,"
                + " %.1f s%n", k, features, featureDim, iterations, seconds));
        s.append("data: ").append(data).append('\n');
        s.append(String.format(Locale.ROOT, "cluster sizes (%,d examples): min %,d, median %,.1f, max %,d%n", examples,
                sizes.min(), sizes.median(), sizes.max()));
        if (purity == null) {
            s.append("purity: not computed: the data set has no labels (prepare it with labels to compare clusters"
                    + " with them)\n");
            return s.toString();
        }
        s.append(String.format(Locale.ROOT, "purity: %.1f%% (share of the examples whose label is their cluster's"
                + " most common label)%n", 100 * purity));
        s.append("where each label's examples went (top clusters, share of the label's examples):\n");
        for (LabelSpread spread : labels) {
            s.append(String.format(Locale.ROOT, "  %s (%,d):", spread.name() != null && !spread.name().equals(
                    Integer.toString(spread.label())) ? spread.label() + " " + spread.name() : spread.label(),
                    spread.examples()));
            for (Share share : spread.topClusters()) {
                s.append(String.format(Locale.ROOT, " %.1f%% in cluster %d,", 100 * share.share(), share.cluster()));
            }
            if (!spread.topClusters().isEmpty()) s.setLength(s.length() - 1);
            s.append('\n');
        }
        return s.toString();
    }
}
