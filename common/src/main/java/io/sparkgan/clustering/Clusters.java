package io.sparkgan.clustering;

import io.sparkgan.data.ExampleBlock;
import io.sparkgan.rng.ClassPrior;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;

/**
 * K cluster centres in feature space and the number of training examples nearest to each: what a
 * self-conditioned GAN's classes are. An example's class is the centre nearest to its features
 * (squared Euclidean distance, ties to the lower index), so the labels of any example can be
 * recomputed from the centres and the feature map alone: a resumed run and an executor label the
 * data exactly as the first run did.
 *
 * @param dim size of an example
 * @param centres K rows of {@code features.dim()} values, row-major
 * @param counts training examples nearest to each centre (a class with 0 is never drawn)
 * @param iterations Lloyd iterations run until the centres stopped moving or the limit was reached
 * @param features what examples are compared by (model.cluster-features)
 */
public record Clusters(int dim, float[] centres, long[] counts, int iterations, ClusterFeatures features)
        implements Serializable {
    public Clusters {
        java.util.Objects.requireNonNull(features, "features");
        if (dim <= 0) throw new IllegalArgumentException("cluster dimension must be positive, got " + dim);
        if (counts.length == 0 || centres.length != (long) counts.length * features.dim()) {
            throw new IllegalArgumentException(counts.length + " clusters of " + features.dim() + " " + features.configName()
                    + " features need " + (long) counts.length * features.dim() + " centre values, got " + centres.length);
        }
        centres = centres.clone();
        counts = counts.clone();
    }

    /** Number of clusters K. */
    public int classes() {
        return counts.length;
    }

    @Override
    public float[] centres() {
        return centres.clone();
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** The clusters' share of the training examples, as the distribution classes are drawn from. */
    public ClassPrior prior() {
        return new ClassPrior(counts);
    }

    /**
     * The centre nearest to the features of the example {@code x[offset, offset + dim)}.
     *
     * @param x holds the example, in the data's units
     * @param offset where the example starts in {@code x}
     */
    public int nearest(float[] x, int offset) {
        float[] f = new float[features.dim()];
        features.apply(x, offset, f);
        return Distances.nearest(f, 0, centres, classes(), features.dim(), null);
    }

    /**
     * The cluster of every example of {@code block}.
     *
     * @param block examples of size {@link #dim()}
     * @throws IllegalArgumentException if the block's examples are not of this dimension
     */
    public int[] assign(ExampleBlock block) {
        if (block.dim() != dim) {
            throw new IllegalArgumentException("the clusters are of examples of size " + dim + " but the data's are "
                    + block.dim());
        }
        int[] labels = new int[block.rows()];
        float[] row = new float[dim];
        float[] f = new float[features.dim()];
        for (int i = 0; i < labels.length; i++) {
            block.copyRow(i, row, 0);
            features.apply(row, 0, f);
            labels[i] = Distances.nearest(f, 0, centres, classes(), features.dim(), null);
        }
        return labels;
    }

    /**
     * Writes these clusters in the checkpoint's layout (big-endian): K, example size, iterations,
     * counts, the features' size, centres, the feature map.
     */
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(classes());
        out.writeInt(dim);
        out.writeInt(iterations);
        for (long c : counts) out.writeLong(c);
        out.writeInt(features.dim());
        for (float v : centres) out.writeFloat(v);
        ClusterFeatures.write(features, out);
    }

    /**
     * Reads what {@link #write} wrote.
     *
     * @param in the stream
     * @param withFeatures whether the feature map follows the centres (checkpoints before it have pixel clusters)
     */
    public static Clusters read(DataInputStream in, boolean withFeatures) throws IOException {
        int k = in.readInt();
        int dim = in.readInt();
        int iterations = in.readInt();
        if (k <= 0 || dim <= 0 || (long) k * dim > Integer.MAX_VALUE - 8) {
            throw new IOException("implausible clusters: " + k + " of dimension " + dim);
        }
        long[] counts = new long[k];
        for (int i = 0; i < k; i++) counts[i] = in.readLong();
        if (!withFeatures) {
            float[] centres = new float[k * dim];
            for (int i = 0; i < centres.length; i++) centres[i] = in.readFloat();
            return new Clusters(dim, centres, counts, iterations, new ClusterFeatures.Pixels(dim));
        }
        int featureDim = in.readInt();
        if (featureDim <= 0 || (long) k * featureDim > Integer.MAX_VALUE - 8) {
            throw new IOException("implausible clusters: " + k + " of " + featureDim + " features");
        }
        float[] centres = new float[k * featureDim];
        for (int i = 0; i < centres.length; i++) centres[i] = in.readFloat();
        ClusterFeatures features = ClusterFeatures.read(in);
        if (features.dim() != featureDim) {
            throw new IOException("clusters of " + featureDim + " features but their map (" + features.configName()
                    + ") gives " + features.dim());
        }
        try {
            return new Clusters(dim, centres, counts, iterations, features);
        } catch (IllegalArgumentException e) {
            throw new IOException("implausible clusters: " + e.getMessage(), e);
        }
    }

    /** One line for logs. */
    public String describe() {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (long c : counts) {
            min = Math.min(min, c);
            max = Math.max(max, c);
        }
        return classes() + " k-means clusters of " + features.configName() + " (" + min + "-" + max + " examples, "
                + iterations + " iterations)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Clusters c && dim == c.dim && iterations == c.iterations && Arrays.equals(centres, c.centres)
                && Arrays.equals(counts, c.counts) && features.equals(c.features);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(centres) + Arrays.hashCode(counts);
    }
}
