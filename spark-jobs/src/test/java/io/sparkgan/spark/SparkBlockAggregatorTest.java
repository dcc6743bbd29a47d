package io.sparkgan.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparkgan.clustering.BlockAggregator;
import io.sparkgan.clustering.ClusterFeatures;
import io.sparkgan.clustering.Clusters;
import io.sparkgan.clustering.KMeans;
import io.sparkgan.clustering.LocalBlockAggregator;
import io.sparkgan.data.DataSource;
import io.sparkgan.data.InMemorySource;
import io.sparkgan.data.VectorBlock;
import io.sparkgan.images.ImageShape;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Derived blocks on Spark: built once next to the data blocks and cached, passes see them, closing
 * unpersists them and leaves the data blocks cached; k-means with histogram features on Spark finds
 * the clusters it finds in one JVM and leaves no cached features behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkBlockAggregatorTest {
    private static final ImageShape SHAPE = new ImageShape(8, 8, 1);
    private JavaSparkContext sc;

    @BeforeAll
    void startSpark() {
        sc = SparkTestContext.start();
    }

    @AfterAll
    void stopSpark() {
        sc.close();
    }

    private static DataSource images(int n) {
        SplittableRandom rng = new SplittableRandom(2);
        float[] x = new float[n * 64];
        for (int i = 0; i < x.length; i++) x[i] = rng.nextDouble() < 0.3 ? 1f : -1f;
        return new InMemorySource(new VectorBlock(x, n, 64), "speckles");
    }

    @Test
    void derivedBlocksAreCachedBesideTheDataAndReleasedOnClose() {
        DataSource data = images(90);
        try (TrainingBlocks blocks = TrainingBlocks.load(sc, data, 3)) {
            int cached = sc.getPersistentRDDs().size();
            BlockAggregator aggregator = SparkBlockAggregator.over(sc, blocks);
            try (BlockAggregator rows = aggregator.derived("row numbers", (p, block) -> {
                float[] v = new float[block.rows()];
                for (int i = 0; i < v.length; i++) v[i] = 1000 * p + i;
                return new VectorBlock(v, v.length, 1);
            })) {
                assertEquals(cached + 1, sc.getPersistentRDDs().size(), "the derived blocks are cached");
                List<float[]> lasts = rows.map("last row", (p, block) -> {
                    float[] last = new float[1];
                    block.copyRow(block.rows() - 1, last, 0);
                    return last;
                });
                for (int p = 0; p < 3; p++) assertArrayEquals(new float[] {1000 * p + 29}, lasts.get(p));
            }
            assertEquals(cached, sc.getPersistentRDDs().size(), "closing released the derived blocks only");
            List<Integer> sizes = aggregator.map("sizes", (p, block) -> block.rows());
            assertEquals(List.of(30, 30, 30), sizes, "the data blocks are still there");
        }
    }

    @Test
    void histogramKMeansOnSparkIsTheOneJvmsAndLeavesNoFeaturesCached() {
        DataSource data = images(150);
        ClusterFeatures hog = ClusterFeatures.of("hog", 64, SHAPE, "speckles");
        Clusters local = KMeans.fit(new LocalBlockAggregator(data, 2), 4, 20, 3, 64, hog);
        try (TrainingBlocks blocks = TrainingBlocks.load(sc, data, 2)) {
            int cached = sc.getPersistentRDDs().size();
            Clusters spark = KMeans.fit(SparkBlockAggregator.over(sc, blocks), 4, 20, 3, 64, hog);
            assertEquals(local, spark);
            assertEquals(cached, sc.getPersistentRDDs().size(), "k-means released its feature blocks");
        }
    }
}
