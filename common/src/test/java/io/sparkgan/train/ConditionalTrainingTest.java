package io.sparkgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.config.ConfigError;
import io.sparkgan.config.GanConfig;
import io.sparkgan.data.DataSource;
import io.sparkgan.data.VectorBlock;
import io.sparkgan.dataset.DataSources;
import io.sparkgan.dataset.Preparation;
import io.sparkgan.dataset.PrepareOptions;
import io.sparkgan.dataset.PreparedDataset;
import io.sparkgan.dataset.ShardedImageSource;
import io.sparkgan.dataset.ShardsInThisJvm;
import io.sparkgan.gan.Phase;
import io.sparkgan.images.ImageShape;
import io.sparkgan.model.DcganSpec;
import io.sparkgan.model.GanModelSpec;
import io.sparkgan.model.MlpGanSpec;
import io.sparkgan.nn.FlatVector;
import io.sparkgan.run.Checkpoint;
import io.sparkgan.run.Sampler;
import io.sparkgan.run.TrainingRun;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Class-conditional training: the labels partitions draw, runs of the reference and threaded
 * trainers on labelled CSV and image data, a whole run through to its samples, and the config's
 * refusals.
 */
class ConditionalTrainingTest {
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path dir;

    private static final GanConfig SETTINGS = GanConfig.parse("""
            data { source = ring8, examples = 2000, partitions = 2 }
            model { latent-dim = 4, generator-hidden = [16], discriminator-hidden = [16] }
            train { rounds = 3, batch-per-partition = 64 }
            """);

    @Test
    void fakeLabelsAreInRangeUniformAndDrawnFromTheirOwnStream() {
        int k = 10;
        GanModelSpec plain = SETTINGS.model().spec(2);
        GanModelSpec conditional = ((MlpGanSpec) plain).withClasses(k);
        TrainingSettings settings = SETTINGS.training();
        FlatVector empty = FlatVector.zeros(DataType.FLOAT, 0);
        int[] counts = new int[k];
        int n = 0;
        int[] previous = null;
        for (int round = 0; round < 20; round++) {
            for (Phase phase : Phase.values()) {
                PhaseRequest request = new PhaseRequest(phase, round, 0, empty, empty, null, 0, empty, empty);
                for (int p = 0; p < 2; p++) {
                    int[] labels = PartitionWork.fakeLabels(conditional, settings, request, p, 0);
                    assertEquals(settings.batchPerPartition(), labels.length);
                    for (int y : labels) {
                        assertTrue(y >= 0 && y < k, "label " + y);
                        counts[y]++;
                        n++;
                    }
                    assertTrue(previous == null || !java.util.Arrays.equals(previous, labels),
                            "every partition, phase and round draws its own labels");
                    previous = labels;
                    assertArrayEquals(labels, PartitionWork.fakeLabels(conditional, settings, request, p, 0),
                            "a function of the coordinates (a retried task draws the same)");
                    // z is drawn as without labels: the labels come from a stream of their own.
                    assertEquals(PartitionWork.latentBatch(plain, settings, request, p, 0),
                            PartitionWork.latentBatch(conditional, settings, request, p, 0));
                    assertNull(PartitionWork.fakeLabels(plain, settings, request, p, 0));
                }
            }
        }
        double chi2 = 0;
        for (int c : counts) chi2 += (c - n / (double) k) * (c - n / (double) k) / (n / (double) k);
        assertTrue(chi2 < 27.9, "chi-square " + chi2 + " over " + n + " labels, 9 degrees of freedom (p = 0.001 at 27.9)");
    }

