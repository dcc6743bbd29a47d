package io.sparkgan.clustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.data.ExampleBlock;
import io.sparkgan.data.InMemorySource;
import io.sparkgan.data.VectorBlock;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Moment deskewing: slanted strokes come out upright and centred (checked with moments computed
 * here), single pixels move to the centre exactly, upright centred images are left alone, and
 * k-means on deskewed features groups glyphs by kind where pixel k-means groups them by slant.
 */
class DeskewedTest {
    private static final int SIDE = 28;

    /** Ink in [0, 1] of a stroke image: bars of rows 4..23 at column {@code x0 + slant (y - 13.5) + offset}. */
    private static float[] strokes(double slant, double x0, double... offsets) {
        float[] ink = new float[SIDE * SIDE];
        for (int y = 4; y < 24; y++) {
            for (double offset : offsets) {
                double x = x0 + offset + slant * (y - 13.5);
                int left = (int) Math.floor(x);
                double f = x - left;
                ink[y * SIDE + left] += (float) (1 - f);
                ink[y * SIDE + left + 1] += (float) f;
            }
        }
        return ink;
    }

    /** Ink in [0, 1] to example values in [-1, 1]. */
    private static float[] values(float[] ink) {
        float[] v = new float[ink.length];
        for (int i = 0; i < v.length; i++) v[i] = 2 * Math.min(1f, ink[i]) - 1;
        return v;
    }

    /** {centre row, centre column, cov(y, x) / var(y)} of an ink image. */
    private static double[] moments(float[] ink) {
        double m = 0, sy = 0, sx = 0;
        for (int i = 0; i < ink.length; i++) {
            m += ink[i];
            sy += ink[i] * (i / SIDE);
            sx += ink[i] * (i % SIDE);
        }
        double cy = sy / m, cx = sx / m, vy = 0, cyx = 0;
        for (int i = 0; i < ink.length; i++) {
            vy += ink[i] * (i / SIDE - cy) * (i / SIDE - cy);
            cyx += ink[i] * (i / SIDE - cy) * (i % SIDE - cx);
        }
        return new double[] {cy, cx, cyx / vy};
    }

    private static float[] deskew(float[] values, int h, int w) {
        float[] out = new float[values.length];
        new Deskewed(h, w).apply(values, 0, out);
        return out;
    }

    @Test
    void aSlantedOffCentreStrokeComesOutUprightAndCentred() {
        for (double slant : new double[] {-0.5, -0.2, 0.3, 0.6}) {
            float[] in = strokes(slant, 10.2, 0, 3);
            double[] before = moments(in);
            assertEquals(slant, before[2], 0.02, "the test's stroke has the slant it was drawn with");
            double[] after = moments(deskew(values(in), SIDE, SIDE));
            assertEquals(0, after[2], 0.03, "slant after deskewing a stroke of slant " + slant);
            assertEquals(13.5, after[0], 0.15, "centre row");
            assertEquals(13.5, after[1], 0.15, "centre column");
        }
    }

    @Test
    void aSinglePixelMovesToTheCentreAndABlankImageStaysBlank() {
        float[] ink = new float[25];
        ink[5 + 1] = 1; // row 1, column 1 of a 5x5 image
        float[] out = deskew(values(ink), 5, 5);
        for (int i = 0; i < 25; i++) assertEquals(i == 2 * 5 + 2 ? 1f : 0f, out[i], 1e-6, "pixel " + i);
        float[] blank = deskew(values(new float[25]), 5, 5);
        for (float v : blank) assertEquals(0f, v);
    }

    @Test
    void anUprightCentredImageIsLeftAsItIs() {
        float[] ink = new float[SIDE * SIDE];
        for (int y = 6; y < 22; y++) {
            ink[y * SIDE + 13] = 1;
            ink[y * SIDE + 14] = 1;
        }
        for (int x = 6; x < 22; x++) {
            ink[13 * SIDE + x] = 1;
            ink[14 * SIDE + x] = 1;
        }
        float[] out = deskew(values(ink), SIDE, SIDE);
        for (int i = 0; i < ink.length; i++) assertEquals(ink[i], out[i], 1e-5, "pixel " + i);
    }

    @Test
    void deskewedKMeansGroupsGlyphsByKindWherePixelsGroupThemBySlant() {
        // one bar and a bar with a second one 4 columns to its right, each leaning left or right:
        // in pixel space a glyph is nearer the other kind at its slant than its own kind at the other
        int n = 200;
        int[] kind = new int[n];
        float[] x = new float[n * SIDE * SIDE];
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            kind[i] = i % 2;
            double slant = (rng.nextBoolean() ? 1 : -1) * (0.45 + 0.1 * rng.nextDouble());
            double x0 = 11 + rng.nextDouble();
            float[] ink = kind[i] == 0 ? strokes(slant, x0, 0) : strokes(slant, x0, 0, 4);
            System.arraycopy(values(ink), 0, x, i * SIDE * SIDE, SIDE * SIDE);
        }
        InMemorySource data = new InMemorySource(new VectorBlock(x, n, SIDE * SIDE), "glyphs");
        double pixels = purity(KMeans.fit(new LocalBlockAggregator(data, 2), 2, 30, 1, SIDE * SIDE,
                new ClusterFeatures.Pixels(SIDE * SIDE)), data, kind);
        double deskewed = purity(KMeans.fit(new LocalBlockAggregator(data, 2), 2, 30, 1, SIDE * SIDE,
                new Deskewed(SIDE, SIDE)), data, kind);
        assertEquals(1.0, deskewed, "deskewed clusters are the two kinds");
        assertTrue(pixels < 0.8, "pixel clusters mix the kinds (purity " + pixels + "), else this test shows nothing");
    }

    /** Share of examples whose kind is the most common kind of their cluster. */
    private static double purity(Clusters clusters, InMemorySource data, int[] kind) {
        ExampleBlock block = data.partitions(1).get(0);
        int[] labels = clusters.assign(block);
        int[][] counts = new int[clusters.classes()][2];
        for (int i = 0; i < labels.length; i++) counts[labels[i]][kind[i]]++;
        int pure = 0;
        for (int[] c : counts) pure += Math.max(c[0], c[1]);
        return pure / (double) labels.length;
    }
}
