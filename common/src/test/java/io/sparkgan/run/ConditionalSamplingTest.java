package io.sparkgan.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.data.VectorBlock;
import io.sparkgan.report.TinyRuns;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Samples of one class, the grid with one row per class, and refusals of classes a model does not have. */
class ConditionalSamplingTest {
    /** Grid tile gap in pixels (ImageGrid's). */
    private static final int GAP = 2;

    @TempDir
    Path dir;

    /** A conditional MLP trained a few rounds on 12 labelled 8x8 images of two classes. */
    private Sampler conditionalImageRun() throws Exception {
        Path images = TinyRuns.preparedImages(dir);
        Path run = TinyRuns.train(dir, """
                data { source = images, path = "%s" }
                model { conditional = true, generator-output = tanh }
                train.batch-per-partition = 4
                """.formatted(images));
        return Sampler.forRun(run.toString(), TinyRuns.CONF);
    }

    @Test
    void samplesOfOneClassAreTheConditionedRowsOfTheSameLatents() throws Exception {
        Sampler sampler = conditionalImageRun();
        assertEquals(2, sampler.spec().classes());
        VectorBlock mixed = sampler.generate(20, 7);
        VectorBlock ones = sampler.generateClass(20, 7, 1);
        for (int i = 0; i < 20; i++) {
            assertEquals(i % 2, mixed.label(i), "row i of a conditional model's samples is of class i mod K");
            assertEquals(1, ones.label(i));
            float[] a = Arrays.copyOfRange(mixed.values(), i * 64, (i + 1) * 64);
            float[] b = Arrays.copyOfRange(ones.values(), i * 64, (i + 1) * 64);
            if (i % 2 == 1) {
                for (int j = 0; j < 64; j++) assertEquals(a[j], b[j], 1e-6f, "same z and class, row " + i);
            } else {
                assertFalse(Arrays.equals(a, b), "same z, other class: G uses the label (row " + i + ")");
            }
        }
    }

    @Test
    void classesOutsideTheModelOrOfAnUnconditionalModelAreRefused() throws Exception {
        Sampler sampler = conditionalImageRun();
        for (int bad : new int[] {2, -1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> sampler.generateClass(5, 1, bad));
            assertTrue(e.getMessage().contains("class " + bad) && e.getMessage().contains("0..1"), e.getMessage());
        }
        Sampler plain = Sampler.forRun(TinyRuns.train(dir.resolve("plain"), "").toString(), TinyRuns.CONF);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plain.generateClass(5, 1, 0));
        assertTrue(e.getMessage().contains("class 0") && e.getMessage().contains("unconditional"), e.getMessage());
    }

    @Test
    void theFinalSamplesOfAConditionalRunHaveOneRowPerClass() throws Exception {
        Sampler sampler = conditionalImageRun();
        BufferedImage grid = ImageIO.read(dir.resolve("ring8").resolve(RunFiles.FINAL_SAMPLES).toFile());
        int tile = 8 + GAP;
        assertEquals(10 * tile + GAP, grid.getWidth(), "10 samples a class");
        assertEquals(2 * tile + GAP, grid.getHeight(), "one row per class");
        // The run drew 10 * K samples from its seed, row i of class i mod K: grid row k, column j is sample j * K + k.
        VectorBlock samples = sampler.generate(20, sampler.config().run().seed());
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 10; j++) {
                int sample = j * 2 + k;
                for (int p = 0; p < 64; p += 9) {
                    float v = samples.get(sample, p);
                    int expected = Math.round(Math.max(-1f, Math.min(1f, v)) * 127.5f + 127.5f);
                    int got = grid.getRaster().getSample(GAP + j * tile + p % 8, GAP + k * tile + p / 8, 0);
                    assertEquals(expected, got, 1, "class " + k + ", column " + j + ", pixel " + p);
                }
            }
        }
        byte[] png = sampler.classRowsGridPng(sampler.generateClass(3, 1, 1), 10);
        BufferedImage onlyOnes = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(2 * tile + GAP, onlyOnes.getHeight(), "a class without samples keeps its (empty) row");
    }
}
