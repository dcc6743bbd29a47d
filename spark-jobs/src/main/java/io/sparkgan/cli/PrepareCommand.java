package io.sparkgan.cli;

import io.sparkgan.dataset.Preparation;
import io.sparkgan.dataset.PrepareOptions;
import io.sparkgan.images.Background;
import io.sparkgan.images.ImageShape;
import io.sparkgan.spark.PrepareJob;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sparkgan prepare}: images or IDX files from any Hadoop filesystem into training shards. */
@Command(name = "prepare", mixinStandardHelpOptions = true,
        description = {"Decode PNG/JPEG images (a folder tree) or IDX files (gzipped or not) from any Hadoop",
            "filesystem URI, convert them to one size and colour mode, and write uint8 shards plus a",
            "manifest.json that training reads (data.source = images, data.path = OUT). Files that",
            "cannot be used are listed with the reason in the rejects file the manifest names.",
            "Re-running over the same OUT replaces the data set atomically."})
final class PrepareCommand implements Callable<Integer> {
    /** Shards aim at this size: small enough to copy and map quickly, large enough to amortise a task. */
    static final long SHARD_TARGET_BYTES = 16L << 20;

    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "URI",
            description = "Input file or directory (repeatable): file://, hdfs://, s3a:// (with hadoop-aws).")
    List<String> inputs;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "URI", description = "Output data set directory.")
    String out;

    @Option(names = "--size", defaultValue = "28", paramLabel = "N|HxW",
            description = "Target size: N for NxN or HxW. Images are resized so the shorter side fits, then"
                    + " centre-cropped. Default: ${DEFAULT-VALUE}.")
    String size;

    @Option(names = "--channels", defaultValue = "1",
            description = "1 (grayscale, BT.601 luma) or 3 (RGB). Default: ${DEFAULT-VALUE}.")
    int channels;

    @Option(names = "--labels", defaultValue = "none",
            description = "none, or folder: the first directory below the input is the class. IDX label files"
                    + " are used when present. Default: ${DEFAULT-VALUE}.")
    String labels;

    @Option(names = "--background", defaultValue = "black", paramLabel = "white|black|#RRGGBB",
            description = "Colour that transparent pixels (PNG alpha) are composited over when images become 1 or 3"
                    + " channels: round(v * a + bg * (1 - a)); recorded in the manifest. Default: ${DEFAULT-VALUE}.")
    String background;

    @Option(names = "--images-per-shard", paramLabel = "N",
            description = "Images per shard and per Spark task. Default: what fits in 16 MiB.")
    Integer imagesPerShard;

    @Option(names = "--max-pixels", defaultValue = "40000000",
            description = "Reject images with more pixels than this (read from the header, before decoding)."
                    + " Default: ${DEFAULT-VALUE}.")
    long maxPixels;

    @Option(names = "--max-file-bytes", defaultValue = "268435456",
            description = "Reject files larger than this many bytes before reading them. Default: ${DEFAULT-VALUE}.")
    long maxFileBytes;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() {
        PrepareOptions options = options();
        Preparation.Report report;
        try (JavaSparkContext sc = spark.create("sparkgan prepare " + out)) {
            report = PrepareJob.run(sc, inputs, out, options);
        }
        var m = report.manifest();
        System.out.printf("Prepared %s into %d shards at %s in %.1f s (%.0f images/s).%n", m.describe(),
                m.shards().size(), report.outUri(), report.seconds(), report.imagesPerSecond());
        if (m.rejected() > 0) {
            System.out.printf("%d input files rejected; file names and reasons in %s/%s%n", m.rejected(), report.outUri(),
                    m.rejectsFile());
        }
        return 0;
    }

    /** Checks every option before Spark starts. */
    PrepareOptions options() {
        ImageShape shape;
        try {
            String[] hw = size.toLowerCase().split("x");
            if (hw.length > 2) throw new NumberFormatException();
            int h = Integer.parseInt(hw[0].trim());
            int w = hw.length == 2 ? Integer.parseInt(hw[1].trim()) : h;
            shape = new ImageShape(h, w, channels);
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--size must be N or HxW (e.g. 28 or 64x48), got '" + size + "'");
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--size " + size + " --channels " + channels + ": "
                    + e.getMessage());
        }
        PrepareOptions.LabelSource labelSource;
        try {
            labelSource = PrepareOptions.LabelSource.valueOf(labels.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--labels must be none or folder, got '" + labels + "'");
        }
        Background bg;
        try {
            bg = Background.parse(background);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--background: " + e.getMessage());
        }
        int perShard = imagesPerShard != null ? imagesPerShard : (int) Math.max(1, SHARD_TARGET_BYTES / shape.pixels());
        try {
            return new PrepareOptions(shape, labelSource, perShard, maxPixels, maxFileBytes, bg);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
