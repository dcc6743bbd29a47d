package io.sparkgan.metrics;

import io.sparkgan.data.VectorBlock;

import java.util.Objects;

/**
 * The mode-collapse metric of the PacGAN/VEEGAN protocol (docs/benchmarks.md, B1): assigns every generated
 * 2-D sample to its nearest true mode, calls it high quality when it lies within 3 sigma of
 * that mode, and reports coverage, quality and the reverse KL to the uniform mode distribution.
 */
public final class ModeCoverage {
    /** A sample is high quality when its distance to the nearest mode is below this many sigma. */
    public static final double HIGH_QUALITY_SIGMAS = 3.0;

    private ModeCoverage() {
    }

    /**
     * Evaluates {@code samples} (n x 2) against the true {@code modes}. A sample with a NaN or
     * infinite coordinate is never high quality. The reverse KL is KL(q || uniform) =
     * sum over modes with q_k &gt; 0 of q_k * ln(q_k * K), in nats; it is
     * {@link Double#POSITIVE_INFINITY} when no sample is high quality, since q is then
     * undefined and the generator has missed every mode.
     *
     * @throws IllegalArgumentException if {@code samples.dim() != 2}
     */
    public static ModeCoverageResult evaluate(VectorBlock samples, MixtureModes modes) {
        Objects.requireNonNull(samples, "samples must not be null");
        Objects.requireNonNull(modes, "modes must not be null");
        if (samples.dim() != 2) {
            throw new IllegalArgumentException("samples have dim " + samples.dim()
                    + "; mode coverage is defined for 2-D samples only (dim 2)");
        }
        int k = modes.size();
        double[] mx = new double[k];
        double[] my = new double[k];
        for (int j = 0; j < k; j++) {
            mx[j] = modes.x(j);
            my[j] = modes.y(j);
        }
        double threshold = HIGH_QUALITY_SIGMAS * modes.sigma();
        double thresholdSq = threshold * threshold;

        long[] perMode = new long[k];
        long highQuality = 0;
        int n = samples.rows();
        for (int i = 0; i < n; i++) {
            double x = samples.get(i, 0);
            double y = samples.get(i, 1);
            int best = -1;
            double bestSq = Double.POSITIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                double dx = x - mx[j];
                double dy = y - my[j];
                double d2 = dx * dx + dy * dy;
                if (d2 < bestSq) {
                    bestSq = d2;
                    best = j;
                }
            }
            if (best >= 0 && bestSq < thresholdSq) {
                perMode[best]++;
                highQuality++;
            }
        }

        int covered = 0;
        double kl = 0;
        for (int j = 0; j < k; j++) {
            if (perMode[j] > 0) {
                covered++;
                double q = (double) perMode[j] / highQuality;
                kl += q * Math.log(q * k);
            }
        }
        // KL is >= 0; a uniform q can round to a tiny negative sum.
        kl = highQuality == 0 ? Double.POSITIVE_INFINITY : Math.max(0.0, kl);
        double fraction = n == 0 ? 0.0 : (double) highQuality / n;
        return new ModeCoverageResult(k, covered, fraction, kl, n, perMode);
    }
}
