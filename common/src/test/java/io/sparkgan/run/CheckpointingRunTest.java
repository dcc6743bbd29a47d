package io.sparkgan.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgan.config.GanConfig;
import io.sparkgan.data.DataSource;
import io.sparkgan.model.GanModelSpec;
import io.sparkgan.train.ReferencePhaseRunner;
import io.sparkgan.train.RoundMetrics;
import io.sparkgan.train.TrainingDivergedException;
import io.sparkgan.train.TrainingListener;
import io.sparkgan.train.TrainingState;
import io.sparkgan.util.Json;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints, stop requests, divergence and resume of whole runs with the single-JVM reference trainer. */
class CheckpointingRunTest {
    private static final String BASE = """
            run.name = r
            data { source = ring8, examples = 2000, partitions = 2 }
            model { latent-dim = 4, generator-hidden = [16], discriminator-hidden = [16] }
            train { rounds = 7, batch-per-partition = 32, critic-steps = 2 }
            log.progress = false
            """;

    @TempDir
    Path dir;

    @Test
    void periodicCheckpointsKeepTheNewestKAndTheLastEqualsTheModel() throws Exception {
        Checkpoint result = train(config("checkpoint { every = 2, keep = 2 }"), null, List.of());
        Path ckpts = dir.resolve("r/checkpoints");
        assertEquals(List.of("round-000006.ckpt", "round-000007.ckpt"), ckptFiles(ckpts));
        Checkpoint last = read(ckpts.resolve("round-000007.ckpt"));
        Checkpoint model = read(dir.resolve("r/model.ckpt"));
        assertArrayEquals(result.thetaG().floats(), last.thetaG().floats());
        assertArrayEquals(model.thetaD().floats(), last.thetaD().floats());
        assertArrayEquals(model.discriminatorOptimizerState().floats(), last.discriminatorOptimizerState().floats());
        assertEquals(14, last.discriminatorIteration());
        assertEquals(1, last.identity().seed());
        assertTrue(last.identity().config().contains("every = 2") || last.identity().config().contains("every=2"));
        Checkpoint six = read(ckpts.resolve("round-000006.ckpt"));
        assertEquals(6, six.roundsDone());
        assertFalse(java.util.Arrays.equals(six.thetaG().floats(), last.thetaG().floats()));
    }

    @Test
    void aStopRequestEndsTheRunAfterTheRoundWithACheckpointAndNoModel() throws Exception {
        GracefulStop stop = new GracefulStop();
        TrainingListener stopAfterThree = new TrainingListener() {
            @Override
            public void onRound(RoundMetrics m, TrainingState s) {
                if (m.round() == 3) stop.request();
            }
        };
        Checkpoint result = train(config("checkpoint.every = 0"), null, List.of(stopAfterThree, stop));
        assertEquals(3, result.roundsDone());
        assertEquals(List.of("round-000003.ckpt"), ckptFiles(dir.resolve("r/checkpoints")));
        assertFalse(Files.exists(dir.resolve("r/model.ckpt")), "a stopped run has no final model yet");
    }

