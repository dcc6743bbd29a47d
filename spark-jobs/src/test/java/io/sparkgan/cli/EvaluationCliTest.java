package io.sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgan.evaluator.SyntheticDigits;
import io.sparkgan.spark.SparkContexts;
import io.sparkgan.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluator train, training with evaluation every N rounds, and evaluate on an image run, end to end. */
class EvaluationCliTest {
    @TempDir
    Path dir;

    @Test
    void evaluatorTrainThenTrainingWithQualityFileThenEvaluate() throws Exception {
        String train = SyntheticDigits.prepare(dir.resolve("train"), 600, 1);
        String test = SyntheticDigits.prepare(dir.resolve("test"), 200, 2);
        Path firstEvaluator = dir.resolve("evaluator");
        Cli.Result ev = Cli.run("evaluator", "train", "--data", train, "--test", test, "--out",
                firstEvaluator.toString(), "--epochs", "1", "--batch", "32", "--master", "local[2]",
                "--spark-conf", "spark.ui.enabled=false");
        assertEquals(0, ev.code(), ev.err());
        assertTrue(Files.isRegularFile(firstEvaluator.resolve("evaluator.json")));
        assertTrue(Files.isRegularFile(firstEvaluator.resolve("model.zip")));
        JsonNode first = Json.mapper().readTree(firstEvaluator.resolve("evaluator.json").toFile());
        assertEquals(500, first.get("featureDim").asInt());
        // One more epoch at a lower learning rate, continuing the first network.
        Path evaluator = dir.resolve("evaluator2");
        Cli.Result more = Cli.run("evaluator", "train", "--data", train, "--test", test, "--out",
                evaluator.toString(), "--epochs", "1", "--batch", "32", "--learning-rate", "0.0005", "--init-from",
                firstEvaluator.toString(), "--master", "local[2]", "--spark-conf", "spark.ui.enabled=false");
        assertEquals(0, more.code(), more.err());
        JsonNode info = Json.mapper().readTree(evaluator.resolve("evaluator.json").toFile());
        assertEquals(2, info.get("epochs").asInt());
        assertTrue(info.get("trainer").asText().contains("continuing 1 epochs of"), info.toString());

        Path runs = dir.resolve("runs");
        Cli.Result tr = Cli.run("train", "-c", "ring8", "--set", "run.name=img", "--set", "run.output=" + runs,
                "--set", "data.source=images", "--set", "data.path=" + train, "--set", "model.generator-output=tanh",
                "--set", "model.generator-hidden=[32]", "--set", "model.discriminator-hidden=[32]",
                "--set", "train.rounds=5", "--set", "train.batch-per-partition=8", "--set", "log.progress=false",
                // 16 examples a round: ring8's recipe is average mode with 8 local steps.
                "--set", "train.mode=sync", "--set", "train.local-steps=1",
                "--set", "evaluation.every-rounds=2", "--set", "evaluation.evaluator=" + evaluator,
                "--set", "evaluation.samples=300", "--master", "local[2]", "--spark-conf", "spark.ui.enabled=false");
        assertEquals(0, tr.code(), tr.err());
        Path run = runs.resolve("img");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("quality.jsonl"))) lines.add(Json.mapper().readTree(line));
        assertEquals(List.of(2, 4, 5), lines.stream().map(l -> l.get("round").asInt()).toList(),
                "every 2 rounds and after the last");
        List<String> fields = new ArrayList<>();
        for (Iterator<String> it = lines.get(0).fieldNames(); it.hasNext(); ) fields.add(it.next());
        assertEquals(List.of("round", "examplesSeen", "elapsedSeconds", "inceptionScore", "fid", "classHistogram",
                "klToUniform", "seconds"), fields, "the report reads exactly these names");
        for (JsonNode l : lines) {
            double is = l.get("inceptionScore").asDouble();
            assertTrue(is >= 1 && is <= 10.0001, "IS " + is);
            assertTrue(l.get("fid").asDouble() > 0);
            long total = 0;
            for (JsonNode c : l.get("classHistogram")) total += c.asLong();
            assertEquals(300, total);
            assertEquals(l.get("round").asInt() * 16L, l.get("examplesSeen").asLong());
        }

        Cli.Result eval = Cli.run("evaluate", "--run", run.toString(), "--n", "400", "--master", "local[2]",
                "--spark-conf", "spark.ui.enabled=false");
        assertEquals(0, eval.code(), eval.err());
        JsonNode e = Json.mapper().readTree(run.resolve("evaluation.json").toFile());
        assertEquals(400, e.get("samples").asInt());
        assertEquals(5, e.get("roundsDone").asInt());
        assertTrue(e.get("inceptionScore").asDouble() >= 1);
        assertTrue(e.get("fid").asDouble() > e.get("real").get("fidTrainVsTest").asDouble());
        assertTrue(e.get("real").get("testInceptionScore").asDouble() > 1);
        assertTrue(e.get("evaluator").asText().endsWith("evaluator2"), e.toString());
        assertEquals(0.0, e.get("latentTruncation").asDouble(), "the run's own setting: plain N(0, I)");

        Cli.Result truncated = Cli.run("evaluate", "--run", run.toString(), "--n", "400", "--truncation", "0.5",
                "--master", "local[2]", "--spark-conf", "spark.ui.enabled=false");
        assertEquals(0, truncated.code(), truncated.err());
        JsonNode t = Json.mapper().readTree(run.resolve("evaluation-truncation-0.5.json").toFile());
        assertEquals(0.5, t.get("latentTruncation").asDouble());
        assertNotEquals(e.get("fid").asDouble(), t.get("fid").asDouble(), "other latents, other images");
        assertEquals(e.get("inceptionScore").asDouble(),
                Json.mapper().readTree(run.resolve("evaluation.json").toFile()).get("inceptionScore").asDouble(),
                "evaluation.json is left as the run's own evaluation");
        assertFalse(e.has("classAgreement"), "an unconditional run has no requested classes");

        // A class-conditional run: how often the evaluator's class is the requested one, during
        // training (quality.jsonl) and after (evaluation.json and the printed summary).
        Cli.Result cond = Cli.run("train", "-c", "ring8", "--set", "run.name=cond", "--set", "run.output=" + runs,
                "--set", "data.source=images", "--set", "data.path=" + train, "--set", "model.generator-output=tanh",
                "--set", "model.generator-hidden=[32]", "--set", "model.discriminator-hidden=[32]",
                "--set", "model.conditional=true", "--set", "train.r1-gamma=0",
                "--set", "train.rounds=2", "--set", "train.batch-per-partition=8", "--set", "log.progress=false",
                "--set", "train.mode=sync", "--set", "train.local-steps=1",
                "--set", "evaluation.every-rounds=2", "--set", "evaluation.evaluator=" + evaluator,
                "--set", "evaluation.samples=100", "--master", "local[2]", "--spark-conf", "spark.ui.enabled=false");
        assertEquals(0, cond.code(), cond.err());
        Path condRun = runs.resolve("cond");
        JsonNode during = Json.mapper().readTree(Files.readAllLines(condRun.resolve("quality.jsonl")).get(0))
                .get("classAgreement");
        assertEquals(10, during.get("requested").get(9).asLong(), "100 images, class i mod 10");
        Cli.Result condEval = Cli.run("evaluate", "--run", condRun.toString(), "--n", "200", "--master", "local[2]",
                "--spark-conf", "spark.ui.enabled=false");
        assertEquals(0, condEval.code(), condEval.err());
        JsonNode agreement = Json.mapper().readTree(condRun.resolve("evaluation.json").toFile()).get("classAgreement");
        double weighted = 0;
        for (int k = 0; k < 10; k++) {
            assertEquals(20, agreement.get("requested").get(k).asLong(), "image i is asked for class i mod 10");
            double share = agreement.get("perClass").get(k).asDouble();
            assertTrue(share >= 0 && share <= 1, "class " + k + ": " + share);
            weighted += share * 20;
        }
        assertEquals(weighted / 200, agreement.get("overall").asDouble(), 1e-12, "overall = the classes' shares weighted");
        assertTrue(condEval.out().contains("Class agreement (evaluator's class = requested class): "
                + String.format("%.2f%%", 100 * agreement.get("overall").asDouble())), condEval.out());
    }

    @Test
    void evaluationWithoutAnEvaluatorIsAConfigErrorBeforeSparkStarts() {
        int contexts = SparkContexts.created();
        Cli.Result r = Cli.run("train", "-c", "mnist", "--set", "evaluation.every-rounds=100",
                "--set", "run.output=" + dir);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("'evaluation.evaluator'"), r.err());
        Cli.Result ring = Cli.run("train", "-c", "ring8", "--set", "evaluation.every-rounds=100",
                "--set", "evaluation.evaluator=/x", "--set", "run.output=" + dir);
        assertEquals(2, ring.code(), ring.err());
        assertTrue(ring.err().contains("needs image data"), ring.err());
        assertEquals(contexts, SparkContexts.created());
    }

    @Test
    void badLearningRateScheduleOptionsAreRefusedBeforeSparkStarts() {
        int contexts = SparkContexts.created();
        String[] base = {"evaluator", "train", "--data", dir.resolve("none").toString(), "--test",
                dir.resolve("none").toString(), "--out", dir.resolve("ev").toString()};
        Cli.Result above = Cli.run(concat(base, "--final-learning-rate", "0.01"));
        assertEquals(1, above.code(), above.err());
        assertTrue(above.err().contains("sparkgan evaluator train: --final-learning-rate (0.01) must not exceed"
                + " --learning-rate (0.001)"), above.err());
        Cli.Result zero = Cli.run(concat(base, "--final-learning-rate", "0"));
        assertEquals(1, zero.code(), zero.err());
        assertTrue(zero.err().contains("--final-learning-rate must be positive"), zero.err());
        Cli.Result negative = Cli.run(concat(base, "--learning-rate", "-0.1", "--lr-decay", "none"));
        assertEquals(1, negative.code(), negative.err());
        assertTrue(negative.err().contains("--learning-rate must be positive"), negative.err());
        Cli.Result decay = Cli.run(concat(base, "--lr-decay", "linear"));
        assertEquals(2, decay.code(), decay.err());
        assertTrue(decay.err().contains("Invalid value for option '--lr-decay': expected none, exponential or cosine"
                + " but was 'linear'"), decay.err());
        assertEquals(contexts, SparkContexts.created());
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
