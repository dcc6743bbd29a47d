package io.sparkgan.metrics;

import io.sparkgan.data.VectorBlock;
import org.apache.commons.math3.exception.MaxCountExceededException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

import java.util.Objects;

/**
 * The Frechet (2-Wasserstein) distance between two Gaussians, in any dimension:
 * ||mu1 - mu2||² + tr(C1 + C2 - 2 (C1 C2)^{1/2}). It is the squared W2 distance, as in FID;
 * for the gaussian2d data set (docs/benchmarks.md, B1) it measures directly how far the generator's fitted Gaussian is
 * from the true one.
 */
public final class FrechetDistance {
    /**
     * Eigenvalues of a covariance below {@code -PSD_TOLERANCE * scale} mean the matrix is not
     * positive semidefinite; smaller negative ones are rounding noise and clipped to 0. The scale is
     * the larger of the pair's largest covariance entries, not the matrix's own: a nearly collapsed
     * generator's covariance (entries of 1e-13) carries rounding of the size its features had
     * (an eigenvalue of -2e-15), which is noise beside the real data's covariance, not an error.
     */
    static final double PSD_TOLERANCE = 1e-8;
    private static final double SYMMETRY_TOLERANCE = 1e-8;

    private FrechetDistance() {
    }

    /**
     * Squared Frechet distance between N(mu1, cov1) and N(mu2, cov2). The trace of
     * (C1 C2)^{1/2} is computed stably as the trace of (S C2 S)^{1/2} with S = C1^{1/2}, both
     * square roots from eigendecompositions of symmetric matrices (tiny negative eigenvalues
     * clipped to 0), from commons-math3's EigenDecomposition, or, where that fails with
     * "convergence failed" (it does on rank-deficient covariances with many zero eigenvalues,
     * which is what FID features give: dead ReLU units, fewer samples than features), from its
     * singular value decomposition (robust, about 3x slower).
     * The result is clipped at 0 because rounding can make it a tiny negative number.
     *
     * @throws IllegalArgumentException if shapes disagree, entries are not finite, or a
     *                                  covariance is not symmetric positive semidefinite
     */
    public static double between(double[] mu1, double[][] cov1, double[] mu2, double[][] cov2) {
        Objects.requireNonNull(mu1, "mu1 must not be null");
        Objects.requireNonNull(mu2, "mu2 must not be null");
        int d = mu1.length;
        if (d == 0) throw new IllegalArgumentException("mu1 is empty; dimension must be at least 1");
        if (mu2.length != d) {
            throw new IllegalArgumentException("mu1 has dimension " + d + " but mu2 has dimension "
                    + mu2.length + "; both Gaussians must have the same dimension");
        }
        RealMatrix c1 = symmetricMatrix(cov1, d, "cov1");
        RealMatrix c2 = symmetricMatrix(cov2, d, "cov2");

        double meanTerm = 0;
        for (int i = 0; i < d; i++) {
            if (!Double.isFinite(mu1[i]) || !Double.isFinite(mu2[i])) {
                throw new IllegalArgumentException("mean entry " + i + " is not finite (mu1="
                        + mu1[i] + ", mu2=" + mu2[i] + "); means must be finite");
            }
            double diff = mu1[i] - mu2[i];
            meanTerm += diff * diff;
        }

        double scale = Math.max(maxAbs(c1), maxAbs(c2));
        clippedEigenvalues(c2, "cov2", scale); // rejects a cov2 that is not positive semidefinite
        RealMatrix sqrtC1 = sqrtPsd(c1, "cov1", scale);
        RealMatrix inner = symmetrise(sqrtC1.multiply(c2).multiply(sqrtC1));
        double traceSqrtProduct = 0;
        // S cov2 S carries cov2's tolerated rounding times |cov1|: its noise scale is the pair's squared.
        for (double lambda : clippedEigenvalues(inner, "sqrt(cov1) * cov2 * sqrt(cov1)", scale * scale)) {
            traceSqrtProduct += Math.sqrt(lambda);
        }
        double distance = meanTerm + c1.getTrace() + c2.getTrace() - 2 * traceSqrtProduct;
        return Math.max(0.0, distance);
    }

    /** Squared Frechet distance between two fitted Gaussians; see {@link #between}. */
    public static double between(GaussianMoments a, GaussianMoments b) {
        Objects.requireNonNull(a, "a must not be null");
        Objects.requireNonNull(b, "b must not be null");
        return between(a.mean(), a.covariance(), b.mean(), b.covariance());
    }

    /**
     * Sample mean and unbiased (n - 1) covariance of the rows of {@code block}, accumulated in
     * double with a two-pass algorithm so that large means do not swamp small variances.
     *
     * @throws IllegalArgumentException if the block has fewer than 2 rows or a non-finite value
     */
    public static GaussianMoments moments(VectorBlock block) {
        Objects.requireNonNull(block, "block must not be null");
        int n = block.rows();
        int d = block.dim();
        if (n < 2) {
            throw new IllegalArgumentException("block has " + n
                    + " rows; an unbiased covariance needs at least 2 samples");
        }
        float[] v = block.values();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            int base = i * d;
            for (int j = 0; j < d; j++) {
                float x = v[base + j];
                if (!Float.isFinite(x)) {
                    throw new IllegalArgumentException("row " + i + ", column " + j + " is " + x
                            + "; moments need finite samples (filter or fix diverged outputs first)");
                }
                mean[j] += x;
            }
        }
        for (int j = 0; j < d; j++) mean[j] /= n;

