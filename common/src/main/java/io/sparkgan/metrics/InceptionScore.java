package io.sparkgan.metrics;

import java.util.Objects;

/**
 * Inception Score (Salimans et al. 2016) from a classifier's class probabilities p(y|x):
 * IS = exp(E_x KL(p(y|x) || p(y))) with p(y) = E_x p(y|x). It is 1 when every sample gets the
 * same distribution over classes and the number of classes K when each sample is classified
 * with certainty and the classes are equally frequent. Computed over the whole sample set (one
 * split); the sums it needs are additive, so partitions compute them and the driver combines.
 */
public final class InceptionScore {
    private InceptionScore() {}

    /**
     * IS from sums over n samples: {@code probabilitySums[y]} = sum_i p(y|x_i) and
     * {@code entropySum} = sum_i sum_y p(y|x_i) log p(y|x_i) (the negated total entropy).
     * Since mean_i KL(p_i || p) = entropySum / n - sum_y p(y) log p(y).
     */
    public static double fromSums(double[] probabilitySums, double entropySum, long n) {
        Objects.requireNonNull(probabilitySums, "probabilitySums must not be null");
        if (n <= 0) throw new IllegalArgumentException("inception score needs at least one sample, got " + n);
        double crossTerm = 0;
        for (double s : probabilitySums) {
            double marginal = s / n;
            if (marginal > 0) crossTerm += marginal * Math.log(marginal);
        }
        double meanKl = entropySum / n - crossTerm;
        return Math.exp(Math.max(0.0, meanKl)); // KL >= 0; rounding may leave -1e-16
    }
}
