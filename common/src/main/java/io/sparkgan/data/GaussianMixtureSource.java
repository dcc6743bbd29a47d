package io.sparkgan.data;

import io.sparkgan.rng.RngStream;
import java.util.SplittableRandom;

/**
 * Equal-weight mixture of isotropic 2-D (or d-D) Gaussians, generated from the seed: example i
 * picks a component and its noise from a stream keyed by (seed, i) alone.
 */
public final class GaussianMixtureSource implements DataSource {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final double[][] centres;
    private final double sigma;
    private final long size;
    private final long seed;

    public GaussianMixtureSource(String name, double[][] centres, double sigma, long size, long seed) {
        if (centres.length == 0) throw new IllegalArgumentException("a mixture needs at least one centre");
        if (!(sigma > 0)) throw new IllegalArgumentException("sigma must be positive, got " + sigma);
        if (size <= 0) throw new IllegalArgumentException("size must be positive, got " + size);
        this.name = name;
        this.centres = centres;
        this.sigma = sigma;
        this.size = size;
        this.seed = seed;
    }

    @Override
    public int dim() {
        return centres[0].length;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public VectorBlock partition(int index, int count) {
        long from = DataSource.partitionStart(size, index, count);
        long to = DataSource.partitionStart(size, index + 1, count);
        int rows = (int) (to - from);
        int d = dim();
        float[] v = new float[rows * d];
        for (int r = 0; r < rows; r++) {
            SplittableRandom rng = RngStream.DATA_GENERATION.at(seed, from + r);
            double[] c = centres[rng.nextInt(centres.length)];
            for (int j = 0; j < d; j++) v[r * d + j] = (float) (c[j] + sigma * rng.nextGaussian());
        }
        return new VectorBlock(v, rows, d);
    }

    @Override
    public String describe() {
        return name + ": " + centres.length + " Gaussians, sigma " + sigma + ", " + size + " examples, seed " + seed;
    }
}