        double[][] cov = new double[d][d];
        double[] centred = new double[d];
        for (int i = 0; i < n; i++) {
            int base = i * d;
            for (int j = 0; j < d; j++) centred[j] = v[base + j] - mean[j];
            for (int a = 0; a < d; a++) {
                double ca = centred[a];
                double[] row = cov[a];
                for (int b = a; b < d; b++) row[b] += ca * centred[b];
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a][b] /= (n - 1);
                cov[b][a] = cov[a][b];
            }
        }
        return new GaussianMoments(mean, cov);
    }

    private static RealMatrix symmetricMatrix(double[][] m, int d, String name) {
        Objects.requireNonNull(m, name + " must not be null");
        if (m.length != d) {
            throw new IllegalArgumentException(name + " has " + m.length + " rows; expected " + d
                    + " x " + d + " to match the mean's dimension");
        }
        double maxAbs = 0;
        for (int i = 0; i < d; i++) {
            if (m[i] == null || m[i].length != d) {
                throw new IllegalArgumentException(name + " row " + i + " has "
                        + (m[i] == null ? "no array" : m[i].length + " entries") + "; expected " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(m[i][j])) {
                    throw new IllegalArgumentException(name + "[" + i + "][" + j + "] is " + m[i][j]
                            + "; covariance entries must be finite");
                }
                maxAbs = Math.max(maxAbs, Math.abs(m[i][j]));
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                if (Math.abs(m[i][j] - m[j][i]) > SYMMETRY_TOLERANCE * Math.max(maxAbs, Double.MIN_NORMAL)) {
                    throw new IllegalArgumentException(name + " is not symmetric: [" + i + "][" + j + "]="
                            + m[i][j] + " but [" + j + "][" + i + "]=" + m[j][i]
                            + "; pass a covariance matrix");
                }
            }
        }
        return symmetrise(new Array2DRowRealMatrix(m, true));
    }

    private static RealMatrix symmetrise(RealMatrix m) {
        return m.add(m.transpose()).scalarMultiply(0.5);
    }

    /** Eigenvalues and eigenvectors (columns of v) of a symmetric matrix. */
    record SymmetricEigen(double[] values, RealMatrix v) {
    }

    private static SymmetricEigen symmetricEigen(RealMatrix m) {
        try {
            EigenDecomposition eig = new EigenDecomposition(m);
            return new SymmetricEigen(eig.getRealEigenvalues(), eig.getV());
        } catch (MaxCountExceededException notConverged) {
            return symmetricEigenBySvd(m);
        }
    }

    /**
     * For symmetric M = U S Vᵀ, M v_i = s_i u_i and u_i = ±v_i, so the eigenvalue is s_i times
     * the sign of u_i·v_i (a zero singular value's sign does not matter).
     */
    static SymmetricEigen symmetricEigenBySvd(RealMatrix m) {
        SingularValueDecomposition svd = new SingularValueDecomposition(m);
        double[] s = svd.getSingularValues();
        RealMatrix u = svd.getU();
        RealMatrix v = svd.getV();
        double[] lambda = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            double dot = 0;
            for (int r = 0; r < u.getRowDimension(); r++) dot += u.getEntry(r, i) * v.getEntry(r, i);
            lambda[i] = dot < 0 ? -s[i] : s[i];
        }
        return new SymmetricEigen(lambda, v);
    }

    private static double maxAbs(RealMatrix m) {
        double max = 0;
        for (double[] row : m.getData()) for (double x : row) max = Math.max(max, Math.abs(x));
        return max;
    }

    private static RealMatrix sqrtPsd(RealMatrix m, String name, double scale) {
        SymmetricEigen eig = symmetricEigen(m);
        double[] lambda = clipped(eig.values(), name, scale);
        int d = lambda.length;
        RealMatrix v = eig.v();
        RealMatrix scaled = v.copy();
        for (int j = 0; j < d; j++) {
            double s = Math.sqrt(lambda[j]);
            for (int i = 0; i < d; i++) scaled.setEntry(i, j, v.getEntry(i, j) * s);
        }
        return symmetrise(scaled.multiply(v.transpose()));
    }

    private static double[] clippedEigenvalues(RealMatrix m, String name, double scale) {
        return clipped(symmetricEigen(m).values(), name, scale);
    }

    /**
     * Checks eigenvalues of a matrix that should be positive semidefinite and clips rounding:
     * below -PSD_TOLERANCE x {@code scale} (at least the largest magnitude) the matrix is rejected; magnitudes up to
     * d x machine epsilon x the largest (the numerical rank threshold, as numpy's matrix_rank)
     * become exactly 0, so the square roots of the many zero eigenvalues of rank-deficient
     * covariances do not add sqrt(rounding) each.
     */
    private static double[] clipped(double[] lambda, String name, double scale) {
        double maxAbs = 0;
        for (double l : lambda) maxAbs = Math.max(maxAbs, Math.abs(l));
        double noise = lambda.length * Math.ulp(1.0) * maxAbs;
        double rejectBelow = -PSD_TOLERANCE * Math.max(maxAbs, scale);
        double[] out = new double[lambda.length];
        for (int i = 0; i < lambda.length; i++) {
            if (lambda[i] < rejectBelow) {
                throw new IllegalArgumentException(name + " has eigenvalue " + lambda[i]
                        + "; a covariance must be positive semidefinite");
            }
            out[i] = lambda[i] <= noise ? 0.0 : lambda[i]; // also every tolerated negative one
        }
        return out;
    }
}
