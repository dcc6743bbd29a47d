package io.sparkgan.clustering;

import io.sparkgan.data.ExampleBlock;
import java.io.Serializable;

/**
 * One Lloyd pass's statistics over some examples: for every centre, the sum and number of the
 * examples nearest to it, and the total squared distance (the k-means cost). Partitions compute
 * theirs where their data is; the driver merges them in partition order, so the new centres do
 * not depend on which task finished first.
 */
public final class ClusterSums implements Serializable {
    private final int k;
    private final int dim;
    private final double[] sums;
    private final long[] counts;
    private double cost;

    private ClusterSums(int k, int dim) {
        this.k = k;
        this.dim = dim;
        this.sums = new double[k * dim];
        this.counts = new long[k];
    }

    /**
     * The statistics of every row of {@code features} (the features of some examples, one row
     * each) against {@code centres} (K rows of {@code features.dim()} values).
     *
     * @param features one row of features per example
     * @param centres K rows of {@code features.dim()} values, row-major
     * @param k number of centres
     */
    public static ClusterSums of(ExampleBlock features, float[] centres, int k) {
        int dim = features.dim();
        ClusterSums s = new ClusterSums(k, dim);
        float[] row = new float[dim];
        double[] distance = new double[1];
        for (int i = 0; i < features.rows(); i++) {
            features.copyRow(i, row, 0);
            int c = Distances.nearest(row, 0, centres, k, dim, distance);
            s.counts[c]++;
            s.cost += distance[0];
            int base = c * dim;
            for (int j = 0; j < dim; j++) s.sums[base + j] += row[j];
        }
        return s;
    }

    /** Adds {@code other}'s statistics to these. */
    public ClusterSums merge(ClusterSums other) {
        if (other.k != k || other.dim != dim) {
            throw new IllegalArgumentException("cannot merge sums of " + other.k + "x" + other.dim + " into " + k + "x" + dim);
        }
        for (int i = 0; i < sums.length; i++) sums[i] += other.sums[i];
        for (int c = 0; c < k; c++) counts[c] += other.counts[c];
        cost += other.cost;
        return this;
    }

    /** Examples nearest to each centre. */
    public long[] counts() {
        return counts.clone();
    }

    /** Sum of the examples' squared distances to their nearest centre. */
    public double cost() {
        return cost;
    }

    /** The mean of each centre's examples; a centre nobody is nearest to stays where it was. */
    public float[] means(float[] previous) {
        float[] next = previous.clone();
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) continue;
            for (int j = 0; j < dim; j++) next[c * dim + j] = (float) (sums[c * dim + j] / counts[c]);
        }
        return next;
    }
}
