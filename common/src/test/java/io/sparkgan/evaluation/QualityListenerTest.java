package io.sparkgan.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgan.config.EvaluationSettings;
import io.sparkgan.config.GanConfig;
import io.sparkgan.metrics.ClassAgreement;
import io.sparkgan.metrics.QualityFigures;
import io.sparkgan.model.GanModelSpec;
import io.sparkgan.train.RoundMetrics;
import io.sparkgan.train.TrainingState;
import io.sparkgan.run.RunFiles;
import io.sparkgan.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training-time quality listener with a scorer that records what it was asked. */
class QualityListenerTest {
    @TempDir
    Path dir;

    @Test
    void scoresEveryNRoundsAndAfterTheLastWithTheRunSeedAndWritesOneLineEach() throws Exception {
        GanConfig cfg = GanConfig.parse("model { latent-dim = 3, generator-hidden = [5], discriminator-hidden = [4] }");
        GanModelSpec spec = cfg.model().spec(2);
        TrainingState state = TrainingState.initial(spec, cfg.training());
        List<String> calls = new ArrayList<>();
        SampleScorer scorer = (generator, samples, seed) -> {
            assertArrayEquals(state.thetaG().floats(), generator.theta().floats());
            calls.add(samples + "@" + seed);
            return new QualityFigures(samples, 2.5, 7.0, new long[] {samples, 0}, Math.log(2), null);
        };
        RunFiles run = RunFiles.create(dir.resolve("run").toString(), false, new Configuration());
        QualityListener listener = new QualityListener(run, scorer, spec, new EvaluationSettings(3, "/e", 40), 11);
        listener.onStart(state, 7);
        for (int round = 1; round <= 7; round++) {
            listener.onRound(metricsOfRound(round), state);
        }
        listener.onEnd(state);
        assertEquals(List.of("40@11", "40@11", "40@11"), calls);
        List<String> lines = Files.readAllLines(dir.resolve("run").resolve(RunFiles.QUALITY));
        assertEquals(3, lines.size());
        JsonNode last = Json.mapper().readTree(lines.get(2));
        assertEquals(7, last.get("round").asInt());
        assertEquals(70, last.get("examplesSeen").asLong());
        assertEquals(3.5, last.get("elapsedSeconds").asDouble());
        assertEquals(2.5, last.get("inceptionScore").asDouble());
        assertEquals(7.0, last.get("fid").asDouble());
        assertEquals(40, last.get("classHistogram").get(0).asLong());
        assertEquals(Math.log(2), last.get("klToUniform").asDouble());
        assertEquals(List.of(3, 6, 7), rounds(lines));
        assertFalse(last.has("classAgreement"), "an unconditional run's lines keep exactly the documented fields");
    }

    @Test
    void aConditionalRunsLinesCarryTheClassAgreement() throws Exception {
        GanConfig cfg = GanConfig.parse("model { latent-dim = 3, generator-hidden = [5], discriminator-hidden = [4] }");
        GanModelSpec spec = cfg.model().spec(2);
        TrainingState state = TrainingState.initial(spec, cfg.training());
        ClassAgreement agreement = ClassAgreement.of(new long[] {20, 20}, new long[] {19, 15});
        SampleScorer scorer = (generator, samples, seed) ->
                new QualityFigures(samples, 1.8, 7.0, new long[] {24, 16}, 0.02, 0.85, agreement);
        RunFiles run = RunFiles.create(dir.resolve("run").toString(), false, new Configuration());
        QualityListener listener = new QualityListener(run, scorer, spec, new EvaluationSettings(1, "/e", 40), 11);
        listener.onStart(state, 1);
        listener.onRound(metricsOfRound(1), state);
        listener.onEnd(state);
        JsonNode line = Json.mapper().readTree(Files.readAllLines(dir.resolve("run").resolve(RunFiles.QUALITY)).get(0));
        JsonNode a = line.get("classAgreement");
        assertEquals(34 / 40.0, a.get("overall").asDouble(), 1e-15);
        assertEquals(19 / 20.0, a.get("perClass").get(0).asDouble(), 1e-15);
        assertEquals(15 / 20.0, a.get("perClass").get(1).asDouble(), 1e-15);
        assertEquals(20, a.get("requested").get(1).asLong());
    }

    @Test
    void aResumedRunKeepsTheEvaluationsUpToItsCheckpoint() throws Exception {
        GanConfig cfg = GanConfig.parse("model { latent-dim = 3, generator-hidden = [5], discriminator-hidden = [4] }");
        GanModelSpec spec = cfg.model().spec(2);
        TrainingState fresh = TrainingState.initial(spec, cfg.training());
        // What a resume from the checkpoint of round 6 starts from.
        TrainingState state = new TrainingState(fresh.thetaG(), fresh.thetaD(), fresh.buffersG(), fresh.buffersD(),
                fresh.generatorOptimizer(), fresh.discriminatorOptimizer(), 6);
        SampleScorer scorer = (generator, samples, seed) ->
                new QualityFigures(samples, 2.5, 7.0, new long[] {samples, 0}, Math.log(2), null);
        RunFiles run = RunFiles.create(dir.resolve("run").toString(), false, new Configuration());
        // The interrupted run scored rounds 3 and 6, then round 9 after its last checkpoint (round 6),
        // and died while writing a line.
        Files.writeString(dir.resolve("run").resolve(RunFiles.QUALITY),
                "{\"round\":3,\"inceptionScore\":1.0}\n{\"round\":6,\"inceptionScore\":2.0}\n"
                        + "{\"round\":9,\"inceptionScore\":3.0}\n{\"round\":1");
        QualityListener listener = new QualityListener(run, scorer, spec, new EvaluationSettings(3, "/e", 40), 11);
        listener.onStart(state, 9);
        for (int round = 7; round <= 9; round++) {
            listener.onRound(metricsOfRound(round), state);
        }
        listener.onEnd(state);
        List<String> lines = Files.readAllLines(dir.resolve("run").resolve(RunFiles.QUALITY));
        assertEquals(List.of(3, 6, 9), rounds(lines));
        assertEquals(1.0, Json.mapper().readTree(lines.get(0)).get("inceptionScore").asDouble(), "kept as written");
        assertEquals(2.5, Json.mapper().readTree(lines.get(2)).get("inceptionScore").asDouble(), "round 9 scored anew");
    }

    private static List<Integer> rounds(List<String> jsonLines) throws Exception {
        List<Integer> rounds = new ArrayList<>();
        for (String line : jsonLines) rounds.add(Json.mapper().readTree(line).get("round").asInt());
        return rounds;
    }

    /** Round {@code round}'s metrics: 10 examples and half a second per round, the rest zero. */
    private static RoundMetrics metricsOfRound(int round) {
        return RoundMetrics.builder().round(round).examplesSeen(round * 10L).elapsedSeconds(round * 0.5).build();
    }
}
