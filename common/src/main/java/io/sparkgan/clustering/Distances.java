package io.sparkgan.clustering;

/** Squared Euclidean distances from an example to K centres, in float arithmetic summed in double. */
final class Distances {
    private Distances() {}

    /**
     * The index of the centre nearest to {@code x[offset, offset + dim)} (ties to the lower index).
     *
     * @param centres K rows of {@code dim} values
     * @param distance if not null, receives the squared distance to that centre at index 0
     */
    static int nearest(float[] x, int offset, float[] centres, int k, int dim, double[] distance) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double d = squaredDistance(x, offset, centres, c * dim, dim, bestDistance);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        if (distance != null) distance[0] = bestDistance;
        return best;
    }

    /** The squared distance, or any value >= {@code bound} as soon as the partial sum passes it. */
    static double squaredDistance(float[] a, int aOffset, float[] b, int bOffset, int dim, double bound) {
        double sum = 0;
        int i = 0;
        // blocks of 64 values in float, then checked against the bound: most centres are rejected early
        while (i < dim) {
            int end = Math.min(dim, i + 64);
            float s0 = 0, s1 = 0;
            for (; i + 1 < end; i += 2) {
                float d0 = a[aOffset + i] - b[bOffset + i];
                float d1 = a[aOffset + i + 1] - b[bOffset + i + 1];
                s0 += d0 * d0;
                s1 += d1 * d1;
            }
            if (i < end) {
                float d = a[aOffset + i] - b[bOffset + i];
                s0 += d * d;
                i++;
            }
            sum += (double) s0 + s1;
            if (sum >= bound) return sum;
        }
        return sum;
    }
}
