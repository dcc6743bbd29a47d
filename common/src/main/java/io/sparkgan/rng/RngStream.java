package io.sparkgan.rng;

import java.util.SplittableRandom;

/**
 * Named, independent random streams derived from the run's master seed. Every random draw in
 * sparkgan comes from a stream named here and keyed by coordinates (round, phase, partition,
 * step ...), never from a shared generator: a Spark task that is retried, or a run that is
 * resumed, draws exactly the same numbers, whatever ran before it on that thread.
 */
public enum RngStream {
    GENERATOR_INIT(0x47_494E_4954L),
    DISCRIMINATOR_INIT(0x44_494E_4954L),
    DATA_GENERATION(0x4441_5441L),
    REAL_BATCH(0x5245_414CL),
    LATENT(0x4C41_5445L),
    SAMPLING(0x5341_4D50L),
    EVALUATION(0x4556_414CL),
    /** The fixed latent vectors of the sample snapshots written during training. */
    SNAPSHOT(0x534E_4150L),
    /** The latent vectors the moving average of G's batch-norm statistics are recomputed over. */
    STANDING_STATISTICS(0x5354_4154L),
    /** The class labels of generated examples in class-conditional training (and their standing statistics). */
    FAKE_LABELS(0x4641_4B45L),
    /** The examples k-means starts from (self-conditioning's clusters). */
    CLUSTERING(0x434C_5553L),
    /** The classes a self-conditioned generator is asked for when sampled or scored as an unconditional model. */
    SAMPLED_CLASSES(0x5343_4C53L);

    private final long salt;

    RngStream(long salt) {
        this.salt = salt;
    }

    /** The generator for this stream at the given coordinates. */
    public SplittableRandom at(long masterSeed, long... coordinates) {
        long s = mix(masterSeed ^ mix(salt));
        for (long c : coordinates) s = mix(s + 0x9E3779B97F4A7C15L * (c + 1));
        return new SplittableRandom(s);
    }

    /** SplitMix64's finaliser: a bijective 64-bit mix with full avalanche. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
