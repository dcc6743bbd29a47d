package io.sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgan.evaluation.QualityRecord;
import io.sparkgan.evaluator.SyntheticDigits;
import io.sparkgan.run.RunFiles;
import io.sparkgan.spark.SparkContexts;
import io.sparkgan.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate --time-to-quality} and {@code evaluate --memorisation}: in this JVM, no Spark. */
class EvaluateExtrasCliTest {
    @TempDir
    Path dir;

    @Test
    void timeToQualityReadsQualityJsonlPrintsAndWritesJson() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve(RunFiles.QUALITY),
                Json.line(new QualityRecord(500, 32_000, 60.0, 5.0, 100.0, new long[] {5, 5}, 0.0, 12.0)) + "\n"
                        + Json.line(new QualityRecord(1000, 64_000, 192.0, 8.2, 50.0, new long[] {5, 5}, 0.0, 12.0))
                        + "\n");
        int contexts = SparkContexts.created();
        Cli.Result r = Cli.run("evaluate", "--run", run.toString(), "--time-to-quality", "8,9.3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("not reached in 2 evaluations; best IS 8.200 at round 1000"), r.out());
        JsonNode json = Json.mapper().readTree(run.resolve(RunFiles.TIME_TO_QUALITY).toFile());
        JsonNode eight = json.get("thresholds").get(0);
        assertEquals(1000, eight.get("round").asInt());
        assertEquals(64_000, eight.get("examplesSeen").asLong());
        assertEquals(3.2, eight.get("wallMinutes").asDouble(), 1e-12);
        assertEquals(3.0, eight.get("trainingMinutes").asDouble(), 1e-12, "(192 - 12) s");
        assertFalse(json.get("thresholds").get(1).get("reached").asBoolean());
        assertEquals(contexts, SparkContexts.created(), "no Spark for reading a file");

        Cli.Result bad = Cli.run("evaluate", "--run", run.toString(), "--time-to-quality", "8,x");
        assertEquals(1, bad.code(), bad.err());
        assertTrue(bad.err().contains("'x'"), bad.err());
        Cli.Result none = Cli.run("evaluate", "--run", dir.toString(), "--time-to-quality", "8");
        assertEquals(1, none.code(), none.err());
        assertTrue(none.err().contains(RunFiles.QUALITY + " does not exist"), none.err());
    }

    @Test
    void memorisationComparesGeneratedAndTestDistancesToTheTrainingSet() throws Exception {
        String train = SyntheticDigits.prepare(dir.resolve("train"), 300, 1);
        String test = SyntheticDigits.prepare(dir.resolve("test"), 100, 2);
        Path runs = dir.resolve("runs");
        Cli.Result tr = Cli.run("train", "-c", "ring8", "--reference", "--set", "run.name=img",
                "--set", "run.output=" + runs, "--set", "data.source=images", "--set", "data.path=" + train,
                "--set", "model.generator-output=tanh", "--set", "model.generator-hidden=[16]",
                "--set", "model.discriminator-hidden=[16]", "--set", "train.rounds=2",
                "--set", "train.batch-per-partition=8", "--set", "log.progress=false",
                "--set", "train.mode=sync", "--set", "train.local-steps=1", "--set", "checkpoint.every=0");
        assertEquals(0, tr.code(), tr.err());
        Path run = runs.resolve("img");

        Cli.Result noTest = Cli.run("evaluate", "--run", run.toString(), "--memorisation");
        assertEquals(1, noTest.code(), noTest.err());
        assertTrue(noTest.err().contains("--test"), noTest.err());

        Cli.Result r = Cli.run("evaluate", "--run", run.toString(), "--memorisation", "--test", test, "--n", "60",
                "--block", "16");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("generated images nearer than the real test images' 1% quantile"), r.out());
        JsonNode json = Json.mapper().readTree(run.resolve(RunFiles.MEMORISATION).toFile());
        assertEquals(train, json.get("train").asText(), "the run's data.path by default");
        JsonNode report = json.get("report");
        assertEquals(300, report.get("trainingImages").asInt());
        assertEquals(28 * 28, report.get("dimension").asInt());
        assertEquals(60, report.get("generated").get("count").asInt());
        assertEquals(100, report.get("test").get("count").asInt());
        // The synthetic classes are squares at 10 places with noise: test images are near, not equal, to training ones.
        double testMedian = report.get("test").get("q50").asDouble();
        assertTrue(testMedian > 0 && report.get("test").get("q01").asDouble() <= testMedian, report.toString());
        double fraction = report.get("fractionBelowTestQ01").asDouble();
        assertTrue(fraction >= 0 && fraction <= 1, report.toString());
    }
}
