package io.sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.spark.SparkContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export} then {@code sample --model}: same samples as the run, no Spark. */
class ExportCliTest {
    @TempDir
    Path dir;

    @Test
    void exportedGeneratorSamplesLikeTheRunWithoutSpark() throws Exception {
        Path runs = dir.resolve("runs");
        Cli.Result train = Cli.run("train", "--reference", "-c", "ring8", "--set", "run.output=" + runs,
                "--set", "train.rounds=20", "--set", "data.examples=2000");
        assertEquals(0, train.code(), train.err());
        Path run = runs.resolve("ring8");
        int contexts = SparkContexts.created();

        Cli.Result export = Cli.run("export", "--run", run.toString());
        assertEquals(0, export.code(), export.err());
        assertTrue(Files.size(run.resolve("generator-dl4j.zip")) > 0);

        Cli.Result fromRun = Cli.run("sample", "--run", run.toString(), "--n", "200", "--seed", "4",
                "--out", dir.resolve("run.csv").toString());
        Cli.Result fromModel = Cli.run("sample", "--model", run.resolve("generator-dl4j.zip").toString(), "--n", "200",
                "--seed", "4", "--out", dir.resolve("model.csv").toString());
        assertEquals(0, fromRun.code(), fromRun.err());
        assertEquals(0, fromModel.code(), fromModel.err());
        List<String> a = Files.readAllLines(dir.resolve("run.csv"));
        List<String> b = Files.readAllLines(dir.resolve("model.csv"));
        assertEquals(200, b.size());
        for (int i = 0; i < a.size(); i++) {
            String[] x = a.get(i).split(",");
            String[] y = b.get(i).split(",");
            for (int j = 0; j < x.length; j++) {
                assertEquals(Double.parseDouble(x[j]), Double.parseDouble(y[j]), 1e-5, "row " + i);
            }
        }
        assertEquals(contexts, SparkContexts.created(), "export and sample start no Spark");

        for (String source : new String[] {"--run", "--model"}) {
            Cli.Result unconditional = Cli.run("sample", source, source.equals("--run") ? run.toString()
                    : run.resolve("generator-dl4j.zip").toString(), "--n", "5", "--class", "0", "--out",
                    dir.resolve("x.csv").toString());
            assertEquals(1, unconditional.code());
            assertTrue(unconditional.err().contains("class 0") && unconditional.err().contains("unconditional"),
                    unconditional.err());
        }

        Cli.Result both = Cli.run("sample", "--run", run.toString(), "--model", "x.zip");
        assertEquals(2, both.code());
        Cli.Result missing = Cli.run("sample", "--model", dir.resolve("nope.zip").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("does not exist"), missing.err());
    }
}
