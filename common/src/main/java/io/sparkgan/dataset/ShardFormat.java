package io.sparkgan.dataset;

import io.sparkgan.images.ImageShape;
import io.sparkgan.util.DataFormatException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The binary layout of one shard file: a 32-byte header, then {@code count} images of
 * {@code shape.pixels()} uint8 values each (HWC order), then {@code count} label bytes if the
 * shard is labelled. Fixed-size records, so example {@code i} is at a computable offset and a
 * memory-mapped shard is sampled without parsing.
 * <pre>
 *   bytes 0-7   magic "SGSHARD1"
 *   int         count, height, width, channels, labelled (0 or 1), reserved (0)   big-endian
 * </pre>
 */
public final class ShardFormat {
    public static final int HEADER_BYTES = 32;
    private static final byte[] MAGIC = "SGSHARD1".getBytes(StandardCharsets.US_ASCII);

    private ShardFormat() {}

    /** The header of a shard of {@code count} images. */
    public static byte[] header(int count, ImageShape shape, boolean labelled) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES);
        b.put(MAGIC).putInt(count).putInt(shape.height()).putInt(shape.width()).putInt(shape.channels())
                .putInt(labelled ? 1 : 0).putInt(0);
        return b.array();
    }

    /** Total file size of a shard of {@code count} images. */
    public static long fileBytes(int count, ImageShape shape, boolean labelled) {
        return HEADER_BYTES + (long) count * shape.pixels() + (labelled ? count : 0);
    }

    /** Byte offset of image {@code i}. */
    public static long imageOffset(int i, ImageShape shape) {
        return HEADER_BYTES + (long) i * shape.pixels();
    }

    /** Byte offset of label {@code i} in a labelled shard of {@code count} images. */
    public static long labelOffset(int i, int count, ImageShape shape) {
        return HEADER_BYTES + (long) count * shape.pixels() + i;
    }

    /**
     * Checks that {@code header} (the first bytes of {@code file}) describes what the manifest says,
     * so a shard from another preparation is never read as this one.
     */
    public static void check(String file, ByteBuffer header, int count, ImageShape shape, boolean labelled) {
        if (header.remaining() < HEADER_BYTES) {
            throw new DataFormatException(file + ": shorter than a shard header (" + header.remaining() + " bytes)");
        }
        byte[] magic = new byte[MAGIC.length];
        header.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new DataFormatException(file + ": not a sparkgan shard (bad magic)");
        }
        int c = header.getInt();
        ImageShape s = new ImageShape(header.getInt(), header.getInt(), header.getInt());
        boolean l = header.getInt() == 1;
        if (c != count || !s.equals(shape) || l != labelled) {
            throw new DataFormatException(file + ": header says " + c + " images of " + s.describe()
                    + (l ? " with labels" : "") + " but the manifest says " + count + " of " + shape.describe()
                    + (labelled ? " with labels" : "") + "; the shard and manifest come from different preparations,"
                    + " run sparkgan prepare again");
        }
    }
}