    @Test
    void divergenceStopsNamingRoundAndPhaseAndLeavesOnlyGoodCheckpoints() throws Exception {
        GanConfig cfg = config("""
                checkpoint { every = 1, keep = 100 }
                train { rounds = 50, generator-optimizer { type = sgd, learning-rate = 1e12 },
                        discriminator-optimizer { type = sgd, learning-rate = 1e12 } }
                """);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> train(cfg, null, List.of()));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("round (\\d+), [DG] phase").matcher(e.getMessage());
        assertTrue(m.find(), e.getMessage());
        int diverged = Integer.parseInt(m.group(1));
        List<String> files = ckptFiles(dir.resolve("r/checkpoints"));
        assertEquals(diverged - 1, files.size(), "one checkpoint per good round, none for round " + diverged + ": " + files);
        for (String f : files) assertTrue(read(dir.resolve("r/checkpoints").resolve(f)).isFinite(), f);
        assertFalse(Files.exists(dir.resolve("r/model.ckpt")));
    }

    @Test
    void resumeSkipsADamagedNewestCheckpointTruncatesMetricsAndEqualsAnUninterruptedRun() throws Exception {
        Checkpoint straight = train(config("run.name = straight\ntrain.rounds = 8"), null, List.of());

        train(config("checkpoint.every = 2\ntrain.rounds = 5"), null, List.of());
        Path newest = dir.resolve("r/checkpoints/round-000005.ckpt");
        try (RandomAccessFile f = new RandomAccessFile(newest.toFile(), "rw")) {
            f.setLength(f.length() - 3);
        }
        ResumePoint point = ResumePoint.find(dir.resolve("r").toString(), new Configuration());
        assertEquals(4, point.checkpoint().roundsDone());
        assertTrue(point.warnings().get(0).contains("round-000005.ckpt"), point.warnings().toString());
        Checkpoint resumed = train(GanConfig.parse(point.config(), Map.of("train.rounds", "8")), point, List.of());

        assertArrayEquals(straight.thetaG().floats(), resumed.thetaG().floats());
        assertArrayEquals(straight.thetaD().floats(), resumed.thetaD().floats());
        assertArrayEquals(straight.generatorOptimizerState().floats(), resumed.generatorOptimizerState().floats());
        assertArrayEquals(straight.discriminatorOptimizerState().floats(),
                resumed.discriminatorOptimizerState().floats());
        List<String> metrics = Files.readAllLines(dir.resolve("r/metrics.jsonl"));
        List<Integer> rounds = new ArrayList<>();
        for (String line : metrics) rounds.add(Json.mapper().readTree(line).get("round").asInt());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), rounds, "round 5 of the first run was superseded, not repeated");
        JsonNode provenance = Json.mapper().readTree(dir.resolve("r/provenance.json").toFile());
        assertEquals(8, provenance.get("roundsDone").asInt());
    }

    @Test
    void examplesSeenAndElapsedTimeContinueInMetricsAcrossAStopAndResume() throws Exception {
        trainStoppingAfterThree("train.rounds = 6");
        ResumePoint point = ResumePoint.find(dir.resolve("r").toString(), new Configuration());
        assertEquals(3, point.checkpoint().roundsDone());
        Checkpoint last = train(GanConfig.parse(point.config(), Map.of()), point, List.of());

        List<JsonNode> lines = metricsLines();
        assertContinuous(lines, 6);
        JsonNode six = lines.get(5);
        assertEquals(six.get("examplesSeen").asLong(), last.progress().examplesSeen(), "model.ckpt keeps the progress");
        assertEquals(six.get("elapsedSeconds").asDouble(), last.progress().elapsedSeconds(), 0.0);
    }

    @Test
    void aCheckpointFromBeforeFormat6TakesItsProgressFromMetrics() throws Exception {
        trainStoppingAfterThree("train.rounds = 6");
        Path ckpt = dir.resolve("r/checkpoints/round-000003.ckpt");
        Files.write(ckpt, OlderCheckpointFormats.format5(Files.readAllBytes(ckpt)));
        ResumePoint point = ResumePoint.find(dir.resolve("r").toString(), new Configuration());
        assertEquals(null, point.checkpoint().progress(), "a format 5 file");
        train(GanConfig.parse(point.config(), Map.of()), point, List.of());
        assertContinuous(metricsLines(), 6);
    }

    /** Rounds 1..n, examplesSeen = round x the first round's examples, elapsedSeconds strictly increasing. */
    private static void assertContinuous(List<JsonNode> lines, int n) {
        assertEquals(n, lines.size());
        long perRound = lines.get(0).get("examplesSeen").asLong();
        assertEquals(2 * 2 * 32, perRound, "critic steps x partitions x batch per partition");
        double previousSeconds = 0;
        for (int i = 0; i < n; i++) {
            JsonNode line = lines.get(i);
            assertEquals(i + 1, line.get("round").asInt());
            assertEquals((i + 1) * perRound, line.get("examplesSeen").asLong(), "examplesSeen of round " + (i + 1));
            double seconds = line.get("elapsedSeconds").asDouble();
            assertTrue(seconds > previousSeconds, "elapsedSeconds of round " + (i + 1) + ": " + seconds
                    + " after " + previousSeconds);
            previousSeconds = seconds;
        }
    }

    private void trainStoppingAfterThree(String extra) {
        GracefulStop stop = new GracefulStop();
        TrainingListener stopAfterThree = new TrainingListener() {
            @Override
            public void onRound(RoundMetrics m, TrainingState s) {
                if (m.round() == 3) stop.request();
            }
        };
        Checkpoint stopped = train(config("checkpoint.every = 0\n" + extra), null, List.of(stopAfterThree, stop));
        assertEquals(3, stopped.roundsDone());
    }

    private List<JsonNode> metricsLines() throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("r/metrics.jsonl"))) nodes.add(Json.mapper().readTree(line));
        return nodes;
    }

    @Test
    void resumingWithAnotherModelOrDataSetIsRefusedNamingTheChange() {
        train(config("train.rounds = 2"), null, List.of());
        ResumePoint point = ResumePoint.find(dir.resolve("r").toString(), new Configuration());
        IllegalStateException model = assertThrows(IllegalStateException.class, () -> train(
                GanConfig.parse(point.config(), Map.of("train.rounds", "4", "model.generator-hidden", "[32]")), point,
                List.of()));
        assertTrue(model.getMessage().contains("model.generator-hidden: [16] -> [32]"), model.getMessage());
        IllegalStateException data = assertThrows(IllegalStateException.class, () -> train(
                GanConfig.parse(point.config(), Map.of("train.rounds", "4", "data.source", "grid25")), point,
                List.of()));
        assertTrue(data.getMessage().contains("data.source: ring8 -> grid25"), data.getMessage());
        IllegalStateException done = assertThrows(IllegalStateException.class,
                () -> train(GanConfig.parse(point.config(), Map.of()), point, List.of()));
        assertTrue(done.getMessage().contains("--set train.rounds=N"), done.getMessage());
    }

    private GanConfig config(String extra) {
        return GanConfig.parse(BASE + extra + "\nrun.output = \"" + dir + "\"");
    }

    private static Checkpoint train(GanConfig cfg, ResumePoint resume, List<TrainingListener> extra) {
        Configuration conf = new Configuration();
        DataSource data = TrainingRun.openData(cfg, conf, resume);
        GanModelSpec spec = cfg.model().spec(data.dim());
        return TrainingRun.execute(cfg, data, spec,
                new ReferencePhaseRunner(spec, cfg.training(), data, cfg.data().partitions()), "reference", Map.of(),
                extra, null, conf, resume);
    }

    private static Checkpoint read(Path file) throws Exception {
        return Checkpoint.fromBytes(Files.readAllBytes(file), file.toString());
    }

    private static List<String> ckptFiles(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".ckpt")).sorted().toList();
        }
    }
}
