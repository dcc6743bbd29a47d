package io.sparkgan.config;

import io.sparkgan.rng.LatentPrior;

/**
 * Sample snapshots written during training (DIR/samples/round-NNNNNN.png) from fixed latent vectors.
 *
 * @param everyRounds write a snapshot every this many rounds (0 = off)
 * @param count generated examples per snapshot: images in the grid, or points in the scatter plot;
 *              0 = automatic ({@link #DEFAULT_IMAGES} images, {@link #DEFAULT_POINTS} points)
 * @param truncation latent truncation threshold of all sampling (snapshots, final samples, the
 *                   sample command, evaluation); 0 = plain N(0, I)
 */
public record SampleSettings(int everyRounds, int count, double truncation) {
    /** Largest accepted {@code count}: a snapshot is generated on the driver in one go. */
    public static final int MAX_COUNT = 100_000;
    public static final int DEFAULT_IMAGES = 64;
    public static final int DEFAULT_POINTS = 2500;

    /** The distribution latent vectors are drawn from when sampling. */
    public LatentPrior prior() {
        return new LatentPrior(truncation);
    }

    public boolean enabled() {
        return everyRounds > 0;
    }

    /** Examples per snapshot for image data ({@code images}) or 2-D points. */
    public int countFor(boolean images) {
        if (count > 0) return count;
        return images ? DEFAULT_IMAGES : DEFAULT_POINTS;
    }
}
