package io.sparkgan.dataset;

import io.sparkgan.images.ImageShape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Collects prepared images (and labels) for one shard in memory, then writes the shard in one
 * go, with its SHA-256 and per-channel pixel sums for the manifest. Shards are bounded in size
 * by the caller, so the buffer is too.
 */
public final class ShardWriter {
    private final ImageShape shape;
    private final boolean labelled;
    private final ByteArrayOutputStream pixels = new ByteArrayOutputStream();
    private final ByteArrayOutputStream labels = new ByteArrayOutputStream();
    private final PixelStatistics statistics;
    private int count;

    public ShardWriter(ImageShape shape, boolean labelled) {
        this.shape = shape;
        this.labelled = labelled;
        this.statistics = new PixelStatistics(shape.channels());
    }

    /** Adds one image ({@code shape.pixels()} bytes, HWC) with its label (ignored if unlabelled). */
    public void add(byte[] image, int label) {
        if (image.length != shape.pixels()) {
            throw new IllegalArgumentException("image has " + image.length + " bytes, expected " + shape.pixels()
                    + " for " + shape.describe());
        }
        if (labelled && (label < 0 || label > 255)) {
            throw new IllegalArgumentException("label must be in 0..255, got " + label);
        }
        pixels.write(image, 0, image.length);
        if (labelled) labels.write(label);
        statistics.add(image);
        count++;
    }

    public int count() {
        return count;
    }

    /** Writes the shard to {@code path} (overwriting) and describes it for the manifest. */
    public ShardInfo write(FileSystem fs, Path path) {
        MessageDigest sha = sha256();
        try (FSDataOutputStream file = fs.create(path, true);
             DigestOutputStream out = new DigestOutputStream(file, sha)) {
            out.write(ShardFormat.header(count, shape, labelled));
            pixels.writeTo(out);
            if (labelled) labels.writeTo(out);
            out.flush();
            file.hsync();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write shard " + path + ": " + e.getMessage(), e);
        }
        return new ShardInfo(path.getName(), count, ShardFormat.fileBytes(count, shape, labelled),
                HexFormat.of().formatHex(sha.digest()), statistics);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
