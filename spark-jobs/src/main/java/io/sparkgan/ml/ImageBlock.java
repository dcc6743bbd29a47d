package io.sparkgan.ml;

import io.sparkgan.data.ExampleBlock;
import io.sparkgan.images.ImageShape;
import java.io.Serializable;

/**
 * The images of one DataFrame partition as uint8 HWC pixels (a quarter of the memory of floats),
 * turned into floats row by row exactly as a prepared set's {@code MappedImageBlock} does:
 * {@code p / 127.5 - 1}, so the same files train the same way from either.
 */
final class ImageBlock implements ExampleBlock, Serializable {
    private static final long serialVersionUID = 1L;

    private final byte[] pixels;
    private final int rows;
    private final ImageShape shape;
    private final int[] labels;
    private final String firstFile;

    /**
     * @param pixels {@code rows * shape.pixels()} bytes
     * @param rows number of images
     * @param shape every image's shape
     * @param labels one label per image, or null
     * @param firstFile the first image's file (origin or path), for messages
     */
    ImageBlock(byte[] pixels, int rows, ImageShape shape, int[] labels, String firstFile) {
        if ((long) rows * shape.pixels() != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " bytes are not " + rows + " images of " + shape.describe());
        }
        if (labels != null && labels.length != rows) {
            throw new IllegalArgumentException(labels.length + " labels for " + rows + " images");
        }
        this.pixels = pixels;
        this.rows = rows;
        this.shape = shape;
        this.labels = labels;
        this.firstFile = firstFile;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int dim() {
        return shape.pixels();
    }

    /** Every image's shape. */
    ImageShape shape() {
        return shape;
    }

    /** The first image's file, for messages. */
    String firstFile() {
        return firstFile;
    }

    @Override
    public void copyRow(int i, float[] dst, int offset) {
        int d = shape.pixels();
        int from = i * d;
        for (int j = 0; j < d; j++) dst[offset + j] = (pixels[from + j] & 0xFF) / 127.5f - 1f;
    }

    @Override
    public boolean labelled() {
        return labels != null;
    }

    @Override
    public int label(int i) {
        if (labels == null) throw new IllegalStateException("these images have no labels");
        return labels[i];
    }
}
