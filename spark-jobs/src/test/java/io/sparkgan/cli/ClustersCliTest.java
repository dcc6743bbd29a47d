package io.sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgan.clustering.Clusters;
import io.sparkgan.clustering.LocalBlockAggregator;
import io.sparkgan.clustering.SelfConditioning;
import io.sparkgan.config.GanConfig;
import io.sparkgan.data.DataSource;
import io.sparkgan.data.ExampleBlock;
import io.sparkgan.data.FirstExamples;
import io.sparkgan.evaluator.SyntheticDigits;
import io.sparkgan.run.TrainingRun;
import io.sparkgan.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sparkgan clusters} on Spark local mode: on a labelled image set its cluster sizes are the
 * k-means of training (found again here in one JVM) and its purity is a brute-force count made
 * here, also for the first N examples (--limit); unlabelled data gets no purity; a recipe without
 * clusters, unknown features and a limit below K are refused with what to do.
 */
class ClustersCliTest {
    private static final int IMAGES = 500;
    /** Fewer clusters than digits: some clusters must mix digits, so purity is below 1. */
    private static final int K = 6;

    @TempDir
    Path dir;

    private Path digitsConfig(String features) throws Exception {
        String data = SyntheticDigits.prepare(dir.resolve("digits"), IMAGES, 6);
        return Files.writeString(dir.resolve("digits-" + features + ".conf"), """
                run { name = digits, seed = 3, output = "%s" }
                data { source = images, path = "%s", partitions = 2 }
                model { type = dcgan, image-size = 28, channels = 1, latent-dim = 8, base-width = 4,
                        discriminator-norm = spectral-norm, clusters = %d, cluster-features = %s }
                train.loss = hinge
                """.formatted(dir.resolve("runs"), data, K, features));
    }

    @Test
    void purityAndSizesOfALabelledSetAreTheBruteForceCountOfTrainingsClusters() throws Exception {
        Path conf = digitsConfig("hog");
        Path json = dir.resolve("clusters.json");
        Cli.Result r = Cli.run("clusters", "-c", conf.toString(), "--master", "local[2]", "--out", json.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode summary = Json.mapper().readTree(json.toFile());
        expectBruteForce(GanConfig.load(conf.toString(), Map.of()), null, summary);
        assertEquals("hog", summary.get("features").asText());
        assertEquals(7 * 7 * 9, summary.get("featureDim").asInt());
        assertEquals(10, summary.get("labels").size(), "every digit's spread");
        assertTrue(r.out().contains("purity: "), r.out());
        assertTrue(r.out().contains(K + " clusters of hog features"), r.out());

        Path limited = dir.resolve("first.json");
        r = Cli.run("clusters", "-c", conf.toString(), "--master", "local[2]", "--limit", "150",
                "--set", "model.cluster-features=pixels", "--out", limited.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode first = Json.mapper().readTree(limited.toFile());
        assertEquals(150, first.get("examples").asLong());
        expectBruteForce(GanConfig.load(conf.toString(), Map.of("model.cluster-features", "pixels")), 150L, first);
    }

    /**
     * Clusters the data (its first {@code limit} examples) in one JVM as training does, counts each
     * cluster's most common label image by image, and compares with {@code summary}.
     */
    private static void expectBruteForce(GanConfig cfg, Long limit, JsonNode summary) {
        DataSource all = TrainingRun.openData(cfg, new Configuration(), null);
        DataSource data = limit == null ? all : new FirstExamples(all, limit);
        Clusters clusters = SelfConditioning.clusters(cfg, data, null, false,
                d -> new LocalBlockAggregator(d, cfg.data().partitions()));
        long[][] table = new long[K][10];
        ExampleBlock images = all.partition(0, 1);
        float[] row = new float[images.dim()];
        int n = (int) data.size();
        for (int i = 0; i < n; i++) {
            images.copyRow(i, row, 0);
            table[clusters.nearest(row, 0)][images.label(i)]++;
        }
        long agreeing = 0;
        for (int c = 0; c < K; c++) {
            long most = 0;
            long size = 0;
            for (long count : table[c]) {
                most = Math.max(most, count);
                size += count;
            }
            agreeing += most;
            assertEquals(size, summary.get("clusterSizes").get(c).asLong(), "cluster " + c);
        }
        double purity = (double) agreeing / n;
        assertTrue(purity > 0.2 && purity < 1, "a count with something to say: " + purity);
        assertEquals(purity, summary.get("purity").asDouble(), 1e-12);
        assertEquals(n, summary.get("examples").asLong());
        assertEquals(clusters.iterations(), summary.get("iterations").asInt());
    }

    @Test
    void unlabelledDataGetsSizesButNoPurity() throws Exception {
        Path conf = Files.writeString(dir.resolve("ring.conf"), """
                run { name = ring, seed = 2, output = "%s" }
                data { source = ring8, examples = 2000, partitions = 2 }
                model { type = mlp, clusters = 8 }
                """.formatted(dir.resolve("runs")));
        Path json = dir.resolve("ring.json");
        Cli.Result r = Cli.run("clusters", "-c", conf.toString(), "--master", "local[2]", "--out", json.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("purity: not computed"), r.out());
        JsonNode summary = Json.mapper().readTree(json.toFile());
        assertTrue(summary.get("purity").isNull(), summary.toString());
        assertEquals(0, summary.get("labels").size());
        assertEquals(2000, summary.get("examples").asLong());
        long sum = 0;
        for (JsonNode size : summary.get("clusterSizes")) sum += size.asLong();
        assertEquals(2000, sum);
    }

    @Test
    void whatCannotBeClusteredIsRefusedSayingWhatToGive() throws Exception {
        Path conf = digitsConfig("hog");
        Cli.Result r = Cli.run("clusters", "-c", conf.toString(), "--set", "model.cluster-features=edges");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("model.cluster-features") && r.err().contains("one of pixels, deskewed, hog, deskewed-hog"),
                r.err());
        r = Cli.run("clusters", "-c", conf.toString(), "--set", "model.clusters=0",
                "--set", "model.cluster-features=pixels");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("model.clusters is 0") && r.err().contains("--set model.clusters="), r.err());
        r = Cli.run("clusters", "-c", conf.toString(), "--limit", "5");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--limit 5") && r.err().contains("--limit " + K + " or more"), r.err());
        assertFalse(Files.exists(dir.resolve("runs")), "nothing written");
    }
}
