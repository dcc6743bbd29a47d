package io.sparkgan.clustering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.data.DataSource;
import io.sparkgan.data.ExampleBlock;
import io.sparkgan.data.InMemorySource;
import io.sparkgan.data.VectorBlock;
import io.sparkgan.images.ImageShape;
import io.sparkgan.rng.RngStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * K-means computes each example's features once per partition and runs its sample and Lloyd passes
 * over them: its clusters are bit for bit those of a plain reference written here that computes
 * the features of every example again in every pass (as k-means did before the features were
 * kept), for every feature map and for several partition counts; pixels are clustered from the
 * data blocks themselves, with no derived blocks.
 */
class CachedFeaturesKMeansTest {
    private static final int SIDE = 16;
    private static final ImageShape SHAPE = new ImageShape(SIDE, SIDE, 1);

    /** {@code n} 16x16 grayscale images in [-1, 1]: a bright bar of random angle, length and place on noise. */
    private static InMemorySource bars(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * SIDE * SIDE];
        for (int i = 0; i < n; i++) {
            int base = i * SIDE * SIDE;
            for (int p = 0; p < SIDE * SIDE; p++) x[base + p] = (float) (-1 + 0.2 * rng.nextDouble());
            double angle = rng.nextDouble() * Math.PI;
            double length = 4 + rng.nextDouble() * 8;
            double cy = 4 + rng.nextDouble() * 8;
            double cx = 4 + rng.nextDouble() * 8;
            for (double t = -length / 2; t <= length / 2; t += 0.25) {
                int y = (int) Math.round(cy + t * Math.sin(angle));
                int c = (int) Math.round(cx + t * Math.cos(angle));
                if (y >= 0 && y < SIDE && c >= 0 && c < SIDE) x[base + y * SIDE + c] = 1f;
            }
        }
        return new InMemorySource(new VectorBlock(x, n, SIDE * SIDE), "bars");
    }

    @Test
    void everyFeatureMapGivesTheClustersOfThePerPassComputation() {
        DataSource data = bars(400, 3);
        for (String name : List.of("pixels", "deskewed", "hog", "deskewed-hog")) {
            ClusterFeatures features = ClusterFeatures.of(name, data.dim(), SHAPE, "bars");
            for (int partitions : new int[] {1, 3}) {
                Clusters cached = KMeans.fit(new LocalBlockAggregator(data, partitions), 6, 25, 7, data.dim(), features);
                Clusters reference = perPass(data, partitions, 6, 25, 7, features);
                String what = name + ", " + partitions + " partitions";
                assertArrayEquals(reference.centres(), cached.centres(), what);
                assertArrayEquals(reference.counts(), cached.counts(), what);
                assertEquals(reference.iterations(), cached.iterations(), what);
                assertEquals(reference, cached, what);
                assertTrue(cached.iterations() > 1, what + ": the iterations had work to do");
            }
        }
    }

    @Test
    void derivedBlocksAreEachPartitionsTransformAndPixelsNeedNone() {
        DataSource data = bars(50, 5);
        LocalBlockAggregator blocks = new LocalBlockAggregator(data, 2);
        ClusterFeatures hog = ClusterFeatures.of("hog", data.dim(), SHAPE, "bars");
        try (BlockAggregator features = blocks.derived("features", (p, block) -> hog.features(block))) {
            assertEquals(2, features.partitions());
            List<float[]> first = features.map("first rows", (p, block) -> {
                float[] row = new float[block.dim()];
                block.copyRow(0, row, 0);
                return row;
            });
            List<ExampleBlock> raw = data.partitions(2);
            for (int p = 0; p < 2; p++) {
                float[] example = new float[data.dim()];
                raw.get(p).copyRow(0, example, 0);
                float[] expected = new float[hog.dim()];
                hog.apply(example, 0, expected);
                assertArrayEquals(expected, first.get(p), "partition " + p);
            }
        }
        ClusterFeatures pixels = ClusterFeatures.of("pixels", data.dim(), SHAPE, "bars");
        VectorBlock whole = (VectorBlock) data.partition(0, 1);
        assertSame(whole, pixels.features(whole), "the identity map copies nothing");
    }

    /**
     * The reference: k-means as specified in {@link KMeans}, the features of an example computed
     * from the example whenever a pass needs them.
     */
    private static Clusters perPass(DataSource data, int partitions, int k, int maxIterations, long seed,
                                    ClusterFeatures features) {
        List<ExampleBlock> blocks = data.partitions(partitions);
        float[] centres = KMeans.kMeansPlusPlus(sample(blocks, k, seed, features), k, features.dim(),
                RngStream.CLUSTERING.at(seed, -1));
        int iterations = 0;
        Sums sums = pass(blocks, features, centres, k);
        while (iterations < maxIterations) {
            float[] next = sums.means(centres);
            iterations++;
            boolean moved = !java.util.Arrays.equals(next, centres);
            centres = next;
            if (!moved) break;
            sums = pass(blocks, features, centres, k);
        }
        return new Clusters(data.dim(), centres, sums.counts, iterations, features);
    }

    /** Up to 40 k examples' features; partition p contributes ceil(wanted x its share), drawn by a partial shuffle. */
    private static float[][] sample(List<ExampleBlock> blocks, int k, long seed, ClusterFeatures features) {
        long n = 0;
        for (ExampleBlock b : blocks) n += b.rows();
        long wanted = Math.min(n, (long) KMeans.SAMPLE_PER_CLUSTER * k);
        List<float[]> rows = new ArrayList<>();
        for (int p = 0; p < blocks.size(); p++) {
            ExampleBlock block = blocks.get(p);
            int take = (int) Math.min(block.rows(), (wanted * block.rows() + n - 1) / n);
            SplittableRandom rng = RngStream.CLUSTERING.at(seed, p);
            int[] index = new int[block.rows()];
            for (int i = 0; i < index.length; i++) index[i] = i;
            for (int i = 0; i < take; i++) {
                int j = i + rng.nextInt(index.length - i);
                int t = index[i];
                index[i] = index[j];
                index[j] = t;
                rows.add(featuresOf(block, index[i], features));
            }
        }
        return rows.toArray(new float[0][]);
    }

    private static float[] featuresOf(ExampleBlock block, int row, ClusterFeatures features) {
        float[] example = new float[block.dim()];
        block.copyRow(row, example, 0);
        float[] f = new float[features.dim()];
        features.apply(example, 0, f);
        return f;
    }

    /** Per-centre sums and counts of every partition, added up in partition order. */
    private static Sums pass(List<ExampleBlock> blocks, ClusterFeatures features, float[] centres, int k) {
        int d = features.dim();
        Sums total = null;
        for (ExampleBlock block : blocks) {
            Sums part = new Sums(new double[k * d], new long[k]);
            for (int i = 0; i < block.rows(); i++) {
                float[] f = featuresOf(block, i, features);
                int c = Distances.nearest(f, 0, centres, k, d, null);
                part.counts[c]++;
                for (int j = 0; j < d; j++) part.sums[c * d + j] += f[j];
            }
            if (total == null) {
                total = part;
            } else {
                for (int j = 0; j < total.sums.length; j++) total.sums[j] += part.sums[j];
                for (int c = 0; c < k; c++) total.counts[c] += part.counts[c];
            }
        }
        return total;
    }

    private record Sums(double[] sums, long[] counts) {
        float[] means(float[] previous) {
            int d = previous.length / counts.length;
            float[] next = previous.clone();
            for (int c = 0; c < counts.length; c++) {
                if (counts[c] == 0) continue;
                for (int j = 0; j < d; j++) next[c * d + j] = (float) (sums[c * d + j] / counts[c]);
            }
            return next;
        }
    }
}
