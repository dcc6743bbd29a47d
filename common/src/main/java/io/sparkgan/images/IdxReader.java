package io.sparkgan.images;

import io.sparkgan.util.DataFormatException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST / Fashion-MNIST format), gzipped or not (detected from the gzip
 * magic 0x1f 0x8b, not from the name). Only unsigned-byte data (type 0x08) is supported: 1
 * dimension for labels, 3 (count x rows x cols) for images. Images stream through
 * {@link IdxImages} so a 47 MB file is read once and never held whole. Anything malformed is a
 * {@link DataFormatException} naming the file and what is wrong; other read failures are an
 * {@link UncheckedIOException}.
 */
public final class IdxReader {
    /** The IDX data type code for unsigned bytes, the only one supported. */
    public static final int UNSIGNED_BYTE = 0x08;

    private IdxReader() {
    }

    /**
     * Opens an images file (unsigned byte, 3 dimensions) and reads its header; the pixels are
     * read by {@link IdxImages#readNext}. The returned object owns {@code in} and closes it.
     *
     * @param name the file's name or path, for messages
     */
    public static IdxImages openImages(InputStream in, String name) {
        InputStream data = decompressIfGzipped(in, name);
        try {
            int[] dims = readHeader(data, name, 3, "images (count x rows x cols)");
            if ((long) dims[1] * dims[2] > ImageShape.MAX_BYTES) {
                throw new DataFormatException(name + ": images of " + dims[1] + "x" + dims[2]
                        + " are too large for one array; this is not an image IDX file");
            }
            return new IdxImages(data, name, dims[0], dims[1], dims[2]);
        } catch (RuntimeException e) {
            closeQuietly(data, e);
            throw e;
        }
    }

    /**
     * Reads a whole labels file (unsigned byte, 1 dimension) and closes {@code in}. Label
     * values are returned unsigned-as-signed bytes: use {@code labels[i] & 0xff}.
     *
     * @param name the file's name or path, for messages
     */
    public static byte[] readLabels(InputStream in, String name) {
        try (InputStream data = decompressIfGzipped(in, name)) {
            int[] dims = readHeader(data, name, 1, "labels (count)");
            if (dims[0] > ImageShape.MAX_BYTES) {
                throw new DataFormatException(name + ": " + dims[0] + " labels do not fit one array");
            }
            byte[] labels = new byte[dims[0]];
            try {
                readData(data, name, labels, 0, 0L, labels.length);
            } catch (TruncatedData e) {
                throw new DataFormatException(name + ": truncated: expected " + labels.length
                        + " bytes of data (" + labels.length + " labels), found " + e.found
                        + "; the file was cut short, fetch it again");
            }
            expectEnd(data, name, labels.length + " labels");
            return labels;
        } catch (IOException e) {
            throw new UncheckedIOException("could not close " + name + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@code length} bytes into {@code dst}; {@code before} bytes of data came earlier. */
    static void readData(InputStream in, String name, byte[] dst, int offset, long before, int length) {
        int found = 0;
        try {
            found = in.readNBytes(dst, offset, length);
        } catch (EOFException e) {
            throw new DataFormatException(name + ": truncated gzip data (" + e.getMessage()
                    + ") after " + (before + found) + " bytes of data; the file was cut short, fetch it again", e);
        } catch (ZipException e) {
            throw new DataFormatException(name + ": corrupt gzip data (" + e.getMessage() + "); fetch the file again", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + name + ": " + e.getMessage(), e);
        }
        if (found < length) {
            throw new TruncatedData(before + found);
        }
    }

    /** Fails when anything follows the data the header announced. */
    static void expectEnd(InputStream in, String name, String what) {
        try {
            // Counted by reading, not skip(): FileInputStream.skip may go past the end.
            byte[] buffer = new byte[8192];
            long extra = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) extra += n;
            if (extra > 0) {
                throw new DataFormatException(name + ": " + extra + " bytes of trailing data after the "
                        + what + " the header announces; the header or the file is wrong");
            }
        } catch (EOFException e) {
            throw new DataFormatException(name + ": truncated gzip data at the end (" + e.getMessage()
                    + "); the file was cut short, fetch it again", e);
        } catch (ZipException e) {
            throw new DataFormatException(name + ": corrupt gzip data (" + e.getMessage() + "); fetch the file again", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + name + ": " + e.getMessage(), e);
        }
    }

    /** Signals a short read; the caller knows how much data was expected and says so. */
    static final class TruncatedData extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final long found;

        TruncatedData(long found) {
            super(null, null, false, false);
            this.found = found;
        }
    }

