package io.sparkgan.clustering;

import io.sparkgan.config.ConfigError;
import io.sparkgan.config.ModelSettings;
import io.sparkgan.data.ExampleBlock;
import io.sparkgan.data.VectorBlock;
import io.sparkgan.images.ImageShape;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;

/**
 * What k-means compares training examples by ({@code model.cluster-features}): the examples
 * themselves, or a label-free view of them in which examples of one kind are nearer each other.
 * Centres live in the map's output space ({@link #dim()} values). The same map labels the data
 * when training starts, on executors and after a resume, so it is saved with the clusters.
 */
public sealed interface ClusterFeatures extends Serializable permits ClusterFeatures.Pixels, Deskewed, Hog {

    /** The config value naming this map ({@code pixels}, {@code deskewed}, {@code hog}, {@code deskewed-hog}). */
    String configName();

    /** Number of features of an example. */
    int dim();

    /**
     * The features of the example {@code x[offset, offset + out.length)}, written to {@code out}.
     *
     * @param x the examples, values in [-1, 1]
     * @param offset where the example starts in {@code x}
     * @param out receives the features ({@link #dim()} values)
     */
    void apply(float[] x, int offset, float[] out);

    /**
     * The features of every example of {@code block}, {@link #dim()} values per row and no labels:
     * what k-means passes over, computed once per partition.
     *
     * @param block examples of the size this map takes
     * @throws IllegalArgumentException if the partition's features do not fit in one Java array
     */
    default ExampleBlock features(ExampleBlock block) {
        int featureDim = dim();
        long values = (long) block.rows() * featureDim;
        if (values > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the " + configName() + " features of a partition of " + block.rows()
                    + " examples are " + values + " values, more than one Java array holds; set data.partitions higher");
        }
        float[] all = new float[(int) values];
        float[] example = new float[block.dim()];
        float[] row = new float[featureDim];
        for (int i = 0; i < block.rows(); i++) {
            block.copyRow(i, example, 0);
            apply(example, 0, row);
            System.arraycopy(row, 0, all, i * featureDim, featureDim);
        }
        return new VectorBlock(all, block.rows(), featureDim);
    }

    /**
     * The examples as they are.
     *
     * @param dim size of an example
     */
    record Pixels(int dim) implements ClusterFeatures {
        public Pixels {
            if (dim < 1) throw new IllegalArgumentException("examples must have at least one value, got " + dim);
        }

        @Override
        public String configName() {
            return "pixels";
        }

        @Override
        public void apply(float[] x, int offset, float[] out) {
            System.arraycopy(x, offset, out, 0, out.length);
        }

        /** The block itself: its examples are their features. */
        @Override
        public ExampleBlock features(ExampleBlock block) {
            if (block.dim() != dim) {
                throw new IllegalArgumentException("pixel features of examples of size " + dim + " cannot describe"
                        + " examples of size " + block.dim());
            }
            return block;
        }
    }

    /**
     * The map {@code name} names for examples of {@code dim} values and image shape {@code shape}.
     *
     * @param name the value of {@code model.cluster-features}
     * @param dim size of an example
     * @param shape the training images' shape, or null when the data is not images (CSV)
     * @param data the data set, as named in messages
     * @throws ConfigError if the name is unknown or the map does not apply to the data
     */
    static ClusterFeatures of(String name, int dim, ImageShape shape, String data) {
        switch (name) {
            case "pixels":
                return new Pixels(dim);
            case "deskewed":
                return deskewed(name, shape, data);
            case "hog":
                imageFor(name, shape, data);
                return hog(new Pixels(dim), shape, name, data);
            case "deskewed-hog":
                return hog(deskewed(name, shape, data), new ImageShape(shape.height(), shape.width(), 1), name, data);
            default:
                throw new ConfigError("invalid value '" + name + "' for config key 'model.cluster-features': must be"
                        + " one of " + String.join(", ", ModelSettings.CLUSTER_FEATURES));
        }
    }

    private static void imageFor(String name, ImageShape shape, String data) {
        if (shape == null) {
            throw new ConfigError("model.cluster-features = " + name + " needs images, but " + data
                    + " has no image shape; use model.cluster-features = pixels");
        }
    }

    private static Deskewed deskewed(String name, ImageShape shape, String data) {
        imageFor(name, shape, data);
        if (shape.channels() != 1) {
            throw new ConfigError("model.cluster-features = " + name + " needs grayscale images (strokes on a dark"
                    + " background, like handwriting), but " + data + " is " + shape.describe()
                    + "; use model.cluster-features = pixels or hog");
        }
        return new Deskewed(shape.height(), shape.width());
    }

    private static Hog hog(ClusterFeatures input, ImageShape shape, String name, String data) {
        if (shape.height() % Hog.CELL != 0 || shape.width() % Hog.CELL != 0) {
            throw new ConfigError("model.cluster-features = " + name + " needs image sides that are multiples of "
                    + Hog.CELL + " (its cells), but " + data + " is " + shape.describe()
                    + "; use model.cluster-features = pixels or deskewed");
        }
        return new Hog(input, shape.height(), shape.width(), shape.channels(), Hog.CELL, Hog.BINS);
    }

    /**
     * Writes {@code features} in the checkpoint's layout: a tag, then the map's sizes (and input).
     *
     * @param features the map
     * @param out the checkpoint's stream
     */
    static void write(ClusterFeatures features, DataOutputStream out) throws IOException {
        if (features instanceof Pixels p) {
            out.writeByte(0);
            out.writeInt(p.dim());
        } else if (features instanceof Deskewed d) {
            out.writeByte(1);
            out.writeInt(d.height());
            out.writeInt(d.width());
        } else if (features instanceof Hog h) {
            out.writeByte(2);
            write(h.input(), out);
            out.writeInt(h.height());
            out.writeInt(h.width());
            out.writeInt(h.channels());
            out.writeInt(h.cell());
            out.writeInt(h.bins());
        }
    }

    /**
     * Reads what {@link #write} wrote.
     *
     * @param in the checkpoint's stream, at the map
     * @throws IOException if the stream ends or holds no plausible map
     */
    static ClusterFeatures read(DataInputStream in) throws IOException {
        return read(in, true);
    }

    /** Reads a map; {@code histograms} says whether it may be a Hog (not as a Hog's input: no unbounded nesting). */
    private static ClusterFeatures read(DataInputStream in, boolean histograms) throws IOException {
        int tag = in.readByte();
        try {
            switch (tag) {
                case 0:
                    return new Pixels(in.readInt());
                case 1:
                    return new Deskewed(in.readInt(), in.readInt());
                case 2:
                    if (!histograms) throw new IOException("implausible cluster features: histograms of histograms");
                    ClusterFeatures input = read(in, false);
                    return new Hog(input, in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt());
                default:
                    throw new IOException("unknown cluster features tag " + tag);
            }
        } catch (IllegalArgumentException e) {
            throw new IOException("implausible cluster features: " + e.getMessage(), e);
        }
    }
}
