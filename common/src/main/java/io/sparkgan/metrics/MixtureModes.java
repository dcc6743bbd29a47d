package io.sparkgan.metrics;

import java.util.Arrays;
import java.util.Objects;

/**
 * The mode centres and the common isotropic standard deviation of a 2-D Gaussian mixture with
 * equal weights: what the mode-coverage metric needs to know about the true distribution.
 * Immutable; arrays are copied in and out.
 */
public final class MixtureModes {
    private static final int DIM = 2;

    private final double[][] centres;
    private final double sigma;

    /**
     * Describes a mixture by its mode centres ({@code K x 2}) and its per-axis standard
     * deviation.
     */
    public MixtureModes(double[][] centres, double sigma) {
        Objects.requireNonNull(centres, "centres must not be null; pass a K x 2 array of mode centres");
        if (centres.length == 0) {
            throw new IllegalArgumentException("centres is empty; a mixture needs at least one mode");
        }
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be a positive finite number, got " + sigma);
        }
        double[][] copy = new double[centres.length][];
        for (int k = 0; k < centres.length; k++) {
            double[] c = centres[k];
            if (c == null || c.length != DIM) {
                throw new IllegalArgumentException("centre " + k + " has "
                        + (c == null ? "no array" : c.length + " coordinates")
                        + "; every centre must have exactly 2 coordinates (x, y)");
            }
            if (!Double.isFinite(c[0]) || !Double.isFinite(c[1])) {
                throw new IllegalArgumentException("centre " + k + " is " + Arrays.toString(c)
                        + "; coordinates must be finite");
            }
            copy[k] = c.clone();
        }
        this.centres = copy;
        this.sigma = sigma;
    }

    /** The 8-mode ring of the PacGAN/VEEGAN benchmark: unit circle, sigma 0.01. */
    public static MixtureModes ring8() {
        int k = 8;
        double[][] c = new double[k][];
        for (int i = 0; i < k; i++) {
            double angle = 2 * Math.PI * i / k;
            c[i] = new double[] {Math.cos(angle), Math.sin(angle)};
        }
        return new MixtureModes(c, 0.01);
    }

    /** The 25-mode grid of the PacGAN/VEEGAN benchmark: means {-4,-2,0,2,4}², sigma 0.05. */
    public static MixtureModes grid25() {
        double[] axis = {-4, -2, 0, 2, 4};
        double[][] c = new double[axis.length * axis.length][];
        int i = 0;
        for (double x : axis) {
            for (double y : axis) {
                c[i++] = new double[] {x, y};
            }
        }
        return new MixtureModes(c, 0.05);
    }

    /** Number of modes K. */
    public int size() {
        return centres.length;
    }

    /** Copy of the centres as a {@code K x 2} array. */
    public double[][] centres() {
        double[][] copy = new double[centres.length][];
        for (int k = 0; k < centres.length; k++) copy[k] = centres[k].clone();
        return copy;
    }

    /** x coordinate of mode {@code k}; avoids copying the whole array in hot loops. */
    public double x(int k) {
        return centres[k][0];
    }

    /** y coordinate of mode {@code k}; avoids copying the whole array in hot loops. */
    public double y(int k) {
        return centres[k][1];
    }

    /** The isotropic standard deviation shared by all modes. */
    public double sigma() {
        return sigma;
    }

    /** Equal when the centres (in order) and sigma are equal. */
    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof MixtureModes other)) return false;
        return Double.compare(sigma, other.sigma) == 0 && Arrays.deepEquals(centres, other.centres);
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(centres) + Double.hashCode(sigma);
    }

    /** Short human-readable description for logs. */
    @Override
    public String toString() {
        return "MixtureModes[K=" + centres.length + ", sigma=" + sigma + ", centres="
                + Arrays.deepToString(centres) + "]";
    }
}
