package io.sparkgan.clustering;

import io.sparkgan.config.ConfigError;
import io.sparkgan.images.ImageShape;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;

/**
 * What k-means compares training examples by ({@code model.cluster-features}): the examples
 * themselves, or a label-free view of them in which examples of one kind are nearer each other.
 * A map keeps the example's size, so centres live in a space of the example's dimension. The
 * same map labels the data when training starts, on executors and after a resume, so it is saved
 * with the clusters.
 */
public sealed interface ClusterFeatures extends Serializable permits ClusterFeatures.Pixels, Deskewed {

    /** The config value naming this map ({@code pixels}, {@code deskewed}). */
    String configName();

    /**
     * The features of the example {@code x[offset, offset + out.length)}, written to {@code out}.
     *
     * @param x the examples, values in [-1, 1]
     * @param offset where the example starts in {@code x}
     * @param out receives the features (the example's size)
     */
    void apply(float[] x, int offset, float[] out);

    /** The examples as they are. */
    record Pixels() implements ClusterFeatures {
        @Override
        public String configName() {
            return "pixels";
        }

        @Override
        public void apply(float[] x, int offset, float[] out) {
            System.arraycopy(x, offset, out, 0, out.length);
        }
    }

    /** The examples as they are: what self-conditioning used before cluster features existed. */
    ClusterFeatures PIXELS = new Pixels();

    /**
     * The map {@code name} names for examples of {@code shape}.
     *
     * @param name the value of {@code model.cluster-features}
     * @param shape the training images' shape, or null when the data is not images (CSV)
     * @param data the data set, as named in messages
     * @throws ConfigError if the name is unknown or the map does not apply to the data
     */
    static ClusterFeatures of(String name, ImageShape shape, String data) {
        switch (name) {
            case "pixels":
                return PIXELS;
            case "deskewed":
                if (shape == null || shape.channels() != 1) {
                    throw new ConfigError("model.cluster-features = deskewed needs grayscale images (strokes on a dark"
                            + " background, like handwriting), but " + data + (shape == null ? " has no image shape"
                            : " is " + shape.describe()) + "; use model.cluster-features = pixels");
                }
                return new Deskewed(shape.height(), shape.width());
            default:
                throw new ConfigError("invalid value '" + name + "' for config key 'model.cluster-features': must be"
                        + " pixels or deskewed");
        }
    }

    /** Writes {@code features} in the checkpoint's layout: a tag, then the map's sizes. */
    static void write(ClusterFeatures features, DataOutputStream out) throws IOException {
        if (features instanceof Deskewed d) {
            out.writeByte(1);
            out.writeInt(d.height());
            out.writeInt(d.width());
        } else {
            out.writeByte(0);
        }
    }

    /** Reads what {@link #write} wrote. */
    static ClusterFeatures read(DataInputStream in) throws IOException {
        int tag = in.readByte();
        switch (tag) {
            case 0:
                return PIXELS;
            case 1:
                int height = in.readInt();
                int width = in.readInt();
                if (height < 1 || width < 1) throw new IOException("implausible deskewed image size " + height + "x" + width);
                return new Deskewed(height, width);
            default:
                throw new IOException("unknown cluster features tag " + tag);
        }
    }
}
