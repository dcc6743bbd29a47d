package io.sparkgan.dataset;

import io.sparkgan.images.IdxImages;
import io.sparkgan.images.IdxReader;
import io.sparkgan.images.ImageDecoder;
import io.sparkgan.images.ImageFileReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Turns one {@link InputItem} into one shard: decodes every image, converts it to the target
 * shape, writes the shard, and reports each file it could not use with the reason. A bad file
 * never fails the task; an unreadable filesystem does (and Spark retries the task, which
 * rewrites the same shard).
 */
public final class ShardTask {
    private ShardTask() {}

    /**
     * What one task produced.
     *
     * @param shard the shard written, or null if no image of the item was usable
     * @param rejections files left out, with reasons
     * @param labelCounts images per label in the shard (empty when unlabelled)
     */
    public record Result(ShardInfo shard, List<Rejection> rejections, long[] labelCounts) implements Serializable {
    }

    /** Prepares {@code item} into the shard file {@code shardUri}. */
    public static Result run(InputItem item, String shardUri, PrepareOptions options, Configuration conf) {
        boolean labelled = item.labelled();
        ShardWriter writer = new ShardWriter(options.shape(), labelled);
        long[] labelCounts = new long[labelled ? 256 : 0];
        List<Rejection> rejections = new ArrayList<>();
        try {
            if (item instanceof InputItem.ImageFiles files) {
                addImageFiles(files, options, conf, writer, labelCounts, rejections);
            } else {
                InputItem.IdxRange range = (InputItem.IdxRange) item;
                try {
                    addIdxRange(range, options, conf, writer, labelCounts);
                } catch (io.sparkgan.util.DataFormatException e) {
                    // A damaged IDX file (e.g. a gzip cut short) rejects this task's whole range, never part of it.
                    rejections.add(new Rejection(range.imagesUri(), "images " + range.from() + ".." + (range.to() - 1)
                            + " rejected: " + e.getMessage()));
                    return new Result(null, rejections, new long[labelCounts.length]);
                }
            }
            if (writer.count() == 0) return new Result(null, rejections, labelCounts);
            Path path = new Path(shardUri);
            return new Result(writer.write(path.getFileSystem(conf), path), rejections, labelCounts);
        } catch (IOException e) {
            throw new UncheckedIOException("preparing " + describe(item) + ": " + e.getMessage(), e);
        }
    }

    private static void addImageFiles(InputItem.ImageFiles files, PrepareOptions options, Configuration conf,
                                      ShardWriter writer, long[] labelCounts, List<Rejection> rejections)
            throws IOException {
        ImageFileReader reader = new ImageFileReader(new ImageDecoder(options.maxPixels(), options.background()), options.maxFileBytes());
        for (int i = 0; i < files.uris().size(); i++) {
            Path path = new Path(files.uris().get(i));
            ImageFileReader.Outcome outcome = reader.read(readerFileSystem(path, conf), path, files.lengths().get(i),
                    options.shape());
            if (!outcome.isDecoded()) {
                rejections.add(new Rejection(path.toString(), outcome.reason()));
                continue;
            }
            int label = files.labels() == null ? 0 : files.labels().get(i);
            writer.add(outcome.pixels(), label);
            if (files.labels() != null) labelCounts[label]++;
        }
    }

    /**
     * The filesystem to read {@code path} with: for local files the raw filesystem, since the
     * checksummed one looks for a .crc file beside every image (a third of the time per small file).
     */
    private static FileSystem readerFileSystem(Path path, Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        return fs instanceof org.apache.hadoop.fs.LocalFileSystem local ? local.getRawFileSystem() : fs;
    }

    private static void addIdxRange(InputItem.IdxRange range, PrepareOptions options, Configuration conf,
                                    ShardWriter writer, long[] labelCounts) throws IOException {
        byte[] labels = null;
        if (range.labelsUri() != null) {
            Path lp = new Path(range.labelsUri());
            try (InputStream in = lp.getFileSystem(conf).open(lp)) {
                labels = IdxReader.readLabels(in, lp.getName());
            }
        }
        Path ip = new Path(range.imagesUri());
        try (InputStream in = ip.getFileSystem(conf).open(ip); IdxImages images = IdxReader.openImages(in, ip.getName())) {
            byte[] raw = new byte[images.rows() * images.cols()];
            for (int i = 0; i < range.from(); i++) readImage(images, raw);
            for (int i = range.from(); i < range.to(); i++) {
                readImage(images, raw);
                byte[] pixels = ImageDecoder.convertGray(raw, images.rows(), images.cols(), options.shape());
                int label = labels == null ? 0 : labels[i] & 0xFF;
                writer.add(pixels, label);
                if (labels != null) labelCounts[label]++;
            }
        }
    }

    private static void readImage(IdxImages images, byte[] raw) {
        if (!images.readNext(raw)) {
            throw new io.sparkgan.util.DataFormatException(images.name() + ": ends after " + images.imagesRead()
                    + " of " + images.count() + " images");
        }
    }

    static String describe(InputItem item) {
        if (item instanceof InputItem.ImageFiles f) {
            return f.uris().size() + " image files from " + f.uris().get(0);
        }
        InputItem.IdxRange r = (InputItem.IdxRange) item;
        return "images " + r.from() + ".." + r.to() + " of " + r.imagesUri();
    }
}
