package io.sparkgan.metrics;

import io.sparkgan.data.VectorBlock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ModeCoverageTest {

    private static VectorBlock block(List<double[]> points) {
        float[] v = new float[points.size() * 2];
        for (int i = 0; i < points.size(); i++) {
            v[2 * i] = (float) points.get(i)[0];
            v[2 * i + 1] = (float) points.get(i)[1];
        }
        return new VectorBlock(v, points.size(), 2);
    }

    private static void repeat(List<double[]> out, double x, double y, int times) {
        for (int i = 0; i < times; i++) out.add(new double[] {x, y});
    }

    @Test
    void ring8HasUnitCircleCentresAndSmallSigma() {
        MixtureModes ring = MixtureModes.ring8();
        assertEquals(8, ring.size());
        assertEquals(0.01, ring.sigma());
        double h = Math.sqrt(0.5);
        assertArrayEquals(new double[] {1, 0}, ring.centres()[0], 1e-15);
        assertArrayEquals(new double[] {h, h}, ring.centres()[1], 1e-15);
        assertArrayEquals(new double[] {0, 1}, ring.centres()[2], 1e-15);
        assertArrayEquals(new double[] {-1, 0}, ring.centres()[4], 1e-15);
        assertArrayEquals(new double[] {h, -h}, ring.centres()[7], 1e-15);
    }

    @Test
    void grid25HasAllPairsOfEvenCoordinates() {
        MixtureModes grid = MixtureModes.grid25();
        assertEquals(25, grid.size());
        assertEquals(0.05, grid.sigma());
        double[][] c = grid.centres();
        for (int x = -4; x <= 4; x += 2) {
            for (int y = -4; y <= 4; y += 2) {
                int found = 0;
                for (double[] p : c) if (p[0] == x && p[1] == y) found++;
                assertEquals(1, found, "centre (" + x + "," + y + ") must appear exactly once");
            }
        }
    }

    @Test
    void centresAreDefensivelyCopied() {
        double[][] in = {{0, 0}, {1, 1}};
        MixtureModes m = new MixtureModes(in, 0.1);
        in[0][0] = 99;
        m.centres()[1][1] = 42;
        assertEquals(0, m.x(0));
        assertEquals(1, m.y(1));
    }

    @Test
    void rejectsBadMixtures() {
        assertThrows(IllegalArgumentException.class, () -> new MixtureModes(new double[0][], 1));
        assertThrows(IllegalArgumentException.class, () -> new MixtureModes(new double[][] {{0, 0}}, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MixtureModes(new double[][] {{0, 0, 0}}, 1));
        assertTrue(e.getMessage().contains("3 coordinates"), e.getMessage());
    }

    @Test
    void perfectSamplesCoverEveryModeWithZeroKl() {
        MixtureModes ring = MixtureModes.ring8();
        List<double[]> pts = new ArrayList<>();
        for (double[] c : ring.centres()) repeat(pts, c[0], c[1], 10);
        ModeCoverageResult r = ModeCoverage.evaluate(block(pts), ring);
        assertEquals(8, r.modesTotal());
        assertEquals(8, r.modesCovered());
        assertEquals(80, r.samples());
        assertEquals(1.0, r.highQualityFraction());
        assertEquals(0.0, r.reverseKl(), 1e-12);
        for (long n : r.highQualityPerMode()) assertEquals(10, n);
    }

    @Test
    void partialCoverageGivesClosedFormKlAndFraction() {
        MixtureModes ring = MixtureModes.ring8();
        double[][] c = ring.centres();
        List<double[]> pts = new ArrayList<>();
        repeat(pts, c[0][0], c[0][1], 30);
        repeat(pts, c[3][0] + 0.01, c[3][1] - 0.01, 10); // 1.41 sigma away: high quality
        repeat(pts, 0, 0, 20);                            // centre of the ring: 100 sigma from every mode
        ModeCoverageResult r = ModeCoverage.evaluate(block(pts), ring);
        assertEquals(2, r.modesCovered());
        assertEquals(40.0 / 60.0, r.highQualityFraction(), 1e-12);
        double expectedKl = 0.75 * Math.log(0.75 * 8) + 0.25 * Math.log(0.25 * 8);
        assertEquals(expectedKl, r.reverseKl(), 1e-12);
        assertArrayEquals(new long[] {30, 0, 0, 10, 0, 0, 0, 0}, r.highQualityPerMode());
    }

    @Test
    void threeSigmaIsTheHighQualityBoundary() {
        MixtureModes modes = new MixtureModes(new double[][] {{0, 0}, {10, 0}}, 0.5);
        List<double[]> pts = new ArrayList<>();
        pts.add(new double[] {1.45, 0});      // 2.9 sigma from mode 0
        pts.add(new double[] {0, -1.55});     // 3.1 sigma from mode 0
        pts.add(new double[] {10, 1.49});     // 2.98 sigma from mode 1
        pts.add(new double[] {5.1, 0});       // nearest is mode 1 but 9.8 sigma away
        ModeCoverageResult r = ModeCoverage.evaluate(block(pts), modes);
        assertArrayEquals(new long[] {1, 1}, r.highQualityPerMode());
        assertEquals(0.5, r.highQualityFraction(), 1e-12);
        assertEquals(2, r.modesCovered());
    }

    @Test
    void noHighQualitySampleGivesInfiniteKl() {
        MixtureModes grid = MixtureModes.grid25();
        List<double[]> pts = new ArrayList<>();
        repeat(pts, 1, 1, 5);        // between four modes
        repeat(pts, Float.NaN, 0, 2);  // diverged generator output never counts
        ModeCoverageResult r = ModeCoverage.evaluate(block(pts), grid);
        assertEquals(0, r.modesCovered());
        assertEquals(0.0, r.highQualityFraction());
        assertEquals(Double.POSITIVE_INFINITY, r.reverseKl());
        assertEquals(7, r.samples());
    }

    @Test
    void emptySampleSetIsReportedNotRejected() {
        ModeCoverageResult r = ModeCoverage.evaluate(new VectorBlock(new float[0], 0, 2), MixtureModes.ring8());
        assertEquals(0, r.samples());
        assertEquals(0, r.modesCovered());
        assertEquals(Double.POSITIVE_INFINITY, r.reverseKl());
    }

    @Test
    void rejectsSamplesThatAreNotTwoDimensional() {
        VectorBlock threeD = new VectorBlock(new float[6], 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModeCoverage.evaluate(threeD, MixtureModes.ring8()));
        assertTrue(e.getMessage().contains("dim 3"), e.getMessage());
    }

    @Test
    void resultCopiesPerModeCounts() {
        long[] counts = {1, 2};
        ModeCoverageResult r = new ModeCoverageResult(2, 2, 1.0, 0.0, 3, counts);
        counts[0] = 7;
        r.highQualityPerMode()[1] = 9;
        assertArrayEquals(new long[] {1, 2}, r.highQualityPerMode());
        assertEquals(r, new ModeCoverageResult(2, 2, 1.0, 0.0, 3, new long[] {1, 2}));
    }
}
