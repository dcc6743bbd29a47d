package io.sparkgan.dataset;

import io.sparkgan.images.Background;
import io.sparkgan.images.ImageShape;
import java.io.Serializable;

/**
 * How {@code sparkgan prepare} turns input files into shards.
 *
 * @param shape target image shape; images are converted to its channels, resized so the shorter
 *              side fits and centre-cropped
 * @param labels where labels come from
 * @param imagesPerShard images per shard file (and per Spark task), so shards stay small enough
 *                       to map and tasks small enough to balance
 * @param maxPixels images with more pixels (width x height, read from the header) are rejected
 *                  before their pixels are decoded
 * @param maxFileBytes files larger than this are rejected before they are read
 * @param background the colour transparent pixels are composited over ({@link Background#BLACK} by default)
 */
public record PrepareOptions(ImageShape shape, LabelSource labels, int imagesPerShard, long maxPixels,
                             long maxFileBytes, Background background) implements Serializable {

    /** Options with the default background, black. */
    public PrepareOptions(ImageShape shape, LabelSource labels, int imagesPerShard, long maxPixels, long maxFileBytes) {
        this(shape, labels, imagesPerShard, maxPixels, maxFileBytes, Background.BLACK);
    }

    /** Where labels come from. */
    public enum LabelSource {
        /** No labels (IDX label files are still used when present). */
        NONE,
        /** The name of the first directory below the input root is the class. */
        FOLDER
    }

    public PrepareOptions {
        if (imagesPerShard <= 0) throw new IllegalArgumentException("images per shard must be positive, got " + imagesPerShard);
        if ((long) imagesPerShard * shape.pixels() > Integer.MAX_VALUE - 1024) {
            throw new IllegalArgumentException(imagesPerShard + " images of " + shape.describe()
                    + " exceed the 2 GiB a shard may hold; lower --images-per-shard");
        }
        if (maxPixels <= 0 || maxFileBytes <= 0) throw new IllegalArgumentException("limits must be positive");
        if (background == null) throw new IllegalArgumentException("background must not be null; use Background.BLACK");
    }
}
