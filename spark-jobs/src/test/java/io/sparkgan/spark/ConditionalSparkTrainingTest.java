package io.sparkgan.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.config.GanConfig;
import io.sparkgan.data.DataSource;
import io.sparkgan.dataset.DataSources;
import io.sparkgan.dataset.Preparation;
import io.sparkgan.dataset.PrepareOptions;
import io.sparkgan.dataset.PreparedDataset;
import io.sparkgan.dataset.ShardTask;
import io.sparkgan.dataset.ShardedImageSource;
import io.sparkgan.images.ImageShape;
import io.sparkgan.model.DcganSpec;
import io.sparkgan.model.GanModelSpec;
import io.sparkgan.train.GanTrainer;
import io.sparkgan.train.PhaseRunner;
import io.sparkgan.train.ReferencePhaseRunner;
import io.sparkgan.train.TrainingSettings;
import io.sparkgan.train.TrainingState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Class-conditional training on Spark local mode: labelled CSV rows and labelled prepared images
 * reach the executors' gradient steps with their labels, giving the reference trainer's parameters,
 * and a retried task draws the same labels.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConditionalSparkTrainingTest {
    private static final Configuration CONF = new Configuration();
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

    @Test
    void conditionalMlpOnLabelledCsvEqualsTheReference() throws IOException {
        StringBuilder csv = new StringBuilder();
        SplittableRandom rng = new SplittableRandom(2);
        for (int i = 0; i < 300; i++) {
            int c = i % 3;
            csv.append(c).append(',').append(c - 1 + 0.1 * rng.nextGaussian()).append(',')
                    .append(0.1 * rng.nextGaussian()).append('\n');
        }
        Path file = Files.writeString(dir.resolve("three.csv"), csv.toString());
        GanConfig cfg = GanConfig.parse("""
                run.seed = 5
                data { source = csv, path = "%s", label-column = 1, partitions = 2 }
                model { conditional = true, latent-dim = 4, generator-hidden = [16], discriminator-hidden = [16] }
                train { rounds = 4, batch-per-partition = 16, critic-steps = 2 }
                """.formatted(file));
        DataSource data = DataSources.open(cfg.data(), cfg.run().seed(), CONF);
        GanModelSpec spec = cfg.model().spec(data);
        assertEquals(3, spec.classes());
        TrainingState spark = train(spec, cfg.training(), new SparkPhaseRunner(sc, spec, cfg.training(), data, 2));
        TrainingState reference = train(spec, cfg.training(), new ReferencePhaseRunner(spec, cfg.training(), data, 2));
        assertClose(spark, reference);
    }

    @Test
    void conditionalDcganOnLabelledImagesEqualsTheReferenceAndRetriesDrawTheSameLabels() throws IOException {
        ShardedImageSource images = idxImages(30);
        GanConfig cfg = GanConfig.parse("""
                run.seed = 3
                train { rounds = 2, batch-per-partition = 6 }
                """);
        GanModelSpec spec = DcganSpec.radford(8, 1, 4, 2, DataType.FLOAT).withClasses(images.classes());
        TrainingState spark = train(spec, cfg.training(), new SparkPhaseRunner(sc, spec, cfg.training(), images, 2));
        TrainingState reference = train(spec, cfg.training(), new ReferencePhaseRunner(spec, cfg.training(), images, 2));
        assertClose(spark, reference);
        sc.setLocalProperty(TaskFaults.FAIL_FIRST_ATTEMPT, "1");
        TrainingState retried;
        try {
            retried = train(spec, cfg.training(), new SparkPhaseRunner(sc, spec, cfg.training(), images, 2));
        } finally {
            sc.setLocalProperty(TaskFaults.FAIL_FIRST_ATTEMPT, null);
        }
        assertArrayEquals(spark.thetaG().floats(), retried.thetaG().floats());
        assertArrayEquals(spark.thetaD().floats(), retried.thetaD().floats());
        assertArrayEquals(spark.buffersG().floats(), retried.buffersG().floats());
    }

    private static TrainingState train(GanModelSpec spec, TrainingSettings settings, PhaseRunner runner) {
        try (runner) {
            return new GanTrainer(settings, runner, List.of()).train(TrainingState.initial(spec, settings));
        }
    }

    private static void assertClose(TrainingState spark, TrainingState reference) {
        assertTrue(DistributedTrainingTest.relativeDifference(spark.thetaG(), reference.thetaG()) < 1e-5);
        assertTrue(DistributedTrainingTest.relativeDifference(spark.thetaD(), reference.thetaD()) < 1e-5);
        if (reference.buffersG().length() > 0) {
            assertTrue(DistributedTrainingTest.relativeDifference(spark.buffersG(), reference.buffersG()) < 1e-5);
        }
    }

    /** n 8x8 images in an IDX pair with labels i % 10, prepared into shards of 7. */
    private ShardedImageSource idxImages(int n) throws IOException {
        Path in = Files.createDirectories(dir.resolve("idx"));
        byte[] pixels = new byte[16 + n * 64];
        ByteBuffer.wrap(pixels).putInt(0x00000803).putInt(n).putInt(8).putInt(8);
        for (int i = 0; i < n * 64; i++) pixels[16 + i] = (byte) (i * 13 + i / 64 * 37);
        byte[] labels = new byte[8 + n];
        ByteBuffer.wrap(labels).putInt(0x00000801).putInt(n);
        for (int i = 0; i < n; i++) labels[8 + i] = (byte) (i % 10);
        Files.write(in.resolve("train-images-idx3-ubyte"), pixels);
        Files.write(in.resolve("train-labels-idx1-ubyte"), labels);
        Path out = dir.resolve("idx-set");
        PrepareOptions options = new PrepareOptions(new ImageShape(8, 8, 1), PrepareOptions.LabelSource.NONE, 7,
                40_000_000L, 1L << 20);
        Preparation.run(List.of(in.toString()), out.toString(), options, CONF, (jobs, description) -> jobs.stream()
                .map(job -> ShardTask.run(job.item(), job.shardUri(), options, CONF)).toList());
        return new ShardedImageSource(PreparedDataset.open(out.toString(), CONF), CONF);
    }
}
