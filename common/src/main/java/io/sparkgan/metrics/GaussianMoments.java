package io.sparkgan.metrics;

import java.util.Objects;

/**
 * Mean and covariance of a multivariate Gaussian fitted to samples: the summary the Frechet
 * distance compares. Arrays are copied in and out so the record is immutable.
 *
 * @param mean       length d
 * @param covariance d x d, symmetric
 */
public record GaussianMoments(double[] mean, double[][] covariance) {

    /** Checks that the shapes agree and copies the arrays. */
    public GaussianMoments {
        Objects.requireNonNull(mean, "mean must not be null");
        Objects.requireNonNull(covariance, "covariance must not be null");
        int d = mean.length;
        if (d == 0) throw new IllegalArgumentException("mean is empty; dimension must be at least 1");
        if (covariance.length != d) {
            throw new IllegalArgumentException("covariance has " + covariance.length
                    + " rows but mean has dimension " + d + "; covariance must be " + d + " x " + d);
        }
        double[][] copy = new double[d][];
        for (int i = 0; i < d; i++) {
            if (covariance[i] == null || covariance[i].length != d) {
                throw new IllegalArgumentException("covariance row " + i + " has "
                        + (covariance[i] == null ? "no array" : covariance[i].length + " entries")
                        + "; covariance must be " + d + " x " + d);
            }
            copy[i] = covariance[i].clone();
        }
        mean = mean.clone();
        covariance = copy;
    }

    /** Dimension d of the Gaussian. */
    public int dim() {
        return mean.length;
    }

    /** Copy of the mean vector. */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** Copy of the covariance matrix. */
    @Override
    public double[][] covariance() {
        double[][] copy = new double[covariance.length][];
        for (int i = 0; i < covariance.length; i++) copy[i] = covariance[i].clone();
        return copy;
    }

    /** Value equality on the mean and covariance entries. */
    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        return o instanceof GaussianMoments g && java.util.Arrays.equals(mean, g.mean)
                && java.util.Arrays.deepEquals(covariance, g.covariance);
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(mean) + java.util.Arrays.deepHashCode(covariance);
    }

    /** Readable form for logs. */
    @Override
    public String toString() {
        return "GaussianMoments[mean=" + java.util.Arrays.toString(mean) + ", covariance="
                + java.util.Arrays.deepToString(covariance) + "]";
    }
}
