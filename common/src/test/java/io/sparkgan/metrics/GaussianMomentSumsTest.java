package io.sparkgan.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.data.VectorBlock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GaussianMomentSumsTest {
    private static final int DIM = 5;

    /** n rows of correlated Gaussians around {@code offset} (column j at offset * (j + 1), spreads from 0.1 to 3). */
    private static float[] rows(int n, double offset, long seed) {
        Random rnd = new Random(seed);
        float[] v = new float[n * DIM];
        for (int i = 0; i < n; i++) {
            double shared = rnd.nextGaussian();
            for (int j = 0; j < DIM; j++) {
                double spread = 0.1 + 0.7 * j;
                v[i * DIM + j] = (float) (offset * (j + 1) + spread * (0.6 * shared + 0.8 * rnd.nextGaussian()));
            }
        }
        return v;
    }

    /** Mean and covariance agree with the two-pass reference, relative to the covariance's scale. */
    private static void assertClose(GaussianMoments expected, GaussianMoments actual, double tolerance) {
        double[][] ce = expected.covariance();
        double[][] ca = actual.covariance();
        double scale = 0;
        for (double[] row : ce) for (double x : row) scale = Math.max(scale, Math.abs(x));
        double[] me = expected.mean();
        double[] ma = actual.mean();
        for (int a = 0; a < DIM; a++) {
            assertEquals(me[a], ma[a], tolerance * Math.max(Math.abs(me[a]), Math.sqrt(scale)), "mean " + a);
            for (int b = 0; b < DIM; b++) {
                assertEquals(ce[a][b], ca[a][b], tolerance * scale, "covariance " + a + "," + b);
            }
        }
    }

    @ParameterizedTest(name = "offset {0}")
    @ValueSource(doubles = {0, 1e4, 1e6})
    void equalsTheTwoPassMomentsEvenFarFromTheOrigin(double offset) {
        int n = 2000;
        float[] v = rows(n, offset, 11);
        GaussianMoments twoPass = FrechetDistance.moments(new VectorBlock(v, n, DIM));
        GaussianMoments sums = GaussianMomentSums.aboutFirstRow(DIM).add(v, n).toMoments();
        assertClose(twoPass, sums, 1e-10);
        if (offset >= 1e6) {
            // The data can tell: sums about the origin miss this case by far more than the tolerance.
            assertTrue(maxCovarianceError(twoPass, rawSumMoments(v, n)) > 1e-8,
                    "raw sums would pass too: the data does not test the shift");
        }
    }

    @Test
    void mergedInAnyOrderEqualsOnePass() {
        int n = 1500;
        float[] v = rows(n, 3e4, 5);
        GaussianMoments onePass = GaussianMomentSums.aboutFirstRow(DIM).add(v, n).toMoments();
        // Uneven parts, one of them empty: each part shifted by its own first row.
        int[] cuts = {0, 1, 200, 200, 777, 1300, n};
        List<GaussianMomentSums> parts = new ArrayList<>();
        for (int p = 0; p + 1 < cuts.length; p++) {
            parts.add(GaussianMomentSums.aboutFirstRow(DIM).add(Arrays.copyOfRange(v, cuts[p] * DIM, cuts[p + 1] * DIM),
                    cuts[p + 1] - cuts[p]));
        }
        Random rnd = new Random(2);
        for (int trial = 0; trial < 6; trial++) {
            List<GaussianMomentSums> order = new ArrayList<>(parts.stream().map(GaussianMomentSumsTest::copy).toList());
            Collections.shuffle(order, rnd);
            // A tree: pairs merged, then pairs of those, as treeAggregate does.
            while (order.size() > 1) {
                List<GaussianMomentSums> next = new ArrayList<>();
                for (int i = 0; i < order.size(); i += 2) {
                    next.add(i + 1 < order.size() ? order.get(i).merge(order.get(i + 1)) : order.get(i));
                }
                order = next;
            }
            assertEquals(n, order.get(0).count());
            assertClose(onePass, order.get(0).toMoments(), 1e-12);
        }
        GaussianMomentSums intoEmpty = GaussianMomentSums.aboutFirstRow(DIM).merge(copy(parts.get(3)));
        assertClose(copy(parts.get(3)).toMoments(), intoEmpty.toMoments(), 0);
    }

    @Test
    void aboutTheOriginTheyAreTheRawSumsFidAlwaysUsed() {
        // ReLU-like features: non-negative, a third of them exactly 0.
        int n = 700;
        float[] v = rows(n, 0, 8);
        for (int i = 0; i < v.length; i++) v[i] = i % 3 == 0 ? 0f : Math.abs(v[i]);
        GaussianMoments origin = GaussianMomentSums.aboutOrigin(DIM).add(v, n).toMoments();
        GaussianMoments raw = rawSumMoments(v, n);
        // Bit for bit: ClassifierSums' FID figures stay what they were.
        assertArrayEquals(raw.mean(), origin.mean());
        for (int a = 0; a < DIM; a++) assertArrayEquals(raw.covariance()[a], origin.covariance()[a]);
        // Either shift, and a mix of them merged, fits the same Gaussian.
        GaussianMomentSums mixed = GaussianMomentSums.aboutFirstRow(DIM).add(Arrays.copyOf(v, 300 * DIM), 300)
                .merge(GaussianMomentSums.aboutOrigin(DIM).add(Arrays.copyOfRange(v, 300 * DIM, n * DIM), n - 300));
        assertClose(FrechetDistance.moments(new VectorBlock(v, n, DIM)), mixed.toMoments(), 1e-12);
        assertClose(FrechetDistance.moments(new VectorBlock(v, n, DIM)), origin, 1e-12);
    }

    @Test
    void survivesJavaSerialisationMidway() throws Exception {
        int n = 400;
        float[] v = rows(n, 50, 9);
        GaussianMomentSums half = copy(GaussianMomentSums.aboutFirstRow(DIM).add(Arrays.copyOf(v, 100 * DIM), 100));
        half.add(Arrays.copyOfRange(v, 100 * DIM, n * DIM), n - 100);
        assertClose(FrechetDistance.moments(new VectorBlock(v, n, DIM)), half.toMoments(), 1e-10);
    }

    @Test
    void refusesNonFiniteValuesNamingRowAndColumn() {
        float[] v = rows(4, 0, 1);
        v[2 * DIM + 3] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMomentSums.aboutFirstRow(DIM).add(new VectorBlock(v, 4, DIM)));
        assertTrue(e.getMessage().contains("row 2, column 3 is NaN"), e.getMessage());
        v[2 * DIM + 3] = 1;
        v[DIM] = Float.NEGATIVE_INFINITY;
        e = assertThrows(IllegalArgumentException.class, () -> GaussianMomentSums.aboutFirstRow(DIM).add(v, 4));
        assertTrue(e.getMessage().contains("row 1, column 0 is -Infinity"), e.getMessage());
    }

    @Test
    void refusesWhatItCannotSum() {
        assertThrows(IllegalArgumentException.class, () -> GaussianMomentSums.aboutFirstRow(0));
        assertThrows(IllegalArgumentException.class, () -> GaussianMomentSums.aboutOrigin(-1));
        assertThrows(IllegalArgumentException.class, () -> GaussianMomentSums.aboutFirstRow(DIM).add(new float[DIM], 2));
        assertThrows(IllegalArgumentException.class,
                () -> GaussianMomentSums.aboutFirstRow(DIM).add(new VectorBlock(new float[4], 2, 2)));
        assertThrows(IllegalArgumentException.class, () -> GaussianMomentSums.aboutFirstRow(DIM).merge(GaussianMomentSums.aboutFirstRow(2)));
        IllegalStateException one = assertThrows(IllegalStateException.class,
                () -> GaussianMomentSums.aboutFirstRow(DIM).add(new float[DIM], 1).toMoments());
        assertTrue(one.getMessage().contains("at least 2"), one.getMessage());
    }

    private static GaussianMomentSums copy(GaussianMomentSums sums) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(sums);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (GaussianMomentSums) in.readObject();
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Covariance from sums about the origin, as ClassifierSums computed it before: what the shift avoids. */
    private static GaussianMoments rawSumMoments(float[] v, int n) {
        double[] sum = new double[DIM];
        double[][] outer = new double[DIM][DIM];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < DIM; a++) {
                sum[a] += v[i * DIM + a];
                for (int b = 0; b < DIM; b++) outer[a][b] += (double) v[i * DIM + a] * v[i * DIM + b];
            }
        }
        double[] mean = new double[DIM];
        for (int a = 0; a < DIM; a++) mean[a] = sum[a] / n;
        double[][] cov = new double[DIM][DIM];
        for (int a = 0; a < DIM; a++) { // the upper triangle, mirrored
            for (int b = a; b < DIM; b++) {
                cov[a][b] = (outer[a][b] - n * mean[a] * mean[b]) / (n - 1);
                cov[b][a] = cov[a][b];
            }
        }
        return new GaussianMoments(mean, cov);
    }

    private static double maxCovarianceError(GaussianMoments expected, GaussianMoments actual) {
        double[][] ce = expected.covariance();
        double[][] ca = actual.covariance();
        double scale = 0;
        double error = 0;
        for (int a = 0; a < DIM; a++) {
            for (int b = 0; b < DIM; b++) {
                scale = Math.max(scale, Math.abs(ce[a][b]));
                error = Math.max(error, Math.abs(ce[a][b] - ca[a][b]));
            }
        }
        return error / scale;
    }
}
