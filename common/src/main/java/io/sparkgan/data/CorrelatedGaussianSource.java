package io.sparkgan.data;

import io.sparkgan.rng.RngStream;
import java.util.SplittableRandom;

/**
 * One 2-D Gaussian with a non-diagonal covariance (the "gaussian2d" set of docs/benchmarks.md, B1): the exact Frechet
 * distance between its moments and the generator's measures convergence directly.
 */
public final class CorrelatedGaussianSource implements DataSource {
    private static final long serialVersionUID = 1L;

    /** The true mean. */
    public static final double[] MEAN = {1.0, -0.5};
    /** The true covariance: variances 1 and 0.5, correlation 0.79. */
    public static final double[][] COVARIANCE = {{1.0, 0.56}, {0.56, 0.5}};

    private final long size;
    private final long seed;

    public CorrelatedGaussianSource(long size, long seed) {
        if (size <= 0) throw new IllegalArgumentException("size must be positive, got " + size);
        this.size = size;
        this.seed = seed;
    }

    @Override
    public int dim() {
        return 2;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public VectorBlock partition(int index, int count) {
        // Cholesky factor L of COVARIANCE: x = MEAN + L e.
        double l11 = Math.sqrt(COVARIANCE[0][0]);
        double l21 = COVARIANCE[1][0] / l11;
        double l22 = Math.sqrt(COVARIANCE[1][1] - l21 * l21);
        long from = DataSource.partitionStart(size, index, count);
        long to = DataSource.partitionStart(size, index + 1, count);
        int rows = (int) (to - from);
        float[] v = new float[rows * 2];
        for (int r = 0; r < rows; r++) {
            SplittableRandom rng = RngStream.DATA_GENERATION.at(seed, from + r);
            double e1 = rng.nextGaussian();
            double e2 = rng.nextGaussian();
            v[2 * r] = (float) (MEAN[0] + l11 * e1);
            v[2 * r + 1] = (float) (MEAN[1] + l21 * e1 + l22 * e2);
        }
        return new VectorBlock(v, rows, 2);
    }

    @Override
    public String describe() {
        return "gaussian2d: mean (1, -0.5), covariance [[1, 0.56], [0.56, 0.5]], " + size + " examples, seed " + seed;
    }
}
