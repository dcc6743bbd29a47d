package io.sparkgan.dataset;

import io.sparkgan.images.ImageShape;
import java.io.Serializable;
import java.util.List;

/**
 * {@code manifest.json} of a prepared data set: what it holds, where it came from, and the
 * shard files of its current generation. Readers go through the manifest only, and it is
 * replaced atomically, so a re-run of {@code prepare} switches every reader from the old
 * generation to the new one at once.
 *
 * @param format always {@link #FORMAT}
 * @param version layout version ({@link #VERSION})
 * @param generation id of this preparation; its shards live in {@code shards-<generation>/}
 * @param sources input URIs as given to prepare
 * @param shape image shape of every example
 * @param count number of images
 * @param labelled whether shards carry one label byte per image
 * @param classes class names by label (IDX: "0".."9"; folders: directory names), empty if unlabelled
 * @param classCounts images per label, empty if unlabelled
 * @param channelMean per-channel mean pixel value in [0, 1]
 * @param channelStd per-channel population standard deviation in [0, 1]
 * @param checksum SHA-256 over the shape and every shard's SHA-256, in order: the data set's identity
 * @param rejected number of input files rejected (listed with reasons in {@code rejectsFile})
 * @param rejectsFile CSV of rejected files (path, reason), relative to the data set directory
 * @param shards shard files in example order
 * @param created ISO-8601 time of preparation
 * @param sparkgan sparkgan version that prepared it
 * @param background colour transparent pixels were composited over ("black", "white" or "#rrggbb");
 *                   null in manifests written before the option existed, which used black
 */
public record DatasetManifest(String format, int version, String generation, List<String> sources, ImageShape shape,
                              long count, boolean labelled, List<String> classes, List<Long> classCounts,
                              double[] channelMean, double[] channelStd, String checksum, long rejected,
                              String rejectsFile, List<Shard> shards, String created, String sparkgan,
                              String background)
        implements Serializable {

    public static final String FORMAT = "sparkgan-image-shards";
    public static final int VERSION = 1;
    public static final String FILE_NAME = "manifest.json";

    /** One shard: its path relative to the data set directory, image count, size and SHA-256. */
    public record Shard(String file, int count, long bytes, String sha256) implements Serializable {
    }

    /** The data set's identity from its shards: SHA-256 over the shape and the shard checksums. */
    public static String checksumOf(ImageShape shape, List<Shard> shards) {
        java.security.MessageDigest sha = ShardWriter.sha256();
        sha.update(shape.describe().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (Shard s : shards) sha.update(s.sha256().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(sha.digest());
    }

    /** One line for logs: "fashion-mnist-train: 60000 images 28x28x1, 10 classes". */
    public String describe() {
        return count + " images " + shape.describe() + (labelled ? ", " + classes.size() + " classes" : "");
    }
}
