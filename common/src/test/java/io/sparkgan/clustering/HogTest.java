package io.sparkgan.clustering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Histograms of oriented gradients: a step edge puts all its weight in the bin of its direction and
 * in the cells it crosses, the vector has unit length, and brightness, contrast and equal colour
 * channels do not change it.
 */
class HogTest {
    private static final int SIDE = 8;

    /** An 8x8 image in [-1, 1]: 1 where {@code a * row + b * column > c}, else -1. */
    private static float[] step(double a, double b, double c) {
        float[] x = new float[SIDE * SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int col = 0; col < SIDE; col++) x[y * SIDE + col] = a * y + b * col > c ? 1f : -1f;
        }
        return x;
    }

    private static float[] hog(float[] x, int channels) {
        Hog hog = new Hog(new ClusterFeatures.Pixels(SIDE * SIDE * channels), SIDE, SIDE, channels, 4, 9);
        float[] out = new float[hog.dim()];
        hog.apply(x, 0, out);
        return out;
    }

    /** Weight of orientation bin {@code bin} summed over the 2x2 cells. */
    private static double binWeight(float[] h, int bin) {
        double sum = 0;
        for (int cell = 0; cell < 4; cell++) sum += h[cell * 9 + bin];
        return sum;
    }

    @Test
    void aStepEdgeFallsInTheBinOfItsDirectionAndTheCellsItCrosses() {
        // dark left, bright right: gradient along +x, 0 degrees, bin 0; the edge between columns 3 and 4
        // lies where the left and right cells meet, so all four cells see it
        float[] vertical = hog(step(0, 1, 3.5), 1);
        assertEquals(1.0, norm(vertical), 1e-5);
        assertEquals(1.0, binWeight(vertical, 0) / sum(vertical), 1e-6, "a vertical edge is all bin 0");
        // dark top, bright bottom: gradient along +y, 90 degrees: bin 4 of 9 (80-100 degrees)
        float[] horizontal = hog(step(1, 0, 3.5), 1);
        assertEquals(1.0, binWeight(horizontal, 4) / sum(horizontal), 1e-6, "a horizontal edge is all bin 4");
        // bright below the anti-diagonal: gradient along (1, 1), 45 degrees: bin 2 (40-60 degrees)
        float[] diagonal = hog(step(1, 1, 7), 1);
        assertEquals(binWeight(diagonal, 2), max(diagonal, 2), 1e-6);
        assertEquals(true, binWeight(diagonal, 2) / sum(diagonal) > 0.6, "mostly bin 2");
        // an edge inside the left cells only (between columns 1 and 2): the right cells stay empty
        float[] left = hog(step(0, 1, 1.5), 1);
        for (int b = 0; b < 9; b++) {
            assertEquals(0f, left[1 * 9 + b], "top-right cell, bin " + b);
            assertEquals(0f, left[3 * 9 + b], "bottom-right cell, bin " + b);
        }
    }

    @Test
    void brightnessContrastAndEqualChannelsDoNotChangeTheHistograms() {
        float[] x = step(1, 2, 8);
        float[] dimmer = new float[x.length];
        for (int i = 0; i < x.length; i++) dimmer[i] = 0.5f * x[i] - 0.3f;
        assertArrayEquals(hog(x, 1), hog(dimmer, 1), 1e-6f);
        float[] rgb = new float[x.length * 3];
        for (int i = 0; i < x.length; i++) rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = x[i];
        assertArrayEquals(hog(x, 1), hog(rgb, 3), 1e-6f);
        float[] flat = hog(new float[SIDE * SIDE], 1);
        for (float v : flat) assertEquals(0f, v, "no edges, no weight");
    }

    @Test
    void sizesThatDoNotFitAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Hog(new ClusterFeatures.Pixels(36), 6, 6, 1, 4, 9));
        assertThrows(IllegalArgumentException.class, () -> new Hog(new ClusterFeatures.Pixels(10), 8, 8, 1, 4, 9));
        Hog ok = new Hog(new ClusterFeatures.Pixels(64), 8, 8, 1, 4, 9);
        assertThrows(IllegalArgumentException.class, () -> new Hog(ok, 8, 8, 1, 4, 9));
        assertThrows(IllegalArgumentException.class, () -> ok.apply(new float[64], 0, new float[35]));
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) s += x * x;
        return Math.sqrt(s);
    }

    private static double sum(float[] v) {
        double s = 0;
        for (float x : v) s += x;
        return s;
    }

    private static double max(float[] h, int fallback) {
        double best = 0;
        for (int b = 0; b < 9; b++) best = Math.max(best, binWeight(h, b));
        return best;
    }
}
