package io.sparkgan.dataset;

import io.sparkgan.data.ExampleBlock;
import io.sparkgan.images.ImageShape;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * A partition of a prepared data set: a run of consecutive images spread over one or more
 * shards, read through memory maps. The pixels stay in the page cache, outside the Java heap,
 * so a partition larger than the executor's heap trains; only the rows of a minibatch become
 * floats. Maps open on first use (after deserialisation on an executor too).
 */
public final class MappedImageBlock implements ExampleBlock, Serializable {
    private static final long serialVersionUID = 1L;

    /** Images {@code [from, to)} of one shard. */
    public record Segment(String uri, String sha256, long bytes, int shardCount, int from, int to)
            implements Serializable {
    }

    private final List<Segment> segments;
    private final ImageShape shape;
    private final boolean labelled;
    private final HadoopConf conf;
    /** starts[s] = row index of segment s's first image; starts[segments] = rows. */
    private final int[] starts;
    private transient MappedByteBuffer[] maps;

    public MappedImageBlock(List<Segment> segments, ImageShape shape, boolean labelled, HadoopConf conf) {
        this.segments = List.copyOf(segments);
        this.shape = shape;
        this.labelled = labelled;
        this.conf = conf;
        this.starts = new int[segments.size() + 1];
        for (int s = 0; s < segments.size(); s++) {
            starts[s + 1] = starts[s] + segments.get(s).to() - segments.get(s).from();
        }
    }

    @Override
    public int rows() {
        return starts[segments.size()];
    }

    @Override
    public int dim() {
        return shape.pixels();
    }

    /** Copies image {@code i} scaled from [0, 255] to [-1, 1] (the range of a tanh generator). */
    @Override
    public void copyRow(int i, float[] dst, int offset) {
        int d = shape.pixels();
        byte[] pixels = new byte[d];
        copyPixels(i, pixels);
        for (int j = 0; j < d; j++) dst[offset + j] = (pixels[j] & 0xFF) / 127.5f - 1f;
    }

    /** Copies the raw uint8 pixels of image {@code i}. */
    public void copyPixels(int i, byte[] dst) {
        int s = segmentOf(i);
        Segment seg = segments.get(s);
        int inShard = seg.from() + (i - starts[s]);
        maps()[s].get((int) ShardFormat.imageOffset(inShard, shape), dst, 0, shape.pixels());
    }

    /** Whether images carry labels. */
    @Override
    public boolean labelled() {
        return labelled;
    }

    /** The label of image {@code i}. */
    @Override
    public int label(int i) {
        if (!labelled) throw new IllegalStateException("this data set has no labels");
        int s = segmentOf(i);
        Segment seg = segments.get(s);
        int inShard = seg.from() + (i - starts[s]);
        return maps()[s].get((int) ShardFormat.labelOffset(inShard, seg.shardCount(), shape)) & 0xFF;
    }

    /** "image 17 (counting from 0) of shard URI". */
    @Override
    public String rowName(int i) {
        int s = segmentOf(i);
        Segment seg = segments.get(s);
        return "image " + (seg.from() + (i - starts[s])) + " (counting from 0) of shard " + seg.uri();
    }

    private int segmentOf(int i) {
        if (i < 0 || i >= rows()) throw new IndexOutOfBoundsException("image " + i + " of " + rows());
        int s = Arrays.binarySearch(starts, i);
        // An exact hit on a start may be an empty segment's start as well; take the last segment starting there.
        if (s >= 0) {
            while (s + 1 < segments.size() && starts[s + 1] == i) s++;
            return s;
        }
        return -s - 2;
    }

    private MappedByteBuffer[] maps() {
        MappedByteBuffer[] m = maps;
        if (m == null) {
            synchronized (this) {
                if (maps == null) maps = open();
                m = maps;
            }
        }
        return m;
    }

    private MappedByteBuffer[] open() {
        MappedByteBuffer[] m = new MappedByteBuffer[segments.size()];
        for (int s = 0; s < m.length; s++) {
            Segment seg = segments.get(s);
            Path local = LocalShardCache.localFile(seg.uri(), seg.sha256(), seg.bytes(), conf.get());
            try (FileChannel ch = FileChannel.open(local, StandardOpenOption.READ)) {
                if (ch.size() != seg.bytes()) {
                    throw new UncheckedIOException(new IOException(local + " has " + ch.size() + " bytes, the manifest says "
                            + seg.bytes() + " for " + seg.uri()));
                }
                MappedByteBuffer buffer = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
                ShardFormat.check(seg.uri(), buffer.duplicate(), seg.shardCount(), shape, labelled);
                m[s] = buffer;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot map shard " + seg.uri() + ": " + e.getMessage(), e);
            }
        }
        return m;
    }
}
