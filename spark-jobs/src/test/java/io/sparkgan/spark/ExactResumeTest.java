package io.sparkgan.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.config.GanConfig;
import io.sparkgan.nn.FlatVector;
import io.sparkgan.run.Checkpoint;
import io.sparkgan.run.CheckpointStore;
import io.sparkgan.run.ResumePoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sync mode on Spark local[2]: 2N rounds straight and N rounds + resume + N rounds give
 * bit-identical parameters, optimiser states, batch-norm buffers and moving average.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExactResumeTest {
    private static final String MLP = """
            data { source = ring8, examples = 4000, partitions = 2 }
            model { latent-dim = 4, generator-hidden = [32, 32], discriminator-hidden = [32, 32] }
            train { batch-per-partition = 32, critic-steps = 2, generator-ema-decay = 0.9 }
            """;
    private static final String DCGAN = """
            data { source = blobs, dimension = 1024, blob-count = 3, examples = 400, partitions = 2 }
            model { type = dcgan, image-size = 32, channels = 1, latent-dim = 4, base-width = 2 }
            train { batch-per-partition = 4 }
            """;

    private static final String DCGAN_SN = """
            data { source = blobs, dimension = 1024, blob-count = 3, examples = 400, partitions = 2 }
            model { type = dcgan, image-size = 32, channels = 1, latent-dim = 4, base-width = 2,
                    discriminator-norm = spectral-norm }
            train { batch-per-partition = 4, loss = hinge, generator-ema-decay = 0.9 }
            """;

    /** Self-conditioned: the DCGAN with spectral norm conditioned on 3 k-means clusters of the blobs. */
    private static final String DCGAN_SC = DCGAN_SN + "model.clusters = 3\n";

    @TempDir
    Path dir;

    private JavaSparkContext sc;

    @BeforeAll
    void startSpark() {
        sc = SparkContexts.create("exact-resume-test", "local[2]", Map.of("spark.ui.enabled", "false"));
    }

    @AfterAll
    void stopSpark() {
        sc.close();
    }

    @ParameterizedTest(name = "{0}, N = {1}")
    @CsvSource({"mlp, 3", "dcgan, 2", "dcgan-sn, 2", "dcgan-sc, 2"})
    void twoNRoundsStraightEqualNRoundsThenResumeThenNRounds(String model, int n) {
        String base = (model.equals("mlp") ? MLP : model.equals("dcgan") ? DCGAN : model.equals("dcgan-sn") ? DCGAN_SN
                : DCGAN_SC) + "run { seed = 5, output = \"" + dir.resolve(model) + "\" }\n"
                + "log.progress = false\n";
        SparkTraining.train(sc, GanConfig.parse(base + "run.name = straight\ntrain.rounds = " + 2 * n), List.of());
        SparkTraining.train(sc, GanConfig.parse(base + "run.name = split\ntrain.rounds = " + n), List.of());
        String split = dir.resolve(model).resolve("split").toString();
        ResumePoint point = ResumePoint.find(split, new Configuration());
        assertEquals(n, point.checkpoint().roundsDone());
        SparkTraining.train(sc, GanConfig.parse(point.config(), Map.of("train.rounds", "" + 2 * n)), List.of(), point);

        Checkpoint a = finalCheckpoint(dir.resolve(model).resolve("straight"), 2 * n);
        Checkpoint b = finalCheckpoint(dir.resolve(model).resolve("split"), 2 * n);
        assertEquals(a.clusters(), b.clusters(), "the resumed run keeps the checkpoint's clusters");
        assertEquals(model.equals("dcgan-sc"), a.clusters() != null);
        assertEquals(a.generatorIteration(), b.generatorIteration());
        assertEquals(a.discriminatorIteration(), b.discriminatorIteration());
        assertBitIdentical("G parameters", a.thetaG(), b.thetaG());
        assertBitIdentical("D parameters", a.thetaD(), b.thetaD());
        assertBitIdentical("G optimiser state", a.generatorOptimizerState(), b.generatorOptimizerState());
        assertBitIdentical("D optimiser state", a.discriminatorOptimizerState(), b.discriminatorOptimizerState());
        assertBitIdentical("G buffers", a.buffersG(), b.buffersG());
        assertBitIdentical("D buffers", a.buffersD(), b.buffersD());
        if (model.equals("mlp")) {
            assertBitIdentical("moving average of G", a.generatorAverage(), b.generatorAverage());
        } else {
            assertTrue(a.buffersG().length() > 0 && a.buffersD().length() > 0,
                    "the DCGAN has batch-norm buffers (and, with spectral norm, D's power-iteration vectors)");
        }
    }

    private static Checkpoint finalCheckpoint(Path run, int round) {
        return CheckpointStore.open(run.resolve("checkpoints").toString(), new Configuration()).read(round);
    }

    private static void assertBitIdentical(String what, FlatVector a, FlatVector b) {
        assertEquals(a.length(), b.length(), what);
        int[] bitsA = new int[a.length()];
        int[] bitsB = new int[b.length()];
        for (int i = 0; i < bitsA.length; i++) {
            bitsA[i] = Float.floatToRawIntBits(a.floats()[i]);
            bitsB[i] = Float.floatToRawIntBits(b.floats()[i]);
        }
        assertArrayEquals(bitsA, bitsB, what + " differ");
    }
}
