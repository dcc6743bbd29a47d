package io.sparkgan.metrics;

import java.util.Arrays;

/**
 * The outcome of {@link ModeCoverage#evaluate}: how many modes the generated samples reach
 * and how evenly.
 *
 * @param modesTotal          number of modes K of the true mixture
 * @param modesCovered        modes with at least one high-quality sample
 * @param highQualityFraction high-quality samples / all samples (0 when there are no samples)
 * @param reverseKl           KL(q || uniform) in nats, q being the distribution of the
 *                            high-quality samples over the modes; {@link Double#POSITIVE_INFINITY}
 *                            when there is no high-quality sample at all
 * @param samples             number of evaluated samples
 * @param highQualityPerMode  high-quality sample count per mode, length K
 */
public record ModeCoverageResult(int modesTotal, int modesCovered, double highQualityFraction,
                                 double reverseKl, int samples, long[] highQualityPerMode) {

    /** Checks consistency and copies the per-mode counts so the record stays immutable. */
    public ModeCoverageResult {
        if (highQualityPerMode == null || highQualityPerMode.length != modesTotal) {
            throw new IllegalArgumentException("highQualityPerMode must have one count per mode ("
                    + modesTotal + "), got "
                    + (highQualityPerMode == null ? "null" : highQualityPerMode.length + " counts"));
        }
        if (modesCovered < 0 || modesCovered > modesTotal) {
            throw new IllegalArgumentException("modesCovered must be in [0, " + modesTotal + "], got "
                    + modesCovered);
        }
        highQualityPerMode = highQualityPerMode.clone();
    }

    /** Copy of the per-mode high-quality counts. */
    @Override
    public long[] highQualityPerMode() {
        return highQualityPerMode.clone();
    }

    /** Value equality, comparing the per-mode counts element by element. */
    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof ModeCoverageResult r)) return false;
        return modesTotal == r.modesTotal && modesCovered == r.modesCovered && samples == r.samples
                && Double.compare(highQualityFraction, r.highQualityFraction) == 0
                && Double.compare(reverseKl, r.reverseKl) == 0
                && Arrays.equals(highQualityPerMode, r.highQualityPerMode);
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        int h = Integer.hashCode(modesTotal);
        h = 31 * h + modesCovered;
        h = 31 * h + Double.hashCode(highQualityFraction);
        h = 31 * h + Double.hashCode(reverseKl);
        h = 31 * h + samples;
        return 31 * h + Arrays.hashCode(highQualityPerMode);
    }

    /** One-line summary for logs and reports. */
    @Override
    public String toString() {
        return "ModeCoverageResult[modes " + modesCovered + "/" + modesTotal
                + ", highQuality=" + highQualityFraction + ", reverseKl=" + reverseKl
                + ", samples=" + samples + ", perMode=" + Arrays.toString(highQualityPerMode) + "]";
    }
}
