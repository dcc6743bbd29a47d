package io.sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgan.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import io.sparkgan.spark.SparkContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sparkgan command line end to end, on real Spark local mode and real files. */
class CliTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "train.batch-per-partition=0 | 'train.batch-per-partition' must be a positive integer, got 0",
        "train.generator-optimizer.learning-rate=-0.1 | 'train.generator-optimizer.learning-rate' must be a positive finite number",
        "data.partitions=5 | 'data.partitions' (5) exceeds the number of examples",
        "train.rounds=lots | 'train.rounds' has a wrong type",
        "train.batch=64 | unknown config key 'train.batch'",
        "train.loss=wasserstein | unknown loss 'wasserstein'",
        "train.local-steps=4 | 'train.local-steps' must be 1 in sync mode",
    })
    void badConfigIsRejectedNamingTheKeyBeforeSparkStarts(String override, String expected) {
        int contextsBefore = SparkContexts.created();
        // Sync mode pinned: ring8's recipe is average mode, where local-steps=4 is valid.
        Cli.Result r = Cli.run("train", "-c", "ring8", "--set", "data.examples=4", "--set", "train.mode=sync",
                "--set", "train.local-steps=1", "--set", override, "--set", "run.output=" + dir);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(expected), "stderr was: " + r.err());
        assertEquals(contextsBefore, SparkContexts.created(), "no SparkContext may be created for a bad config");
    }

    @Test
    void unknownKeyInAConfigFileIsRejectedWithItsOrigin() throws Exception {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "run.name = x\nmodel { latent-dims = 4 }\n");
        Cli.Result r = Cli.run("train", "-c", conf.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown config key 'model.latent-dims'"), r.err());
        assertTrue(r.err().contains("bad.conf"), "the message names the file: " + r.err());
        assertTrue(r.err().contains("model.latent-dim,"), "the message lists valid keys: " + r.err());
    }

    @Test
    void badCsvRowsAreReportedWithFileAndLine() throws Exception {
        Path csv = dir.resolve("points.csv");
        Files.writeString(csv, "x,y\n0.1,0.2\n0.3,NaN\n");
        Cli.Result r = Cli.run("train", "-c", "gaussian2d", "--set", "data.source=csv", "--set", "data.path=" + csv,
                "--set", "run.output=" + dir.resolve("runs"), "--master", "local[1]",
                "--spark-conf", "spark.ui.enabled=false");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("points.csv") && r.err().contains("line 3") && r.err().contains("NaN"), r.err());
    }

    @Test
    void trainSampleAndEvaluateOnCsvData() throws Exception {
        Path csv = dir.resolve("data.csv");
        StringBuilder rows = new StringBuilder("a,b,c\n");
        java.util.Random rnd = new java.util.Random(3);
        for (int i = 0; i < 500; i++) {
            rows.append(rnd.nextGaussian()).append(',').append(2 + rnd.nextGaussian()).append(',')
                    .append(-1 + 0.5 * rnd.nextGaussian()).append('\n');
        }
        Files.writeString(csv, rows);
        Path runs = dir.resolve("runs");
        Cli.Result train = Cli.run("train", "-c", "gaussian2d", "--set", "data.source=csv", "--set", "data.path=" + csv,
                "--set", "run.name=csv3d", "--set", "run.output=" + runs, "--set", "train.rounds=30",
                "--set", "train.batch-per-partition=64", "--master", "local[2]", "--spark-conf", "spark.ui.enabled=false");
        assertEquals(0, train.code(), train.err());
        Path run = runs.resolve("csv3d");
        List<String> metrics = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertEquals(30, metrics.size());
        JsonNode last = Json.mapper().readTree(metrics.get(29));
        for (String field : List.of("dLoss", "gLoss", "dReal", "dFake", "jsd", "examplesPerSecond", "broadcastMs",
                "computeMs", "aggregateMs", "updateMs")) {
            assertTrue(last.has(field) && last.get(field).isNumber(), "metrics.jsonl lacks " + field);
        }
        JsonNode provenance = Json.mapper().readTree(run.resolve("provenance.json").toFile());
        assertEquals(30, provenance.get("roundsDone").asInt());
        assertTrue(provenance.get("versions").get("spark").asText().startsWith("3.5"));

        Cli.Result sample = Cli.run("sample", "--run", run.toString(), "--n", "500");
        assertEquals(0, sample.code(), sample.err());
        List<String> lines = Files.readAllLines(run.resolve("samples.csv"));
        assertEquals(500, lines.size());
        assertEquals(3, lines.get(0).split(",").length);

        Cli.Result eval = Cli.run("evaluate", "--run", run.toString(), "--n", "500");
        assertEquals(0, eval.code(), eval.err());
        JsonNode e = Json.mapper().readTree(run.resolve("evaluation.json").toFile());
        assertTrue(e.get("frechetReference").asText().contains("data.csv"));
        // sample and evaluate draw the same 500 examples (same seed, same SAMPLING stream): the
        // distance evaluate reports is the one between those samples' and the CSV's moments.
        double expected = frechetDistance(rowsOf(lines), rowsOf(Files.readAllLines(csv).subList(1, 501)));
        assertTrue(expected > 1e-3, "30 rounds do not reproduce the data exactly: " + expected);
        assertEquals(expected, e.get("frechetDistance").asDouble(), 1e-9 * expected);
    }

    private static List<double[]> rowsOf(List<String> csvLines) {
        List<double[]> rows = new ArrayList<>();
        for (String line : csvLines) {
            String[] cells = line.split(",");
            double[] row = new double[cells.length];
            for (int j = 0; j < cells.length; j++) row[j] = Float.parseFloat(cells[j]); // read as floats, as sparkgan does
            rows.add(row);
        }
        return rows;
    }

    /** Frechet distance between the Gaussians fitted (mean, unbiased covariance) to two sets of rows. */
    private static double frechetDistance(List<double[]> a, List<double[]> b) {
        return io.sparkgan.metrics.FrechetDistance.between(mean(a), covariance(a), mean(b), covariance(b));
    }

    private static double[] mean(List<double[]> rows) {
        double[] mean = new double[rows.get(0).length];
        for (double[] row : rows) for (int j = 0; j < mean.length; j++) mean[j] += row[j] / rows.size();
        return mean;
    }

    private static double[][] covariance(List<double[]> rows) {
        double[] mean = mean(rows);
        int d = mean.length;
        double[][] cov = new double[d][d];
        for (double[] row : rows) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) cov[i][j] += (row[i] - mean[i]) * (row[j] - mean[j]) / (rows.size() - 1);
            }
        }
        return cov;
    }

    @Test
    void sampleWritesCsvAndScatterPlotForTwoDimensionalRuns() throws Exception {
        Path runs = dir.resolve("runs");
        Cli.Result train = Cli.run("train", "--reference", "-c", "ring8", "--set", "run.output=" + runs,
                "--set", "train.rounds=5", "--set", "data.examples=1000");
        assertEquals(0, train.code(), train.err());
        Path run = runs.resolve("ring8");
        assertTrue(Files.exists(run.resolve("final-samples.png")));
        Cli.Result sample = Cli.run("sample", "--run", run.toString(), "--n", "50", "--out", dir.resolve("s.csv").toString());
        assertEquals(0, sample.code(), sample.err());
        assertEquals(50, Files.readAllLines(dir.resolve("s.csv")).size());
        assertEquals(800, ImageIO.read(dir.resolve("s.png").toFile()).getWidth());

        Cli.Result again = Cli.run("train", "--reference", "-c", "ring8", "--set", "run.output=" + runs,
                "--set", "train.rounds=5", "--set", "data.examples=1000");
        assertEquals(1, again.code());
        assertTrue(again.err().contains("already exists"), again.err());
    }

    @Test
    void reportWritesOneHtmlPageWithTheSnapshotsTakenDuringTraining() throws Exception {
        Path runs = dir.resolve("runs");
        Cli.Result train = Cli.run("train", "--reference", "-c", "ring8", "--set", "run.output=" + runs,
                "--set", "train.rounds=4", "--set", "data.examples=1000", "--set", "samples.every-rounds=2");
        assertEquals(0, train.code(), train.err());
        Path run = runs.resolve("ring8");
        for (String snapshot : List.of("round-000000.png", "round-000002.png", "round-000004.png")) {
            assertEquals(480, ImageIO.read(run.resolve("samples").resolve(snapshot).toFile()).getWidth(), snapshot);
        }
        Cli.Result report = Cli.run("report", "--run", run.toString());
        assertEquals(0, report.code(), report.err());
        assertTrue(report.out().contains("Wrote report to file:" + run.resolve("report.html")), report.out());
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<figcaption>round 4</figcaption>"), "snapshots in the page");
        Cli.Result elsewhere = Cli.run("report", "--run", run.toString(), "--out", dir.resolve("r.html").toString());
        assertEquals(0, elsewhere.code(), elsewhere.err());
        assertTrue(Files.size(dir.resolve("r.html")) > 10_000);
        Cli.Result missing = Cli.run("report", "--run", dir.resolve("nope").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("does not exist"), missing.err());
    }

    @Test
    void everySubcommandHasHelp() {
        for (String cmd : List.of("prepare", "train", "clusters", "sample", "export", "evaluator", "evaluate", "report",
                "bench")) {
            Cli.Result r = Cli.run(cmd, "--help");
            assertEquals(0, r.code());
            assertTrue(r.out().contains("Usage: sparkgan " + cmd), r.out());
        }
    }

    @Test
    void prepareTrainAndSampleOnAFolderOfImages() throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        for (int i = 0; i < 12; i++) {
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(10, 10,
                    java.awt.image.BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 10; y++) for (int x = 0; x < 10; x++) img.setRGB(x, y, rng.nextInt(1 << 24));
            ImageIO.write(img, "png", images.resolve("img" + i + ".png").toFile());
        }
        Files.write(images.resolve("broken.png"), new byte[0]);
        Path prepared = dir.resolve("prepared");
        Cli.Result prep = Cli.run("prepare", "--input", images.toString(), "--out", prepared.toString(), "--size", "8",
                "--master", "local[2]");
        assertEquals(0, prep.code(), prep.err());
        assertTrue(prep.out().contains("Prepared 12 images 8x8x1"), prep.out());
        assertTrue(prep.out().contains("1 input files rejected"), prep.out());

        Path runs = dir.resolve("runs");
        Cli.Result train = Cli.run("train", "--reference", "-c", "ring8", "--set", "run.output=" + runs,
                "--set", "data.source=images", "--set", "data.path=" + prepared, "--set", "model.generator-output=tanh",
                "--set", "train.rounds=3", "--set", "train.batch-per-partition=4");
        assertEquals(0, train.code(), train.err());
        java.awt.image.BufferedImage grid = ImageIO.read(runs.resolve("ring8/final-samples.png").toFile());
        assertEquals(10 * (8 + 2) + 2, grid.getWidth(), "a 10-column grid of 8x8 samples");
        Cli.Result sample = Cli.run("sample", "--run", runs.resolve("ring8").toString(), "--n", "25",
                "--out", dir.resolve("s.csv").toString());
        assertEquals(0, sample.code(), sample.err());
        assertEquals(25, Files.readAllLines(dir.resolve("s.csv")).size());
        assertEquals(3 * 10 + 2, ImageIO.read(dir.resolve("s.png").toFile()).getHeight(), "25 samples: 3 rows");
    }

    @Test
    void prepareRefusesBadOptionsBeforeSparkAndEmptyInputWithAClearMessage() throws Exception {
        int contextsBefore = SparkContexts.created();
        for (String[] bad : List.of(new String[] {"--size", "0"}, new String[] {"--size", "12y"},
                new String[] {"--channels", "2"}, new String[] {"--labels", "colour"},
                new String[] {"--background", "grey"})) {
            List<String> args = new ArrayList<>(List.of("prepare", "--input", dir.toString(), "--out",
                    dir.resolve("o").toString()));
            args.addAll(List.of(bad));
            Cli.Result r = Cli.run(args.toArray(new String[0]));
            assertEquals(2, r.code(), String.join(" ", bad) + ": " + r.err());
            assertTrue(r.err().contains(bad[0]) && r.err().contains(bad[1]), r.err());
        }
        assertEquals(contextsBefore, SparkContexts.created(), "no SparkContext for bad options");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Cli.Result none = Cli.run("prepare", "--input", empty.toString(), "--out", dir.resolve("o").toString(),
                "--master", "local[1]");
        assertEquals(3, none.code(), none.err());
        assertTrue(none.err().contains("no PNG, JPEG or IDX file in " + empty), none.err());
    }
}