    /** Two classes on a line: class 0 around x = -0.5, class 1 around x = +0.5; y is noise. */
    private Path labelledCsv() throws IOException {
        StringBuilder csv = new StringBuilder("x,y,class\n");
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 400; i++) {
            int c = i % 2;
            csv.append(c - 0.5 + 0.05 * rng.nextGaussian()).append(',').append(0.05 * rng.nextGaussian()).append(',')
                    .append(c).append('\n');
        }
        return Files.writeString(dir.resolve("two-classes.csv"), csv.toString());
    }

    private GanConfig csvConfig(String extra) throws IOException {
        return GanConfig.parse("""
                run { name = cond, output = "%s" }
                data { source = csv, path = "%s", label-column = class, partitions = 2 }
                model { conditional = true, latent-dim = 4, generator-hidden = [16], discriminator-hidden = [16],
                        generator-output = tanh }
                train { rounds = 4, batch-per-partition = 16, critic-steps = 2 }
                log.progress = false
                """.formatted(dir, labelledCsv()) + extra);
    }

    @Test
    void threadedTrainerMatchesTheReferenceOnLabelledCsvAndImages() throws IOException {
        // MLP: the reference stacks all partitions' batches and labels into one gradient.
        for (String extra : new String[] {"", "train { mode = average, local-steps = 2 }"}) {
            GanConfig cfg = csvConfig(extra);
            DataSource data = DataSources.open(cfg.data(), 1, CONF);
            assertEquals(2, data.classes());
            GanModelSpec spec = cfg.model().spec(data);
            assertEquals(2, spec.classes());
            assertMatchesReference(spec, cfg.training(), data, 2);
        }
        // DCGAN with conditional batch norm, on a labelled prepared image set.
        ShardedImageSource images = idxImages(24);
        assertEquals(10, images.classes());
        GanConfig cfg = GanConfig.parse("""
                data { source = ring8, partitions = 3 }
                model { latent-dim = 4 }
                train { rounds = 2, batch-per-partition = 6 }
                """);
        assertMatchesReference(DcganSpec.radford(8, 1, 4, 2, DataType.FLOAT).withClasses(images.classes()),
                cfg.training(), images, 3);
    }

    private static void assertMatchesReference(GanModelSpec spec, TrainingSettings settings, DataSource data,
                                               int partitions) {
        TrainingState reference = new GanTrainer(settings, new ReferencePhaseRunner(spec, settings, data, partitions),
                List.of()).train(TrainingState.initial(spec, settings));
        TrainingState threaded;
        try (ThreadedPhaseRunner runner = new ThreadedPhaseRunner(spec, settings, data, partitions, 2)) {
            threaded = new GanTrainer(settings, runner, List.of()).train(TrainingState.initial(spec, settings));
        }
        TrainingState initial = TrainingState.initial(spec, settings);
        for (String net : new String[] {"G", "D"}) {
            FlatVector r = net.equals("G") ? reference.thetaG() : reference.thetaD();
            FlatVector t = net.equals("G") ? threaded.thetaG() : threaded.thetaD();
            FlatVector start = net.equals("G") ? initial.thetaG() : initial.thetaD();
            double diff = 0;
            double norm = 0;
            double moved = 0;
            for (int i = 0; i < r.length(); i++) {
                diff += (r.get(i) - t.get(i)) * (r.get(i) - t.get(i));
                norm += r.get(i) * r.get(i);
                moved += (r.get(i) - start.get(i)) * (r.get(i) - start.get(i));
            }
            assertTrue(Math.sqrt(diff / norm) < 1e-5, spec.describe() + " " + net + ": relative difference "
                    + Math.sqrt(diff / norm));
            assertTrue(moved > 0, net + " trained");
        }
    }

    /** n 8x8 images in an IDX pair with labels i % 10, prepared into shards of 5. */
    private ShardedImageSource idxImages(int n) throws IOException {
        Path in = Files.createDirectories(dir.resolve("idx"));
        byte[] images = new byte[16 + n * 64];
        ByteBuffer.wrap(images).putInt(0x00000803).putInt(n).putInt(8).putInt(8);
        for (int i = 0; i < n * 64; i++) images[16 + i] = (byte) (i * 7 + i / 64 * 31);
        byte[] labels = new byte[8 + n];
        ByteBuffer.wrap(labels).putInt(0x00000801).putInt(n);
        for (int i = 0; i < n; i++) labels[8 + i] = (byte) (i % 10);
        Files.write(in.resolve("train-images-idx3-ubyte"), images);
        Files.write(in.resolve("train-labels-idx1-ubyte"), labels);
        Path out = dir.resolve("idx-set");
        PrepareOptions options = new PrepareOptions(new ImageShape(8, 8, 1), PrepareOptions.LabelSource.NONE, 5,
                40_000_000L, 1L << 20);
        Preparation.run(List.of(in.toString()), out.toString(), options, CONF, ShardsInThisJvm.runner(options, CONF));
        return new ShardedImageSource(PreparedDataset.open(out.toString(), CONF), CONF);
    }

    @Test
    void aConditionalRunKeepsItsClassesInTheModelAndSamplesEveryClass() throws IOException {
        GanConfig cfg = csvConfig("");
        DataSource data = TrainingRun.openData(cfg, CONF, null);
        GanModelSpec spec = cfg.model().spec(data);
        Checkpoint result = TrainingRun.execute(cfg, data, spec,
                new ReferencePhaseRunner(spec, cfg.training(), data, cfg.data().partitions()), "reference", Map.of(),
                List.of(), null, CONF, null);
        assertEquals(2, result.classes());
        Path model = dir.resolve("cond/model.ckpt");
        Checkpoint saved = Checkpoint.fromBytes(Files.readAllBytes(model), model.toString());
        assertEquals(2, saved.classes(), "the checkpoint keeps the number of classes");
        assertArrayEquals(result.thetaG().floats(), saved.thetaG().floats());
        Sampler sampler = Sampler.forRun(dir.resolve("cond").toString(), CONF);
        assertEquals(2, sampler.spec().classes());
        VectorBlock samples = sampler.generate(10, 5);
        assertEquals(10, samples.rows());
        assertTrue(Files.size(dir.resolve("cond/final-samples.png")) > 0, "the run ends with its scatter plot");
    }

    @Test
    void checkpointsOfFormatFourStillReadAsUnconditional() {
        GanModelSpec spec = SETTINGS.model().spec(2);
        TrainingState state = TrainingState.initial(spec, SETTINGS.training());
        byte[] current = Checkpoint.of(state, 4, 2, 3, null).toBytes();
        assertEquals(3, Checkpoint.fromBytes(current, "current").classes());
        // Format 4: the same layout without the classes int after the data size (nor the later progress).
        byte[] v4 = io.sparkgan.run.OlderCheckpointFormats.format4(current);
        Checkpoint four = Checkpoint.fromBytes(v4, "v4");
        assertEquals(0, four.classes());
        assertEquals(2, four.dataDim());
        assertArrayEquals(state.thetaG().floats(), four.thetaG().floats());
    }

    @Test
    void conditionalConfigsAreRefusedWhenTheyCannotWork() throws IOException {
        GanConfig ring8 = GanConfig.parse("""
                data { source = ring8, examples = 100 }
                model.conditional = true
                """);
        DataSource data = DataSources.open(ring8.data(), 1, CONF);
        ConfigError e = assertThrows(ConfigError.class, () -> ring8.model().spec(data));
        assertTrue(e.getMessage().contains("model.conditional = true needs labelled data")
                && e.getMessage().contains(data.describe()) && e.getMessage().contains("data.label-column"), e.getMessage());
        assertThrows(ConfigError.class, () -> ring8.model().spec(2), "no number of classes without the data");

        Path csv = labelledCsv();
        GanConfig unlabelledCsv = GanConfig.parse("""
                data { source = csv, path = "%s" }
                model.conditional = true
                """.formatted(csv));
        DataSource noLabels = DataSources.open(unlabelledCsv.data(), 1, CONF);
        assertTrue(assertThrows(ConfigError.class, () -> unlabelledCsv.model().spec(noLabels)).getMessage()
                .contains("has no labels"));

        String packed = assertThrows(ConfigError.class, () -> GanConfig.parse("""
                model { conditional = true, pack = 2 }
                """)).getMessage();
        assertTrue(packed.contains("model.pack") && packed.contains("model.conditional"), packed);
        String r1 = assertThrows(ConfigError.class, () -> GanConfig.parse("""
                model.conditional = true
                train.r1-gamma = 0.5
                """)).getMessage();
        assertTrue(r1.contains("train.r1-gamma") && r1.contains("model.conditional = true"), r1);
        String column = assertThrows(ConfigError.class, () -> GanConfig.parse("""
                data { source = ring8, label-column = 3 }
                """)).getMessage();
        assertTrue(column.contains("data.label-column") && column.contains("csv only"), column);
        assertThrows(ConfigError.class, () -> GanConfig.parse("""
                data { source = csv, path = x.csv, label-column = 0 }
                """));
        // The default is unconditional and the spec built from labelled data then ignores the labels.
        GanConfig plain = GanConfig.parse("""
                data { source = csv, path = "%s", label-column = class }
                """.formatted(csv));
        assertEquals(0, plain.model().spec(DataSources.open(plain.data(), 1, CONF)).classes());
    }

    /**
     * The conditioning is learned, not only wired: on eight narrow modes of a ring, labelled by
     * mode, a conditional MLP GAN trained with the reference trainer puts the samples it is asked
     * for class k on mode k (a G that ignored its label would hit the asked mode one time in eight).
     */
    @Test
    void aConditionalGeneratorLearnsToDrawTheRequestedMode() throws IOException {
        StringBuilder csv = new StringBuilder("x,y,label\n");
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 4000; i++) {
            int k = rng.nextInt(8);
            double a = 2 * Math.PI * k / 8;
            csv.append(String.format(java.util.Locale.ROOT, "%.5f,%.5f,%d%n", 2 * Math.cos(a) + 0.02 * rng.nextGaussian(),
                    2 * Math.sin(a) + 0.02 * rng.nextGaussian(), k));
        }
        Path file = dir.resolve("ring-labelled.csv");
        Files.writeString(file, csv);
        GanConfig cfg = GanConfig.parse("run { name = ring-cond, output = \"" + dir + "\" }\n"
                + "data { source = csv, path = \"" + file + "\", label-column = label, partitions = 2 }\n"
                + "model { type = mlp, latent-dim = 8, conditional = true }\n"
                + "train { rounds = 1500, batch-per-partition = 64 }\n"
                + "samples.every-rounds = 0\n");
        DataSource data = TrainingRun.openData(cfg, CONF, null);
        GanModelSpec spec = cfg.model().spec(data);
        TrainingRun.execute(cfg, data, spec, new ReferencePhaseRunner(spec, cfg.training(), data,
                cfg.data().partitions()), "reference", Map.of(), List.of(), null, CONF, null);
        VectorBlock samples = Sampler.forRun(dir.resolve("ring-cond").toString(), CONF).generate(800, 5);
        float[] v = samples.values();
        int onRequestedMode = 0;
        for (int i = 0; i < samples.rows(); i++) {
            double angle = Math.atan2(v[2 * i + 1], v[2 * i]);
            int nearest = Math.floorMod((int) Math.round(angle / (2 * Math.PI / 8)), 8);
            if (nearest == i % 8) onRequestedMode++;
        }
        assertTrue(onRequestedMode >= 0.95 * samples.rows(),
                onRequestedMode + " of " + samples.rows() + " samples on the requested mode");
    }
}
