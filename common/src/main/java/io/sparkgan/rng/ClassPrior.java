package io.sparkgan.rng;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The distribution a class-conditional generator's classes are drawn from when it is used as an
 * unconditional model: class k with probability {@code counts[k] / sum(counts)}. A self-conditioned
 * GAN (its classes are k-means clusters of the training images) draws its cluster this way in
 * training and in sampling, so the generated images follow the data's mix of clusters, not a
 * uniform one.
 *
 * @param counts training examples per class; every count >= 0, their sum > 0
 */
public record ClassPrior(long[] counts) implements Serializable {
    public ClassPrior {
        if (counts == null || counts.length == 0) {
            throw new IllegalArgumentException("a class prior needs at least one class count");
        }
        long total = 0;
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] < 0) throw new IllegalArgumentException("class " + k + " has a negative count " + counts[k]);
            total += counts[k];
        }
        if (total == 0) throw new IllegalArgumentException("a class prior needs a positive total count, all are 0");
        counts = counts.clone();
    }

    /** Number of classes K. */
    public int classes() {
        return counts.length;
    }

    /** Training examples per class (a copy). */
    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** Probability of class {@code k}. */
    public double probability(int k) {
        return (double) counts[k] / total();
    }

    private long total() {
        long total = 0;
        for (long c : counts) total += c;
        return total;
    }

    /**
     * {@code n} classes drawn independently from this prior, in order from {@code rng}.
     *
     * @param rng the stream to draw from (one draw per class)
     * @param n number of classes to draw
     */
    public int[] draw(SplittableRandom rng, int n) {
        long total = total();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            long u = rng.nextLong(total);
            int k = 0;
            while (u >= counts[k]) u -= counts[k++];
            labels[i] = k;
        }
        return labels;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassPrior p && Arrays.equals(counts, p.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "ClassPrior" + Arrays.toString(counts);
    }
}
