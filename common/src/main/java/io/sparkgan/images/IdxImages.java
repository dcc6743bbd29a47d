package io.sparkgan.images;

import io.sparkgan.util.DataFormatException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The images of one IDX file, read one at a time (row-major uint8, {@code rows x cols} bytes
 * each) so a large file is streamed, not loaded. Not thread-safe: one reader per task.
 * Opened by {@link IdxReader#openImages}.
 */
public final class IdxImages implements Closeable {
    private final InputStream in;
    private final String name;
    private final int count;
    private final int rows;
    private final int cols;
    private int read;

    IdxImages(InputStream in, String name, int count, int rows, int cols) {
        this.in = in;
        this.name = name;
        this.count = count;
        this.rows = rows;
        this.cols = cols;
    }

    /** The file's name as given when opening, for messages. */
    public String name() {
        return name;
    }

    /** Number of images the header announces. */
    public int count() {
        return count;
    }

    /** Image height in pixels. */
    public int rows() {
        return rows;
    }

    /** Image width in pixels. */
    public int cols() {
        return cols;
    }

    /** Bytes per image: rows * cols. */
    public int imageBytes() {
        return rows * cols;
    }

    /** How many images {@link #readNext} has returned so far. */
    public int imagesRead() {
        return read;
    }

    /**
     * Reads the next image into {@code dst[0 .. rows*cols)}. After the last image it also checks
     * that the file ends there.
     *
     * @return false when all {@link #count()} images have been read
     * @throws DataFormatException if the file is truncated, corrupt or has trailing data
     */
    public boolean readNext(byte[] dst) {
        int size = imageBytes();
        if (dst == null || dst.length < size) {
            throw new IllegalArgumentException("destination holds " + (dst == null ? "null" : dst.length + " bytes")
                    + "; it needs rows * cols = " + size + " bytes, use new byte[images.imageBytes()]");
        }
        if (read == count) return false;
        long before = (long) read * size;
        try {
            IdxReader.readData(in, name, dst, 0, before, size);
        } catch (IdxReader.TruncatedData e) {
            throw new DataFormatException(name + ": truncated: expected " + (long) count * size
                    + " bytes of data (" + count + " images of " + rows + "x" + cols + "), found " + e.found
                    + "; the file was cut short, fetch it again");
        }
        read++;
        if (read == count) {
            IdxReader.expectEnd(in, name, count + " images of " + rows + "x" + cols);
        }
        return true;
    }

    /** Closes the underlying stream. */
    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close " + name + ": " + e.getMessage(), e);
        }
    }
}
