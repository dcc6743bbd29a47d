package io.sparkgan.images;

import java.io.Serializable;

/**
 * The size every training image is brought to: height x width pixels with 1 (grayscale) or 3
 * (RGB) channels, stored as uint8 in HWC order. One value type so decoder, shard writer and
 * training agree on the layout.
 *
 * @param height rows, at least 1
 * @param width columns, at least 1
 * @param channels 1 for grayscale or 3 for RGB
 */
public record ImageShape(int height, int width, int channels) implements Serializable {

    /** Largest number of bytes one image may take, so that it fits a Java array. */
    public static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    /** Checks the sizes; see the record description. */
    public ImageShape {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image shape " + height + "x" + width
                    + " is invalid; height and width must both be at least 1, e.g. 28x28 or 64x64");
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("image shape has " + channels
                    + " channels; use 1 for grayscale or 3 for RGB");
        }
        if ((long) height * width * channels > MAX_BYTES) {
            throw new IllegalArgumentException("image shape " + height + "x" + width + "x" + channels
                    + " has more than " + MAX_BYTES + " values; choose a smaller target size");
        }
    }

    /** Number of bytes of one image: height * width * channels. */
    public int pixels() {
        return height * width * channels;
    }

    /** The shape as "HxWxC", e.g. "28x28x1". */
    public String describe() {
        return height + "x" + width + "x" + channels;
    }
}
