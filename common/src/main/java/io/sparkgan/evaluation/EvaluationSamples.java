package io.sparkgan.evaluation;

import io.sparkgan.gan.GanStep;
import io.sparkgan.rng.RngStream;
import io.sparkgan.run.GeneratorSnapshot;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The images an evaluation scores: N images in fixed chunks of {@link #CHUNK}, chunk c drawn
 * from the EVALUATION stream at (seed, c). The set is the same whichever partition or JVM
 * generates a chunk, so Spark scoring and scoring in one JVM see identical images, and every
 * evaluation of a run (same seed) uses the same latent vectors. A class-conditional generator is
 * asked for class i mod K for image i of the set (every class equally often, up to one); a
 * self-conditioned one for clusters drawn from its cluster frequencies (SAMPLED_CLASSES stream at
 * (seed, chunk)).
 */
public final class EvaluationSamples {
    /** Images per chunk (one generator forward pass). */
    public static final int CHUNK = 250;

    private EvaluationSamples() {}

    /** Number of chunks of {@code n} images. */
    public static int chunks(int n) {
        if (n <= 0) throw new IllegalArgumentException("number of samples must be positive, got " + n);
        return (n + CHUNK - 1) / CHUNK;
    }

    /** Images in chunk {@code chunk} of {@code n}. */
    public static int rows(int n, int chunk) {
        return Math.min(CHUNK, n - chunk * CHUNK);
    }

    /**
     * The classes {@code generator} is asked for in chunk {@code chunk} of {@code n} images (image i
     * of the set: i mod K for a class-conditional one, drawn from the cluster frequencies for a
     * self-conditioned one), or null for an unconditional one.
     */
    public static int[] labels(GeneratorSnapshot generator, long seed, int n, int chunk) {
        return generator.classes(RngStream.SAMPLED_CLASSES.at(seed, chunk), (long) chunk * CHUNK, rows(n, chunk));
    }

    /** Chunk {@code chunk} of {@code n} images as rows of floats [rows, dataDim] (HWC images in [-1, 1]). */
    public static float[] generate(GanStep step, GeneratorSnapshot generator, long seed, int n, int chunk) {
        int rows = rows(n, chunk);
        INDArray z = generator.latents(RngStream.EVALUATION.at(seed, chunk), rows);
        return generator.generate(step, z, labels(generator, seed, n, chunk));
    }
}
