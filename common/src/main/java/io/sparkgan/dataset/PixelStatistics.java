package io.sparkgan.dataset;

import java.io.Serializable;

/**
 * Per-channel sums of pixel values and their squares, exact in longs, mergeable across shards;
 * gives the manifest's per-channel mean and standard deviation (in [0, 1] units, as the usual
 * image normalisation constants are written).
 */
public final class PixelStatistics implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long[] sum;
    private final long[] sumSquares;
    private long pixelsPerChannel;

    public PixelStatistics(int channels) {
        this.sum = new long[channels];
        this.sumSquares = new long[channels];
    }

    /** Adds one HWC image. */
    public void add(byte[] image) {
        int c = sum.length;
        for (int i = 0; i < image.length; i++) {
            int v = image[i] & 0xFF;
            sum[i % c] += v;
            sumSquares[i % c] += v * v;
        }
        pixelsPerChannel += image.length / c;
    }

    /** Adds another shard's statistics into this one. */
    public PixelStatistics merge(PixelStatistics other) {
        if (other.sum.length != sum.length) throw new IllegalArgumentException("channel counts differ");
        for (int k = 0; k < sum.length; k++) {
            sum[k] += other.sum[k];
            sumSquares[k] += other.sumSquares[k];
        }
        pixelsPerChannel += other.pixelsPerChannel;
        return this;
    }

    /** Mean of each channel, in [0, 1]. */
    public double[] mean() {
        double[] m = new double[sum.length];
        for (int k = 0; k < m.length; k++) m[k] = pixelsPerChannel == 0 ? 0 : sum[k] / (255.0 * pixelsPerChannel);
        return m;
    }

    /** Population standard deviation of each channel, in [0, 1]. */
    public double[] std() {
        double[] s = new double[sum.length];
        for (int k = 0; k < s.length; k++) {
            if (pixelsPerChannel == 0) continue;
            double mean = (double) sum[k] / pixelsPerChannel;
            double variance = (double) sumSquares[k] / pixelsPerChannel - mean * mean;
            s[k] = Math.sqrt(Math.max(0, variance)) / 255.0;
        }
        return s;
    }
}
