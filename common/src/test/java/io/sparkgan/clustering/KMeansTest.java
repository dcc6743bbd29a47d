package io.sparkgan.clustering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.data.InMemorySource;
import io.sparkgan.data.VectorBlock;
import io.sparkgan.data.ExampleBlock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * K-means over partitions: it recovers well-separated blobs, ends at a fixed point of Lloyd's
 * algorithm (checked here with a brute-force assignment and mean of our own), labels every
 * partition as the centres say, and is deterministic.
 */
class KMeansTest {
    private static final int DIM = 6;

    /** {@code k} blobs of {@code perBlob} examples, centres 3 apart on the axes, sigma 0.1, shuffled. */
    private static float[] blobs(int k, int perBlob, int[] blobOf, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[k * perBlob * DIM];
        int[] order = new int[k * perBlob];
        for (int i = 0; i < order.length; i++) order[i] = i;
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int n = 0; n < order.length; n++) {
            int blob = order[n] % k;
            blobOf[n] = blob;
            for (int d = 0; d < DIM; d++) {
                float centre = (d == blob % DIM ? 3f : 0f) * (blob < DIM ? 1 : -1);
                x[n * DIM + d] = centre + (float) (0.1 * rng.nextGaussian());
            }
        }
        return x;
    }

    @Test
    void separatedBlobsBecomeTheClustersWithTheirSizes() {
        int k = 5;
        int[] blobOf = new int[k * 300];
        InMemorySource data = new InMemorySource(new VectorBlock(blobs(k, 300, blobOf, 7), k * 300, DIM), "blobs");
        Clusters clusters = KMeans.fit(new LocalBlockAggregator(data, 3), k, 50, 11, DIM, new ClusterFeatures.Pixels(DIM));
        int[] clusterOfBlob = new int[k];
        java.util.Arrays.fill(clusterOfBlob, -1);
        float[] row = new float[DIM];
        List<ExampleBlock> blocks = data.partitions(1);
        for (int n = 0; n < blobOf.length; n++) {
            blocks.get(0).copyRow(n, row, 0);
            int c = clusters.nearest(row, 0);
            if (clusterOfBlob[blobOf[n]] < 0) clusterOfBlob[blobOf[n]] = c;
            assertEquals(clusterOfBlob[blobOf[n]], c, "example " + n + " of blob " + blobOf[n]);
        }
        Set<Integer> distinct = new HashSet<>();
        for (int c : clusterOfBlob) distinct.add(c);
        assertEquals(k, distinct.size(), "one cluster per blob");
        for (long count : clusters.counts()) assertEquals(300, count);
    }

    @Test
    void theResultIsAFixedPointOfLloydAndTheCountsAreItsAssignment() {
        // overlapping data (more clusters than blobs), so the iterations have work to do
        int[] blobOf = new int[900];
        InMemorySource data = new InMemorySource(new VectorBlock(blobs(3, 300, blobOf, 3), 900, DIM), "blobs");
        int k = 7;
        Clusters clusters = KMeans.fit(new LocalBlockAggregator(data, 2), k, 200, 5, DIM, new ClusterFeatures.Pixels(DIM));
        float[] centres = clusters.centres();
        double[][] sums = new double[k][DIM];
        long[] counts = new long[k];
        float[] row = new float[DIM];
        ExampleBlock all = data.partitions(1).get(0);
        for (int n = 0; n < all.rows(); n++) {
            all.copyRow(n, row, 0);
            int best = -1;
            double bestDistance = Double.MAX_VALUE;
            for (int c = 0; c < k; c++) {
                double d = 0;
                for (int j = 0; j < DIM; j++) d += Math.pow(row[j] - centres[c * DIM + j], 2);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = c;
                }
            }
            counts[best]++;
            for (int j = 0; j < DIM; j++) sums[best][j] += row[j];
        }
        assertArrayEquals(counts, clusters.counts());
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) continue;
            for (int j = 0; j < DIM; j++) {
                assertEquals(sums[c][j] / counts[c], centres[c * DIM + j], 1e-5, "centre " + c + " value " + j);
            }
        }
        assertTrue(clusters.iterations() < 200, "converged before the limit: " + clusters.iterations());
    }

    @Test
    void theSameDataSeedAndPartitionsGiveTheSameClustersAndTheSourceLabelsByThem() {
        int[] blobOf = new int[600];
        InMemorySource data = new InMemorySource(new VectorBlock(blobs(4, 150, blobOf, 9), 600, DIM), "blobs");
        Clusters a = KMeans.fit(new LocalBlockAggregator(data, 3), 4, 30, 1, DIM, new ClusterFeatures.Pixels(DIM));
        Clusters b = KMeans.fit(new LocalBlockAggregator(data, 3), 4, 30, 1, DIM, new ClusterFeatures.Pixels(DIM));
        assertEquals(a, b);
        ClusteredSource labelled = new ClusteredSource(data, a);
        assertEquals(4, labelled.classes());
        long[] counts = new long[4];
        float[] row = new float[DIM];
        for (ExampleBlock block : labelled.partitions(3)) {
            assertTrue(block.labelled());
            for (int i = 0; i < block.rows(); i++) {
                block.copyRow(i, row, 0);
                assertEquals(a.nearest(row, 0), block.label(i));
                counts[block.label(i)]++;
            }
        }
        assertArrayEquals(a.counts(), counts);
    }

    @Test
    void impossibleRequestsAreRefusedWithTheNumbers() {
        InMemorySource data = new InMemorySource(new VectorBlock(new float[3 * DIM], 3, DIM), "three");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KMeans.fit(new LocalBlockAggregator(data, 1), 5, 10, 1, DIM, new ClusterFeatures.Pixels(DIM)));
        assertTrue(e.getMessage().contains("5 clusters of 3 examples"), e.getMessage());
        // identical examples: every start is a duplicate, and k-means still ends
        Clusters c = KMeans.fit(new LocalBlockAggregator(data, 1), 2, 10, 1, DIM, new ClusterFeatures.Pixels(DIM));
        assertEquals(3, c.counts()[0] + c.counts()[1]);
    }
}
