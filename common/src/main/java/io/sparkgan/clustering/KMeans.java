package io.sparkgan.clustering;

import io.sparkgan.data.ExampleBlock;
import io.sparkgan.rng.RngStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * K-means (Lloyd's algorithm) over partitioned data, for self-conditioning. The start is k-means++
 * (Arthur &amp; Vassilvitskii 2007) on a random sample of at most {@link #SAMPLE_PER_CLUSTER} x K
 * examples drawn where the data is; then every iteration is one pass over all partitions that
 * returns only per-centre sums and counts ({@link ClusterSums}). It stops when no centre moves or
 * after the iteration limit, and counts the examples of the final centres. Everything is drawn
 * from the CLUSTERING stream of the seed and merged in partition order, so the same data, seed
 * and partition count give the same clusters on Spark and in one JVM.
 *
 * <p>Written here rather than taken from Spark MLlib's KMeans because the reference trainer, which
 * has no Spark, must find the same clusters as the Spark trainer.
 */
public final class KMeans {
    private static final Logger LOG = LoggerFactory.getLogger(KMeans.class);
    /** Examples sampled per cluster for the k-means++ start. */
    static final int SAMPLE_PER_CLUSTER = 40;

    private KMeans() {}

    /**
     * Clusters the examples of {@code data} into {@code k} clusters.
     *
     * @param data the partitions, visited where they are
     * @param k number of clusters, at least 1
     * @param maxIterations most Lloyd iterations, at least 1
     * @param seed the run's seed (CLUSTERING stream)
     * @param dim size of an example
     * @param features what examples are compared by: centres are means of features
     * @throws IllegalArgumentException if the data has fewer examples than {@code k}
     */
    public static Clusters fit(BlockAggregator data, int k, int maxIterations, long seed, int dim,
                               ClusterFeatures features) {
        if (k < 1) throw new IllegalArgumentException("the number of clusters must be at least 1, got " + k);
        if (maxIterations < 1) throw new IllegalArgumentException("k-means needs at least one iteration, got " + maxIterations);
        long start = System.nanoTime();
        float[] centres = kMeansPlusPlus(sample(data, k, seed, dim, features), k, features.dim(),
                RngStream.CLUSTERING.at(seed, -1));
        int iterations = 0;
        ClusterSums sums = pass(data, features, centres, k, dim, "k-means: iteration 1 of at most " + maxIterations);
        while (iterations < maxIterations) {
            float[] next = sums.means(centres);
            iterations++;
            boolean moved = !java.util.Arrays.equals(next, centres);
            centres = next;
            if (!moved) break;
            String what = iterations < maxIterations ? "iteration " + (iterations + 1) + " of at most " + maxIterations
                    : "counting the final clusters";
            sums = pass(data, features, centres, k, dim, "k-means: " + what);
            LOG.debug("k-means iteration {}: cost {}", iterations, sums.cost());
        }
        Clusters clusters = new Clusters(dim, centres, sums.counts(), iterations, features);
        LOG.info("Found {} in {} ms (mean squared distance to the centre {})", clusters.describe(),
                (System.nanoTime() - start) / 1_000_000, String.format("%.4g", sums.cost() / total(sums.counts())));
        return clusters;
    }

    private static long total(long[] counts) {
        long n = 0;
        for (long c : counts) n += c;
        return n;
    }

    private static ClusterSums pass(BlockAggregator data, ClusterFeatures features, float[] centres, int k, int dim,
                                    String description) {
        List<ClusterSums> parts = data.map(description, (p, block) -> ClusterSums.of(block, features, centres, k, dim));
        ClusterSums total = parts.get(0);
        for (int p = 1; p < parts.size(); p++) total.merge(parts.get(p));
        return total;
    }

    /** The features of up to SAMPLE_PER_CLUSTER x k examples, each partition contributing in proportion to its size. */
    private static float[][] sample(BlockAggregator data, int k, long seed, int dim, ClusterFeatures features) {
        List<Integer> sizes = data.map("k-means: counting examples", (p, block) -> block.rows());
        long n = 0;
        for (int s : sizes) n += s;
        if (n < k) throw new IllegalArgumentException("cannot make " + k + " clusters of " + n + " examples; set fewer clusters");
        long wanted = Math.min(n, (long) SAMPLE_PER_CLUSTER * k);
        long total = n;
        List<float[][]> parts = data.map("k-means: sampling the start", (p, block) -> {
            int take = (int) Math.min(block.rows(), (wanted * block.rows() + total - 1) / total);
            return sampleRows(block, take, dim, features, RngStream.CLUSTERING.at(seed, p));
        });
        List<float[]> rows = new ArrayList<>();
        for (float[][] part : parts) rows.addAll(List.of(part));
        return rows.toArray(new float[0][]);
    }

    /** The features of {@code take} distinct rows of {@code block} (a partial Fisher-Yates shuffle of the indices). */
    private static float[][] sampleRows(ExampleBlock block, int take, int dim, ClusterFeatures features,
                                        SplittableRandom rng) {
        float[] example = new float[dim];
        int[] index = new int[block.rows()];
        for (int i = 0; i < index.length; i++) index[i] = i;
        float[][] rows = new float[take][];
        for (int i = 0; i < take; i++) {
            int j = i + rng.nextInt(index.length - i);
            int t = index[i];
            index[i] = index[j];
            index[j] = t;
            rows[i] = new float[features.dim()];
            block.copyRow(index[i], example, 0);
            features.apply(example, 0, rows[i]);
        }
        return rows;
    }

    /** k-means++ seeding: each next centre a sample row drawn with probability proportional to D(x)^2. */
    static float[] kMeansPlusPlus(float[][] sample, int k, int dim, SplittableRandom rng) {
        if (sample.length < k) {
            throw new IllegalArgumentException("cannot start " + k + " clusters from " + sample.length + " examples");
        }
        float[] centres = new float[k * dim];
        System.arraycopy(sample[rng.nextInt(sample.length)], 0, centres, 0, dim);
        double[] nearest = new double[sample.length];
        java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (int c = 1; c < k; c++) {
            double sum = 0;
            for (int i = 0; i < sample.length; i++) {
                double d = Distances.squaredDistance(sample[i], 0, centres, (c - 1) * dim, dim, Double.POSITIVE_INFINITY);
                nearest[i] = Math.min(nearest[i], d);
                sum += nearest[i];
            }
            int chosen;
            if (sum == 0) {
                chosen = rng.nextInt(sample.length); // every sample already a centre: duplicates are harmless
            } else {
                double u = rng.nextDouble() * sum;
                chosen = 0;
                while (chosen < sample.length - 1 && (u -= nearest[chosen]) > 0) chosen++;
            }
            System.arraycopy(sample[chosen], 0, centres, c * dim, dim);
        }
        return centres;
    }
}
