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

    /** A random orthogonal matrix: Gram-Schmidt on Gaussian columns. */
    private static double[][] randomOrthogonal(Random rnd, int d) {
        double[][] q = new double[d][d]; // q[j] is column j
        for (int j = 0; j < d; j++) {
            double[] v = new double[d];
            for (int i = 0; i < d; i++) v[i] = rnd.nextGaussian();
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < j; k++) {
                    double dot = 0;
                    for (int i = 0; i < d; i++) dot += v[i] * q[k][i];
                    for (int i = 0; i < d; i++) v[i] -= dot * q[k][i];
                }
            }
            double norm = 0;
            for (double x : v) norm += x * x;
            norm = Math.sqrt(norm);
            for (int i = 0; i < d; i++) q[j][i] = v[i] / norm;
        }
        return q;
    }

    /** Q diag(lambda) Qᵀ, with q[j] the j-th column of Q. */
    private static double[][] rotated(double[][] q, double[] lambda) {
        int d = lambda.length;
        double[][] m = new double[d][d];
        for (int k = 0; k < d; k++) {
            if (lambda[k] == 0) continue;
            double[] col = q[k];
            for (int i = 0; i < d; i++) {
                double s = lambda[k] * col[i];
                for (int j = i; j < d; j++) m[i][j] += s * col[j];
            }
        }
        for (int i = 0; i < d; i++) for (int j = 0; j < i; j++) m[i][j] = m[j][i];
        return m;
    }

    /**
     * FID in the evaluator's feature dimension (500): commuting covariances Q diag(a) Qᵀ and
     * Q diag(b) Qᵀ (not diagonal in the basis the code sees) have distance
     * ||mu1 - mu2||² + sum (sqrt(a_i) - sqrt(b_i))², including rank-deficient ones (dead ReLU
     * features have zero variance).
     */
    @Test
    void highDimensionalCommutingCovariancesMatchClosedForm() {
        Random rnd = new Random(21);
        int d = 500;
        double[][] q = randomOrthogonal(rnd, d);
        double[] a = new double[d];
        double[] b = new double[d];
        double expected = 0;
        for (int i = 0; i < d; i++) {
            a[i] = i % 7 == 0 ? 0 : Math.exp(rnd.nextGaussian() * 2); // spread over ~6 decades
            b[i] = i % 11 == 0 ? 0 : Math.exp(rnd.nextGaussian() * 2);
            expected += (Math.sqrt(a[i]) - Math.sqrt(b[i])) * (Math.sqrt(a[i]) - Math.sqrt(b[i]));
        }
        double[] mu1 = randomVector(rnd, d);
        double[] mu2 = randomVector(rnd, d);
        expected += meanTerm(mu1, mu2);
        double fid = FrechetDistance.between(mu1, rotated(q, a), mu2, rotated(q, b));
        assertEquals(expected, fid, 1e-9 * expected);
    }

    /**
     * A non-commuting case in high dimension with a known answer: for C2 = T C1 T with T
     * symmetric positive definite, C1^½ C2 C1^½ = (C1^½ T C1^½)², whose square root is
     * C1^½ T C1^½, so tr (C1 C2)^½ = tr(T C1). T and C1 have unrelated eigenvectors.
     */
    @Test
    void highDimensionalNonCommutingCaseMatchesTransportMapIdentity() {
        Random rnd = new Random(22);
        int d = 200;
        double[] lambda1 = new double[d];
        double[] lambdaT = new double[d];
        for (int i = 0; i < d; i++) {
            lambda1[i] = i < 20 ? 0 : Math.exp(rnd.nextGaussian()); // singular C1
            lambdaT[i] = 0.2 + rnd.nextDouble() * 3;
        }
        double[][] c1 = rotated(randomOrthogonal(rnd, d), lambda1);
        double[][] t = rotated(randomOrthogonal(rnd, d), lambdaT);
        double[][] c2 = multiply(multiply(t, c1), t);
        for (int i = 0; i < d; i++) for (int j = 0; j < i; j++) c2[i][j] = c2[j][i] = 0.5 * (c2[i][j] + c2[j][i]);
        double expected = trace(c1) + trace(c2) - 2 * trace(multiply(t, c1));
        double[] mu = new double[d];
        assertTrue(expected > 1, "the case must not be trivial: " + expected);
        assertEquals(expected, FrechetDistance.between(mu, c1, mu, c2), 1e-8 * (trace(c1) + trace(c2)));
        assertEquals(expected, FrechetDistance.between(mu, c2, mu, c1), 1e-8 * (trace(c1) + trace(c2)));
    }

    /**
     * Covariances like an evaluator's on few samples: 500 ReLU features of 300 samples, 100 of
     * them dead (always 0), so rank at most 299 with many exactly zero rows. commons-math3's
     * EigenDecomposition fails on it with "convergence failed", the SVD fallback does not. Against itself the
     * distance is 0; against 4C (commuting) it is sum (sqrt(l) - 2 sqrt(l))^2 = tr C.
     */
    @Test
    void rankDeficientReluFeatureCovarianceOfFewSamples() {
        Random rnd = new Random(2);
        int d = 500;
        int n = 300;
        int dead = 100;
        double[][] mix = new double[d][40];
        for (double[] row : mix) for (int k = 0; k < 40; k++) row[k] = rnd.nextGaussian();
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            double[] z = new double[40];
            for (int k = 0; k < 40; k++) z[k] = rnd.nextGaussian();
            for (int j = dead; j < d; j++) {
                double s = 0;
                for (int k = 0; k < 40; k++) s += mix[j][k] * z[k];
                x[i * d + j] = (float) Math.max(0, s - 1);
            }
        }
        GaussianMoments m = FrechetDistance.moments(new VectorBlock(x, n, d));
        double[][] c = m.covariance();
        assertThrows(org.apache.commons.math3.exception.MaxCountExceededException.class,
                () -> new org.apache.commons.math3.linear.EigenDecomposition(
                        new org.apache.commons.math3.linear.Array2DRowRealMatrix(c)),
                "the case that needs the SVD fallback");
        double[][] c4 = new double[d][d];
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) c4[i][j] = 4 * c[i][j];
        double[] mu = m.mean();
        assertEquals(0.0, FrechetDistance.between(mu, c, mu, c), 1e-9 * trace(c));
        assertEquals(trace(c), FrechetDistance.between(mu, c, mu, c4), 1e-8 * trace(c));
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

    /**
     * Degenerate sets (every sample equal, or fewer samples than dimensions) have zero or
     * rank-deficient covariances: the distance must still be the closed form, never NaN. With
     * cov1 = 0 the formula reduces to |mu1 - mu2|^2 + tr(cov2), since (0 cov2)^{1/2} = 0.
     */
    @Test
    void degenerateCovariancesGiveTheClosedFormNotNaN() {
        Random rnd = new Random(7);
        for (int d : new int[] {1, 3, 40}) {
            double[] mu1 = randomVector(rnd, d);
            double[] mu2 = randomVector(rnd, d);
            double meanTerm = 0;
            for (int i = 0; i < d; i++) meanTerm += (mu1[i] - mu2[i]) * (mu1[i] - mu2[i]);
            double[][] zero = new double[d][d];
            assertEquals(meanTerm, FrechetDistance.between(mu1, zero, mu2, zero), 1e-9 * Math.max(1, meanTerm),
                    "two constant sets, d=" + d);
            double[][] c2 = randomSpd(rnd, d);
            double trace = 0;
            for (int i = 0; i < d; i++) trace += c2[i][i];
            double expected = meanTerm + trace;
            assertEquals(expected, FrechetDistance.between(mu1, zero, mu2, c2), 1e-7 * expected,
                    "a constant set against a spread one, d=" + d);
            assertEquals(expected, FrechetDistance.between(mu2, c2, mu1, zero), 1e-7 * expected,
                    "the same, arguments swapped, d=" + d);
        }
        // Three samples in 40 dimensions, two of them equal: rank-1 covariances.
        int d = 40;
        float[] rows = new float[3 * d];
        for (int j = 0; j < d; j++) {
            rows[j] = rows[d + j] = (float) rnd.nextGaussian();
            rows[2 * d + j] = (float) rnd.nextGaussian();
        }
        GaussianMoments few = FrechetDistance.moments(new VectorBlock(rows, 3, d));
        double self = FrechetDistance.between(few, few);
        assertFalse(Double.isNaN(self), "FID of a rank-deficient set with itself is NaN");
        assertEquals(0.0, self, 1e-6);
    }

    /**
     * A nearly collapsed generator: its covariance is tiny and carries a negative eigenvalue of
     * rounding size. Beside the real data's covariance that is noise (the distance is
     * |mu1 - mu2|^2 + tr(cov2) up to the tiny covariance's size); on its own scale it would be an error.
     */
    @Test
    void roundingInACollapsedSetsCovarianceIsNoiseBesideTheRealOne() {
        double[] mu = {0, 0};
        double[][] tiny = {{1e-13, 1.05e-13}, {1.05e-13, 1e-13}}; // eigenvalues 2.05e-13 and -5e-15
        double[][] real = {{1, 0.2}, {0.2, 2}};
        double d = FrechetDistance.between(mu, tiny, new double[] {1, 0}, real);
        assertEquals(1 + 3, d, 1e-5); // minus 2 tr sqrt(cov1 cov2), about 1e-6 here
        assertEquals(d, FrechetDistance.between(new double[] {1, 0}, real, mu, tiny), 1e-8);
        IllegalArgumentException alone = assertThrows(IllegalArgumentException.class,
                () -> FrechetDistance.between(mu, tiny, mu, tiny));
        assertTrue(alone.getMessage().contains("positive semidefinite"), alone.getMessage());
    }
}
