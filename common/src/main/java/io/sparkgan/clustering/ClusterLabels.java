package io.sparkgan.clustering;

import io.sparkgan.data.ExampleBlock;
import java.io.Serializable;

/**
 * How a labelled data set's labels fall into its clusters: the number of examples of every
 * (cluster, label) pair. Partitions count theirs where their data is; the driver merges them. It
 * says how well label-free clusters match the kinds of example a data set has (purity), which is
 * what a self-conditioned GAN's classes are worth.
 */
public final class ClusterLabels implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int clusters;
    private final int classes;
    /** counts[cluster * classes + label]. */
    private final long[] counts;

    private ClusterLabels(int clusters, int classes) {
        if (clusters < 1 || classes < 1) {
            throw new IllegalArgumentException("a table of " + clusters + " clusters by " + classes + " labels is empty");
        }
        this.clusters = clusters;
        this.classes = classes;
        this.counts = new long[clusters * classes];
    }

    /**
     * The table of {@code block}'s examples, each in the cluster of {@code assignment}'s nearest centre.
     *
     * @param block labelled examples
     * @param assignment the clusters
     * @param classes number of labels of the data set (labels in [0, classes))
     * @throws IllegalArgumentException if the block has no labels or a label is outside [0, classes)
     */
    public static ClusterLabels of(ExampleBlock block, Clusters assignment, int classes) {
        if (!block.labelled()) throw new IllegalArgumentException("these examples have no labels to compare clusters with");
        ClusterLabels table = new ClusterLabels(assignment.classes(), classes);
        int[] cluster = assignment.assign(block);
        for (int i = 0; i < cluster.length; i++) {
            int label = block.label(i);
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException(block.rowName(i) + " has label " + label + ", outside [0, " + classes + ")");
            }
            table.counts[cluster[i] * classes + label]++;
        }
        return table;
    }

    /**
     * Adds {@code other}'s counts to these.
     *
     * @param other a table of the same clusters and labels (another partition's)
     * @return this table
     */
    public ClusterLabels merge(ClusterLabels other) {
        if (other.clusters != clusters || other.classes != classes) {
            throw new IllegalArgumentException("cannot merge a table of " + other.clusters + "x" + other.classes
                    + " into one of " + clusters + "x" + classes);
        }
        for (int i = 0; i < counts.length; i++) counts[i] += other.counts[i];
        return this;
    }

    /** Number of clusters. */
    public int clusters() {
        return clusters;
    }

    /** Number of labels. */
    public int classes() {
        return classes;
    }

    /**
     * Examples of label {@code label} in cluster {@code cluster}.
     *
     * @param cluster a cluster in [0, clusters())
     * @param label a label in [0, classes())
     */
    public long count(int cluster, int label) {
        return counts[cluster * classes + label];
    }

    /** Examples in the table. */
    public long total() {
        long n = 0;
        for (long c : counts) n += c;
        return n;
    }

    /** Examples of each label. */
    public long[] perLabel() {
        long[] n = new long[classes];
        for (int c = 0; c < clusters; c++) {
            for (int l = 0; l < classes; l++) n[l] += count(c, l);
        }
        return n;
    }

    /** Share of the examples whose label is their cluster's most common label (0 for an empty table). */
    public double purity() {
        long total = total();
        if (total == 0) return 0;
        long agreeing = 0;
        for (int c = 0; c < clusters; c++) {
            long most = 0;
            for (int l = 0; l < classes; l++) most = Math.max(most, count(c, l));
            agreeing += most;
        }
        return (double) agreeing / total;
    }
}
