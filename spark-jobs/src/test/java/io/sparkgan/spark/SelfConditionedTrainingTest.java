package io.sparkgan.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.clustering.Clusters;
import io.sparkgan.config.GanConfig;
import io.sparkgan.data.VectorBlock;
import io.sparkgan.run.Checkpoint;
import io.sparkgan.run.ResumePoint;
import io.sparkgan.run.Sampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Self-conditioning (model.clusters) end to end: k-means on Spark finds the same clusters as in
 * one JVM and trains the same parameters; a self-conditioned generator draws the cluster it is
 * asked for, and unconditional samples follow the clusters' frequencies in the data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SelfConditionedTrainingTest {
    private static final Configuration CONF = new Configuration();
    /** Modes of the ring, unequally weighted: mode k has weight k + 1 (of 36). */
    private static final int MODES = 8;
    private JavaSparkContext sc;

    @TempDir
    Path dir;

    @BeforeAll
    void startSpark() {
        sc = SparkTestContext.start();
    }

    @AfterAll
    void stopSpark() {
        sc.close();
    }

    /** An unlabelled ring of 8 tight modes of radius 2; mode k holds (k + 1) / 36 of the examples. */
    private Path unevenRing(int n) throws IOException {
        StringBuilder csv = new StringBuilder();
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            int k = mode(rng.nextInt(36));
            double a = 2 * Math.PI * k / MODES;
            csv.append(String.format(Locale.ROOT, "%.5f,%.5f%n", 2 * Math.cos(a) + 0.02 * rng.nextGaussian(),
                    2 * Math.sin(a) + 0.02 * rng.nextGaussian()));
        }
        return Files.writeString(dir.resolve("ring-" + n + ".csv"), csv);
    }

    /** The mode of ticket t in [0, 36): mode k owns k + 1 tickets. */
    private static int mode(int ticket) {
        int k = 0;
        while (ticket > k) ticket -= ++k;
        return k;
    }

    private static int nearestMode(float x, float y) {
        return Math.floorMod((int) Math.round(Math.atan2(y, x) / (2 * Math.PI / MODES)), MODES);
    }

    private GanConfig config(Path csv, String name, int rounds) {
        return GanConfig.parse("run { name = " + name + ", seed = 4, output = \"" + dir + "\" }\n"
                + "data { source = csv, path = \"" + csv + "\", partitions = 2 }\n"
                + "model { type = mlp, latent-dim = 8, clusters = " + MODES + " }\n"
                + "train { rounds = " + rounds + ", batch-per-partition = 64 }\n"
                + "samples.every-rounds = 0\nlog.progress = false\n");
    }

    @Test
    void sparkFindsTheReferencesClustersAndTrainsItsParameters() throws IOException {
        Path csv = unevenRing(1200);
        Checkpoint spark = SparkTraining.train(sc, config(csv, "spark", 3), List.of());
        Checkpoint reference = SparkTraining.trainReference(config(csv, "reference", 3), List.of(), null, CONF);
        assertNotNull(spark.clusters());
        assertEquals(reference.clusters(), spark.clusters(), "k-means merges partition results in partition order");
        assertEquals(MODES, spark.classes());
        assertTrue(DistributedTrainingTest.relativeDifference(spark.thetaG(), reference.thetaG()) < 1e-5);
        assertTrue(DistributedTrainingTest.relativeDifference(spark.thetaD(), reference.thetaD()) < 1e-5);
        // every mode is one cluster: the tight, well separated modes leave k-means no choice
        long[] counts = spark.clusters().counts();
        java.util.Arrays.sort(counts);
        for (int k = 0; k < MODES; k++) {
            double expected = 1200.0 * (k + 1) / 36;
            assertEquals(expected, counts[k], 5 * Math.sqrt(expected), "cluster sizes " + java.util.Arrays.toString(counts));
        }
    }

    @Test
    void aSelfConditionedGeneratorDrawsTheAskedClusterAndTheDatasMixOfClusters() throws IOException {
        Path csv = unevenRing(4000);
        Checkpoint model = SparkTraining.trainReference(config(csv, "ring-sc", 1500), List.of(), null, CONF);
        Clusters clusters = model.clusters();
        float[] centres = clusters.centres();
        Sampler sampler = Sampler.forRun(dir.resolve("ring-sc").toString(), CONF);
        assertTrue(sampler.selfConditioned());
        for (int c = 0; c < MODES; c++) {
            int mode = nearestMode(centres[2 * c], centres[2 * c + 1]);
            float[] v = sampler.generateClass(200, 7, c).values();
            int onMode = 0;
            for (int i = 0; i < 200; i++) if (nearestMode(v[2 * i], v[2 * i + 1]) == mode) onMode++;
            assertTrue(onMode >= 180, onMode + " of 200 samples of cluster " + c + " on its mode " + mode);
        }
        VectorBlock samples = sampler.generate(4000, 3);
        int[] perMode = new int[MODES];
        float[] v = samples.values();
        for (int i = 0; i < samples.rows(); i++) perMode[nearestMode(v[2 * i], v[2 * i + 1])]++;
        for (int k = 0; k < MODES; k++) {
            double share = perMode[k] / 4000.0;
            assertEquals((k + 1) / 36.0, share, 0.025, "mode " + k + "'s share of unconditional samples "
                    + java.util.Arrays.toString(perMode));
        }
    }

    @Test
    void aRunResumesOnlyWithItsOwnNumberOfClusters() throws IOException {
        Path csv = unevenRing(600);
        SparkTraining.trainReference(config(csv, "resume", 2), List.of(), null, CONF);
        ResumePoint point = ResumePoint.find(dir.resolve("resume").toString(), CONF);
        // refused before any training: other clusters would relabel the data under the trained G and D
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SparkTraining.trainReference(
                GanConfig.parse(point.config(), Map.of("train.rounds", "4", "model.clusters", "5")), List.of(), point, CONF));
        assertTrue(e.getMessage().contains("model.clusters"), e.getMessage());
    }

    @Test
    void imagesClusteredByTheirDeskewedHistogramsAreTheSameOnSparkAndInOneJvmAndKeptOnResume() throws IOException {
        String images = io.sparkgan.evaluator.SyntheticDigits.prepare(dir.resolve("digits"), 120, 5);
        java.util.function.Function<String, GanConfig> config = name -> GanConfig.parse("run { name = " + name
                + ", seed = 4, output = \"" + dir + "\" }\n"
                + "data { source = images, path = \"" + images + "\", partitions = 2 }\n"
                + "model { type = dcgan, image-size = 28, channels = 1, latent-dim = 8, base-width = 4,"
                + " discriminator-norm = spectral-norm, clusters = 4, cluster-features = deskewed-hog }\n"
                + "train { rounds = 2, batch-per-partition = 8, loss = hinge }\n"
                + "samples.every-rounds = 0\nlog.progress = false\n");
        Checkpoint spark = SparkTraining.train(sc, config.apply("hog-spark"), List.of());
        Checkpoint reference = SparkTraining.trainReference(config.apply("hog-reference"), List.of(), null, CONF);
        assertEquals(new io.sparkgan.clustering.Hog(new io.sparkgan.clustering.Deskewed(28, 28), 28, 28, 1, 4, 9),
                spark.clusters().features());
        assertEquals(reference.clusters(), spark.clusters(), "the same features, sample and passes on Spark");
        assertEquals(4 * 7 * 7 * 9, spark.clusters().centres().length, "centres live in the histograms' space");
        assertEquals(120, java.util.Arrays.stream(spark.clusters().counts()).sum());
        assertTrue(DistributedTrainingTest.relativeDifference(spark.thetaD(), reference.thetaD()) < 1e-5);

        ResumePoint point = ResumePoint.find(dir.resolve("hog-reference").toString(), CONF);
        assertEquals(reference.clusters(), point.checkpoint().clusters(), "the checkpoint keeps the clusters and their map");
        RuntimeException e = assertThrows(RuntimeException.class, () -> SparkTraining.trainReference(
                GanConfig.parse(point.config(), Map.of("train.rounds", "3", "model.cluster-features", "pixels")),
                List.of(), point, CONF));
        assertTrue(e.getMessage().contains("model.cluster-features"), e.getMessage());
    }

    @Test
    void clusterFeaturesThatDoNotFitTheImagesAreRefusedBeforeTheDataIsLoaded() throws IOException {
        String colour = io.sparkgan.evaluator.SyntheticDigits.prepare(dir.resolve("colour"), 40, 6,
                new io.sparkgan.images.ImageShape(28, 28, 3));
        GanConfig cfg = GanConfig.parse("run { name = colour, seed = 4, output = \"" + dir + "\" }\n"
                + "data { source = images, path = \"" + colour + "\", partitions = 2 }\n"
                + "model { type = dcgan, image-size = 28, channels = 3, latent-dim = 8, base-width = 4,"
                + " discriminator-norm = spectral-norm, clusters = 4, cluster-features = deskewed }\n"
                + "train { rounds = 2, batch-per-partition = 8, loss = hinge }\n"
                + "samples.every-rounds = 0\nlog.progress = false\n");
        String group = "refused-cluster-features";
        sc.setJobGroup(group, "a self-conditioned run whose cluster features do not fit its images");
        try {
            io.sparkgan.config.ConfigError e = assertThrows(io.sparkgan.config.ConfigError.class,
                    () -> SparkTraining.train(sc, cfg, List.of()));
            assertTrue(e.getMessage().contains("model.cluster-features = deskewed needs grayscale images")
                    && e.getMessage().contains("28x28x3"), e.getMessage());
            assertEquals(0, sc.statusTracker().getJobIdsForGroup(group).length, "no Spark job ran: nothing was loaded");
        } finally {
            sc.clearJobGroup();
        }
    }
}
