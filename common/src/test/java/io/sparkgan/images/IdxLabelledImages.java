package io.sparkgan.images;

import java.io.Closeable;
import java.io.InputStream;

/**
 * The IDX reading tests' view of a split: its images file (streaming) with its labels (one byte
 * each, in memory). Preparation reads the two files separately (InputPlanner checks the counts).
 */
final class IdxLabelledImages implements Closeable {
    private final IdxImages images;
    private final byte[] labels;

    private IdxLabelledImages(IdxImages images, byte[] labels) {
        this.images = images;
        this.labels = labels;
    }

    /** Opens an images file and reads its labels file; closes both streams on failure. */
    static IdxLabelledImages open(InputStream images, String imagesName, InputStream labels, String labelsName) {
        IdxImages imageFile = IdxReader.openImages(images, imagesName);
        try {
            return new IdxLabelledImages(imageFile, IdxReader.readLabels(labels, labelsName));
        } catch (RuntimeException e) {
            imageFile.close();
            throw e;
        }
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
