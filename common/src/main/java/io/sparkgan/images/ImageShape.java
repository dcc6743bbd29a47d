package io.sparkgan.images;

import java.io.Serializable;

/**
 * The shape of a prepared image: height x width x channels (1 grayscale, 3 RGB), stored as uint8
 * in HWC order (rows, then columns, channels interleaved).
 */
public record ImageShape(int height, int width, int channels) implements Serializable {

    public ImageShape {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 (grayscale) or 3 (RGB), got " + channels);
        }
    }

    /** Bytes of one image. */
    public int pixels() {
        return height * width * channels;
    }

    /** For messages: "28x28x1". */
    public String describe() {
        return height + "x" + width + "x" + channels;
    }
}