    private static void closeQuietly(InputStream in, RuntimeException failure) {
        try {
            in.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static InputStream decompressIfGzipped(InputStream in, String name) {
        Objects.requireNonNull(in, "input stream must not be null");
        Objects.requireNonNull(name, "name must not be null; pass the file's path for messages");
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        try {
            return decompressIfGzipped(buffered, name);
        } catch (RuntimeException e) {
            closeQuietly(buffered, e);
            throw e;
        }
    }

    private static InputStream decompressIfGzipped(BufferedInputStream buffered, String name) {
        try {
            buffered.mark(2);
            int b0 = buffered.read();
            int b1 = buffered.read();
            buffered.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                return new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16);
            }
            return buffered;
        } catch (EOFException e) {
            throw new DataFormatException(name + ": truncated gzip header; the file was cut short, fetch it again", e);
        } catch (ZipException e) {
            throw new DataFormatException(name + ": corrupt gzip header (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + name + ": " + e.getMessage(), e);
        }
    }

    /** Reads magic and dimensions; returns the dimension sizes, each at least 1. */
    private static int[] readHeader(InputStream in, String name, int wantedDims, String what) {
        byte[] magic = new byte[4];
        try {
            readData(in, name, magic, 0, 0, 4);
        } catch (TruncatedData e) {
            throw new DataFormatException(name + ": " + (e.found == 0 ? "empty file (0 bytes)"
                    : "truncated header: " + e.found + " bytes, expected at least 4") + "; not an IDX file");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new DataFormatException(name + ": not an IDX file: first bytes are " + hex(magic)
                    + ", expected 0x0000 08 0N (two zero bytes, data type 08 = unsigned byte, N dimensions)");
        }
        int type = magic[2] & 0xff;
        int dims = magic[3] & 0xff;
        if (type != UNSIGNED_BYTE) {
            throw new DataFormatException(name + ": IDX data type 0x" + String.format(Locale.ROOT, "%02X", type)
                    + " (" + typeName(type) + ") is not supported; only 0x08 (unsigned byte) images and labels can be read");
        }
        if (dims != wantedDims) {
            throw new DataFormatException(name + ": IDX file has " + dims + " dimension(s), expected "
                    + wantedDims + " for " + what + " (magic " + hex(magic) + "); is this the other file of the pair?");
        }
        byte[] sizes = new byte[4 * dims];
        try {
            readData(in, name, sizes, 0, 0, sizes.length);
        } catch (TruncatedData e) {
            throw new DataFormatException(name + ": truncated header: " + dims + " dimension sizes need "
                    + sizes.length + " bytes after the magic, found " + e.found);
        }
        int[] result = new int[dims];
        for (int d = 0; d < dims; d++) {
            int size = ((sizes[4 * d] & 0xff) << 24) | ((sizes[4 * d + 1] & 0xff) << 16)
                    | ((sizes[4 * d + 2] & 0xff) << 8) | (sizes[4 * d + 3] & 0xff);
            if (size <= 0) {
                throw new DataFormatException(name + ": dimension " + (d + 1) + " of " + dims + " is " + size
                        + "; every dimension must be at least 1 (the header is corrupt)");
            }
            result[d] = size;
        }
        return result;
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0x09 -> "signed byte";
            case 0x0B -> "16-bit integer";
            case 0x0C -> "32-bit integer";
            case 0x0D -> "32-bit float";
            case 0x0E -> "64-bit float";
            default -> "not an IDX type";
        };
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder("0x");
        for (byte b : bytes) sb.append(String.format(Locale.ROOT, "%02X", b & 0xff));
        return sb.toString();
    }
}
