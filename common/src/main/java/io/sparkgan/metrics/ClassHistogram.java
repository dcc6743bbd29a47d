package io.sparkgan.metrics;

import java.util.Objects;

/** Mode coverage of a class-conditional data set: how generated samples spread over the classes. */
public final class ClassHistogram {
    private ClassHistogram() {}

    /**
     * KL(h || uniform) in nats of the normalised histogram h of {@code counts}: 0 when every class
     * is equally frequent, log K when all samples fall in one class of K. Empty classes add 0.
     */
    public static double klToUniform(long[] counts) {
        Objects.requireNonNull(counts, "counts must not be null");
        if (counts.length == 0) throw new IllegalArgumentException("histogram has no classes");
        long total = 0;
        for (long c : counts) {
            if (c < 0) throw new IllegalArgumentException("histogram count " + c + " is negative");
            total += c;
        }
        if (total == 0) throw new IllegalArgumentException("histogram is empty; KL to uniform needs samples");
        double kl = 0;
        for (long c : counts) {
            if (c > 0) {
                double h = (double) c / total;
                kl += h * Math.log(h * counts.length);
            }
        }
        return Math.max(0.0, kl);
    }

}
