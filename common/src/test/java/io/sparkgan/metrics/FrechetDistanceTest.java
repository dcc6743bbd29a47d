package io.sparkgan.metrics;

import io.sparkgan.data.VectorBlock;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class FrechetDistanceTest {

    /** A random SPD matrix A Aᵀ + 0.1 I. */
    private static double[][] randomSpd(Random rnd, int d) {
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) a[i][j] = rnd.nextGaussian();
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) s += a[i][k] * a[j][k];
                m[i][j] = s + (i == j ? 0.1 : 0);
            }
        }
        return m;
    }

    private static double[] randomVector(Random rnd, int d) {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) v[i] = rnd.nextGaussian() * 2;
        return v;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int d = a.length;
        double[][] p = new double[d][d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++)
                for (int k = 0; k < d; k++) p[i][j] += a[i][k] * b[k][j];
        return p;
    }

    private static double trace(double[][] m) {
        double t = 0;
        for (int i = 0; i < m.length; i++) t += m[i][i];
        return t;
    }

    private static double meanTerm(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return s;
    }

    @Test
    void identicalGaussiansAreAtDistanceZero() {
        Random rnd = new Random(1);
        for (int d : new int[] {1, 2, 5, 10}) {
            double[][] c = randomSpd(rnd, d);
            double[] mu = randomVector(rnd, d);
            assertEquals(0.0, FrechetDistance.between(mu, c, mu.clone(), c), 1e-9 * trace(c), "d=" + d);
        }
    }

    @Test
    void oneDimensionalGaussiansMatchClosedForm() {
        double m1 = 1.5, s1 = 2.0, m2 = -0.5, s2 = 0.5;
        double d = FrechetDistance.between(new double[] {m1}, new double[][] {{s1 * s1}},
                new double[] {m2}, new double[][] {{s2 * s2}});
        assertEquals((m1 - m2) * (m1 - m2) + (s1 - s2) * (s1 - s2), d, 1e-12);
    }

    @Test
    void diagonalCovariancesMatchClosedForm() {
        double[] mu1 = {0, 1, 2, 3};
        double[] mu2 = {1, 1, 0, -1};
        double[] a = {1, 4, 0.25, 9};
        double[] b = {4, 1, 1, 0};
        double[][] c1 = new double[4][4];
        double[][] c2 = new double[4][4];
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            c1[i][i] = a[i];
            c2[i][i] = b[i];
            expected += (mu1[i] - mu2[i]) * (mu1[i] - mu2[i])
                    + (Math.sqrt(a[i]) - Math.sqrt(b[i])) * (Math.sqrt(a[i]) - Math.sqrt(b[i]));
        }
        assertEquals(expected, FrechetDistance.between(mu1, c1, mu2, c2), 1e-12);
    }

    /**
     * For 2x2 matrices with non-negative eigenvalues, sqrt(M) = (M + sqrt(det M) I) / t with
     * t = sqrt(tr M + 2 sqrt(det M)), so tr sqrt(C1 C2) = sqrt(tr(C1 C2) + 2 sqrt(det C1 det C2)).
     */
    @Test
    void nonDiagonalTwoByTwoMatchesCayleyHamiltonClosedForm() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            double[][] c1 = randomSpd(rnd, 2);
            double[][] c2 = randomSpd(rnd, 2);
            double[] mu1 = randomVector(rnd, 2);
            double[] mu2 = randomVector(rnd, 2);
            double det1 = c1[0][0] * c1[1][1] - c1[0][1] * c1[1][0];
            double det2 = c2[0][0] * c2[1][1] - c2[0][1] * c2[1][0];
            double trSqrt = Math.sqrt(trace(multiply(c1, c2)) + 2 * Math.sqrt(det1 * det2));
            double expected = meanTerm(mu1, mu2) + trace(c1) + trace(c2) - 2 * trSqrt;
            assertEquals(expected, FrechetDistance.between(mu1, c1, mu2, c2), 1e-9 * (1 + expected),
                    "trial " + trial);
        }
    }

    /**
     * For 3x3, with P = C1 C2 (eigenvalues l1..l3 > 0), a = tr sqrt(P) satisfies
     * a² = tr P + 2b and b² = e2(P) + 2 a sqrt(det P), where b = sum sqrt(li lj) and e2(P) is
     * the sum of P's principal 2x2 minors. Eliminating b gives a convex equation solved here
     * by bisection, independently of any eigendecomposition.
     */
    @Test
    void nonDiagonalThreeByThreeMatchesInvariantBasedTrace() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            double[][] c1 = randomSpd(rnd, 3);
            double[][] c2 = randomSpd(rnd, 3);
            double[] mu1 = randomVector(rnd, 3);
            double[] mu2 = randomVector(rnd, 3);
            double[][] p = multiply(c1, c2);
            double trP = trace(p);
            double e2 = p[0][0] * p[1][1] - p[0][1] * p[1][0]
                    + p[0][0] * p[2][2] - p[0][2] * p[2][0]
                    + p[1][1] * p[2][2] - p[1][2] * p[2][1];
            double detP = p[0][0] * (p[1][1] * p[2][2] - p[1][2] * p[2][1])
                    - p[0][1] * (p[1][0] * p[2][2] - p[1][2] * p[2][0])
                    + p[0][2] * (p[1][0] * p[2][1] - p[1][1] * p[2][0]);
            double c = Math.sqrt(detP);
            double lo = Math.sqrt(trP);
            double hi = Math.sqrt(3 * trP) + 1; // a <= sqrt(3 tr P) by Cauchy-Schwarz
            for (int it = 0; it < 200; it++) {
                double mid = 0.5 * (lo + hi);
                double b = (mid * mid - trP) / 2;
                if (b * b - e2 - 2 * mid * c < 0) lo = mid; else hi = mid;
            }
            double trSqrt = 0.5 * (lo + hi);
            double expected = meanTerm(mu1, mu2) + trace(c1) + trace(c2) - 2 * trSqrt;
            assertEquals(expected, FrechetDistance.between(mu1, c1, mu2, c2), 1e-8 * (1 + trP),
                    "trial " + trial);
        }
    }

    @Test
    void isSymmetricInItsArguments() {
        Random rnd = new Random(3);
        double[][] c1 = randomSpd(rnd, 4);
        double[][] c2 = randomSpd(rnd, 4);
        double[] mu1 = randomVector(rnd, 4);
        double[] mu2 = randomVector(rnd, 4);
        assertEquals(FrechetDistance.between(mu1, c1, mu2, c2), FrechetDistance.between(mu2, c2, mu1, c1), 1e-9);
    }

    @Test
    void singularCovarianceIsAllowed() {
        // A point mass against N(0, I) in 2-D: 0 + tr(I) = 2.
        double d = FrechetDistance.between(new double[] {0, 0}, new double[][] {{0, 0}, {0, 0}},
                new double[] {0, 0}, new double[][] {{1, 0}, {0, 1}});
        assertEquals(2.0, d, 1e-12);
    }

    @Test
    void rejectsInvalidCovariances() {
        double[] mu = {0, 0};
        double[][] ok = {{1, 0}, {0, 1}};
        IllegalArgumentException asym = assertThrows(IllegalArgumentException.class,
                () -> FrechetDistance.between(mu, new double[][] {{1, 0.5}, {0, 1}}, mu, ok));
        assertTrue(asym.getMessage().contains("not symmetric"), asym.getMessage());
        IllegalArgumentException notPsd = assertThrows(IllegalArgumentException.class,
                () -> FrechetDistance.between(mu, ok, mu, new double[][] {{1, 2}, {2, 1}}));
        assertTrue(notPsd.getMessage().contains("positive semidefinite"), notPsd.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> FrechetDistance.between(mu, ok, new double[] {0, 0, 0}, ok));
        assertThrows(IllegalArgumentException.class,
                () -> FrechetDistance.between(mu, new double[][] {{1, 0}}, mu, ok));
    }

    @Test
    void momentsAreMeanAndUnbiasedCovariance() {
        // Deviations from the mean (3, 4): (-2,-2), (0,2), (2,0).
        VectorBlock b = new VectorBlock(new float[] {1, 2, 3, 6, 5, 4}, 3, 2);
        GaussianMoments m = FrechetDistance.moments(b);
        assertArrayEquals(new double[] {3, 4}, m.mean(), 1e-12);
        assertArrayEquals(new double[] {4, 2}, m.covariance()[0], 1e-12);
        assertArrayEquals(new double[] {2, 4}, m.covariance()[1], 1e-12);
    }

    @Test
    void momentsOfManyGaussianSamplesGiveSmallDistanceToTruth() {
        Random rnd = new Random(5);
        int n = 200_000;
        // x = z1, y = 0.5 z1 + z2 * sqrt(0.75): unit variances, correlation 0.5, mean (1, -2).
        float[] v = new float[2 * n];
        for (int i = 0; i < n; i++) {
            double z1 = rnd.nextGaussian();
            double z2 = rnd.nextGaussian();
            v[2 * i] = (float) (1 + z1);
            v[2 * i + 1] = (float) (-2 + 0.5 * z1 + Math.sqrt(0.75) * z2);
        }
        GaussianMoments m = FrechetDistance.moments(new VectorBlock(v, n, 2));
        assertEquals(0.5, m.covariance()[0][1], 0.02);
        double d = FrechetDistance.between(m, new GaussianMoments(new double[] {1, -2},
                new double[][] {{1, 0.5}, {0.5, 1}}));
        assertTrue(d < 1e-3, "distance to the true Gaussian was " + d);
        double shifted = FrechetDistance.between(m, new GaussianMoments(new double[] {2, -2},
                new double[][] {{1, 0.5}, {0.5, 1}}));
        assertEquals(1.0, shifted, 0.02);
    }

    @Test
    void momentsRejectTooFewOrNonFiniteRows() {
        assertThrows(IllegalArgumentException.class,
                () -> FrechetDistance.moments(new VectorBlock(new float[] {1, 2}, 1, 2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FrechetDistance.moments(new VectorBlock(new float[] {1, Float.NaN, 2, 3}, 2, 2)));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }
}
