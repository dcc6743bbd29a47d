package io.sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.evaluator.SyntheticDigits;
import io.sparkgan.export.ExportedGenerator;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class-conditional DCGAN run (conditional batch norm) through the command line: sample --class,
 * one grid row per class, export with the label input and sampling the export like the run.
 */
class ConditionalCliTest {
    /** Grid tile side plus the gap (ImageGrid's 2 pixels). */
    private static final int TILE = 28 + 2;

    @TempDir
    Path dir;
    private Path run;

    @BeforeEach
    void trainATinyConditionalDcgan() throws Exception {
        String data = SyntheticDigits.prepare(dir.resolve("digits"), 120, 1);
        Path conf = Files.writeString(dir.resolve("cond.conf"), """
                run { name = cond, output = "%s" }
                data { source = images, path = "%s", partitions = 2 }
                model { type = dcgan, image-size = 28, channels = 1, latent-dim = 8, base-width = 8, conditional = true }
                train { rounds = 2, batch-per-partition = 4 }
                samples.every-rounds = 0
                log.progress = false
                """.formatted(dir.resolve("runs"), data));
        Cli.Result train = Cli.run("train", "--reference", "-c", conf.toString());
        assertEquals(0, train.code(), train.err());
        run = dir.resolve("runs/cond");
    }

    @Test
    void samplesOfOneClassFromTheRunAndFromItsExportAgree() throws Exception {
        BufferedImage finalSamples = ImageIO.read(run.resolve("final-samples.png").toFile());
        assertEquals(10 * TILE + 2, finalSamples.getHeight(), "final-samples.png: one row per class");
        assertEquals(10 * TILE + 2, finalSamples.getWidth(), "10 samples a class");

        Cli.Result export = Cli.run("export", "--run", run.toString());
        assertEquals(0, export.code(), export.err());
        assertTrue(export.out().contains("\"label\" [n, 10] one-hot"), export.out());
        Path model = run.resolve("generator-dl4j.zip");
        ExportedGenerator loaded = ExportedGenerator.load(model.toFile());
        assertEquals(10, loaded.classes());
        assertEquals(8, loaded.latentDim());

        for (String[] classArg : new String[][] {{"--class", "3"}, {}}) {
            String tag = classArg.length == 0 ? "all" : "three";
            Cli.Result fromRun = Cli.run(concat(new String[] {"sample", "--run", run.toString(), "--n", "25", "--seed",
                    "4", "--out", dir.resolve("run-" + tag + ".csv").toString()}, classArg));
            Cli.Result fromModel = Cli.run(concat(new String[] {"sample", "--model", model.toString(), "--n", "25",
                    "--seed", "4", "--out", dir.resolve("model-" + tag + ".csv").toString()}, classArg));
            assertEquals(0, fromRun.code(), fromRun.err());
            assertEquals(0, fromModel.code(), fromModel.err());
            assertSameRows(dir.resolve("run-" + tag + ".csv"), dir.resolve("model-" + tag + ".csv"));
            BufferedImage grid = ImageIO.read(dir.resolve("model-" + tag + ".png").toFile());
            assertEquals(classArg.length == 0 ? 10 * TILE + 2 : 3 * TILE + 2, grid.getHeight(),
                    tag + ": one row per class without --class, rows of 10 with it");
        }
        assertTrue(Cli.run("sample", "--run", run.toString(), "--n", "25", "--seed", "4", "--class", "3", "--out",
                dir.resolve("again.csv").toString()).code() == 0);
        assertSameRows(dir.resolve("run-three.csv"), dir.resolve("again.csv"));
        assertFalse(Files.readString(dir.resolve("run-three.csv")).equals(Files.readString(dir.resolve("run-all.csv"))),
                "class 3 everywhere differs from classes i mod 10");
    }

    @Test
    void aSelfConditionedRunSamplesAndExportsItsClusterFrequencies() throws Exception {
        String data = SyntheticDigits.prepare(dir.resolve("digits-sc"), 120, 2);
        Path conf = Files.writeString(dir.resolve("sc.conf"), """
                run { name = sc, output = "%s" }
                data { source = images, path = "%s", partitions = 2 }
                model { type = dcgan, image-size = 28, channels = 1, latent-dim = 8, base-width = 8, clusters = 3 }
                train { rounds = 2, batch-per-partition = 4 }
                samples.every-rounds = 0
                log.progress = false
                """.formatted(dir.resolve("runs"), data));
        Cli.Result train = Cli.run("train", "--reference", "-c", conf.toString());
        assertEquals(0, train.code(), train.err());
        Path sc = dir.resolve("runs/sc");
        BufferedImage finalSamples = ImageIO.read(sc.resolve("final-samples.png").toFile());
        assertEquals(10 * TILE + 2, finalSamples.getHeight(), "100 unconditional samples in rows of 10");

        Cli.Result export = Cli.run("export", "--run", sc.toString());
        assertEquals(0, export.code(), export.err());
        assertTrue(export.out().contains("k-means clusters"), export.out());
        Path model = sc.resolve("generator-dl4j.zip");
        ExportedGenerator loaded = ExportedGenerator.load(model.toFile());
        assertEquals(3, loaded.classes());
        long[] counts = io.sparkgan.run.Sampler.forRun(sc.toString(), new org.apache.hadoop.conf.Configuration())
                .checkpoint().clusters().counts();
        assertEquals(120, java.util.Arrays.stream(counts).sum());
        org.junit.jupiter.api.Assertions.assertArrayEquals(counts, loaded.classPrior().counts());

        Cli.Result fromRun = Cli.run("sample", "--run", sc.toString(), "--n", "40", "--seed", "6", "--out",
                dir.resolve("sc-run.csv").toString());
        Cli.Result fromModel = Cli.run("sample", "--model", model.toString(), "--n", "40", "--seed", "6", "--out",
                dir.resolve("sc-model.csv").toString());
        assertEquals(0, fromRun.code(), fromRun.err());
        assertEquals(0, fromModel.code(), fromModel.err());
        assertTrue(fromRun.out().contains("clusters drawn with their frequencies"), fromRun.out());
        assertTrue(fromModel.out().contains("clusters drawn with their frequencies"), fromModel.out());
        assertSameRows(dir.resolve("sc-run.csv"), dir.resolve("sc-model.csv"));
    }

    @Test
    void aClassOutsideTheModelIsRefusedNamingTheRange() {
        for (String[] source : new String[][] {{"--run", run.toString()}, {"--model", exported().toString()}}) {
            Cli.Result r = Cli.run(concat(new String[] {"sample", "--n", "5", "--class", "10", "--out",
                    dir.resolve("x.csv").toString()}, source));
            assertEquals(1, r.code(), r.out());
            assertTrue(r.err().contains("class 10") && r.err().contains("0..9"), r.err());
        }
    }

    private Path exported() {
        Cli.Result export = Cli.run("export", "--run", run.toString());
        assertEquals(0, export.code(), export.err());
        return run.resolve("generator-dl4j.zip");
    }

    private static void assertSameRows(Path expected, Path actual) throws Exception {
        List<String> a = Files.readAllLines(expected);
        List<String> b = Files.readAllLines(actual);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            String[] x = a.get(i).split(",");
            String[] y = b.get(i).split(",");
            assertEquals(x.length, y.length);
            for (int j = 0; j < x.length; j++) {
                assertEquals(Double.parseDouble(x[j]), Double.parseDouble(y[j]), 1e-5, "row " + i + ", value " + j);
            }
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
