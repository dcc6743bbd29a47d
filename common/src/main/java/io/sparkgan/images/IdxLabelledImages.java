package io.sparkgan.images;

import io.sparkgan.util.DataFormatException;
import java.io.Closeable;

/**
 * An IDX images file with its labels file, checked to have the same count. The images stream;
 * the labels (one byte each) are held in memory. Opened by {@link IdxReader#openLabelled}.
 */
public final class IdxLabelledImages implements Closeable {
    private final IdxImages images;
    private final byte[] labels;

    IdxLabelledImages(IdxImages images, byte[] labels, String labelsName) {
        if (images.count() != labels.length) {
            throw new DataFormatException(images.name() + " has " + images.count() + " images but "
                    + labelsName + " has " + labels.length + " labels; use the images and labels files of the same split");
        }
        this.images = images;
        this.labels = labels;
    }

    /** Number of examples. */
    public int count() {
        return labels.length;
    }

    /** The images, to read in order with {@link IdxImages#readNext}. */
    public IdxImages images() {
        return images;
    }

    /** Label of example {@code index} (0-based), 0..255. */
    public int label(int index) {
        return labels[index] & 0xff;
    }

    /** All labels, a copy; values are unsigned (use {@code & 0xff}). */
    public byte[] labels() {
        return labels.clone();
    }

    /** Closes the images stream. */
    @Override
    public void close() {
        images.close();
    }
}
