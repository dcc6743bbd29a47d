package io.sparkgan.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.sparkgan.config.GanConfig;
import io.sparkgan.model.GanModelSpec;
import io.sparkgan.report.TinyRuns;
import io.sparkgan.train.RoundMetrics;
import io.sparkgan.train.TrainingListener;
import io.sparkgan.train.TrainingState;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sample snapshots written during real (reference) training: when, what, and from the same z every time. */
class SampleSnapshotsTest {
    @TempDir
    Path dir;

    @Test
    void snapshotsAreWrittenAtTheStartEveryNRoundsAndAtTheEndFromTheSameLatents() throws Exception {
        Path run = TinyRuns.train(dir, "samples.every-rounds = 4\n");
        Path samples = run.resolve(SampleSnapshots.DIRECTORY);
        assertEquals(List.of("round-000000.png", "round-000004.png", "round-000006.png"), list(samples));

        // Re-render the first and the last snapshot from parameters we know, with the snapshot latents:
        // byte-identical files prove both came from the same fixed z (and from those parameters).
        RunFiles files = RunFiles.open(run.toString(), TinyRuns.CONF);
        GanConfig cfg = GanConfig.parse(files.readText(RunFiles.CONFIG));
        Checkpoint ckpt = Checkpoint.fromBytes(files.read(RunFiles.MODEL), "model.ckpt");
        GanModelSpec spec = cfg.model().spec(2);
        SampleSnapshots snapshots = SampleSnapshots.of(cfg.samples(), files, spec, null, cfg.data().source(),
                cfg.run().name(), cfg.run().seed(), null);
        assertNotNull(snapshots);
        assertArrayEquals(Files.readAllBytes(samples.resolve("round-000006.png")),
                snapshots.render(GeneratorSnapshot.of(spec, ckpt, cfg.run().seed()), 6));
        TrainingState initial = TrainingState.initial(spec, cfg.training());
        assertArrayEquals(Files.readAllBytes(samples.resolve("round-000000.png")),
                snapshots.render(GeneratorSnapshot.of(spec, initial, cfg.run().seed()), 0));
        // ... and a different z (the sampling stream's) would not have given that picture.
        assertFalse(java.util.Arrays.equals(SampleSnapshots.latents(1, 2500, spec).data().asFloat(),
                io.sparkgan.data.BatchSampler.latent(io.sparkgan.rng.RngStream.SAMPLING.at(1), 2500, 4,
                        spec.dataType()).data().asFloat()));
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(samples.resolve("round-000004.png"))));
        assertEquals(480, png.getWidth(), "2-D runs get a scatter plot");
    }

    @Test
    void imageRunsGetAGridOfTheConfiguredCount() throws Exception {
        Path prepared = TinyRuns.preparedImages(dir);
        Path run = TinyRuns.train(dir.resolve("runs"), "data { source = images, path = \"" + prepared + "\" }\n"
                + "model.generator-output = tanh\ntrain { rounds = 3, batch-per-partition = 4 }\n"
                + "samples { every-rounds = 2, count = 25 }\n");
        Path samples = run.resolve(SampleSnapshots.DIRECTORY);
        assertEquals(List.of("round-000000.png", "round-000002.png", "round-000003.png"), list(samples));
        BufferedImage grid = ImageIO.read(samples.resolve("round-000002.png").toFile());
        assertEquals(5 * (8 + 2) + 2, grid.getWidth(), "25 images of 8x8: a 5x5 grid with 2-pixel gaps");
        assertEquals(5 * (8 + 2) + 2, grid.getHeight());
    }

    @Test
    void aRunStoppedEarlyGetsASnapshotOfItsLastRound() throws Exception {
        TrainingListener stopAfter3 = new TrainingListener() {
            private int rounds;

            @Override
            public void onRound(RoundMetrics metrics, TrainingState state) {
                rounds = metrics.round();
            }

            @Override
            public boolean stopRequested() {
                return rounds >= 3;
            }
        };
        Path run = TinyRuns.train(dir, "samples.every-rounds = 2\ntrain.rounds = 10\n", List.of(stopAfter3));
        assertEquals(List.of("round-000000.png", "round-000002.png", "round-000003.png"),
                list(run.resolve(SampleSnapshots.DIRECTORY)));
    }

    @Test
    void snapshotsCanBeTurnedOffAndFileNamesParse() {
        Path run = TinyRuns.train(dir, "samples.every-rounds = 0\ntrain.rounds = 2\n");
        assertFalse(Files.exists(run.resolve(SampleSnapshots.DIRECTORY)));
        assertEquals(1234567, SampleSnapshots.roundOf(SampleSnapshots.fileName(1234567)));
        assertEquals(12, SampleSnapshots.roundOf("round-000012.png"));
        assertEquals(-1, SampleSnapshots.roundOf("round-12.png.tmp"));
        assertEquals(-1, SampleSnapshots.roundOf(".round-000012.png.tmp"));
    }

    private static List<String> list(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }
}
