package io.sparkgan.evaluator;

import io.sparkgan.dataset.DatasetManifest;
import io.sparkgan.dataset.Preparation;
import io.sparkgan.dataset.PrepareOptions;
import io.sparkgan.dataset.ShardTask;
import io.sparkgan.images.ImageShape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;

/**
 * A small labelled image set made in the test, so evaluator tests never depend on downloads:
 * 28x28 grayscale images of 10 classes, class k a bright 7x7 square at one of 10 places,
 * jittered by up to 2 pixels, on noise. Written as an IDX pair and prepared like MNIST.
 */
public final class SyntheticDigits {
    public static final ImageShape SHAPE = new ImageShape(28, 28, 1);

    private SyntheticDigits() {}

    /** Prepares {@code n} images drawn with {@code seed} into {@code dir}/prepared; returns its URI. */
    public static String prepare(Path dir, int n, long seed) throws IOException {
        return prepare(dir, n, seed, SHAPE);
    }

    /**
     * Prepares {@code n} images drawn with {@code seed} into {@code dir}/prepared as images of
     * {@code shape} (resized and given its channels as {@code sparkgan prepare --size --channels}
     * would); returns its URI.
     */
    public static String prepare(Path dir, int n, long seed, ImageShape shape) throws IOException {
        Files.createDirectories(dir);
        byte[] images = new byte[16 + n * 784];
        ByteBuffer.wrap(images).putInt(0x00000803).putInt(n).putInt(28).putInt(28);
        byte[] labels = new byte[8 + n];
        ByteBuffer.wrap(labels).putInt(0x00000801).putInt(n);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            int k = rng.nextInt(10);
            labels[8 + i] = (byte) k;
            int top = 3 + (k / 5) * 13 + rng.nextInt(-2, 3);
            int left = 1 + (k % 5) * 5 + rng.nextInt(-1, 2);
            for (int p = 0; p < 784; p++) images[16 + i * 784 + p] = (byte) rng.nextInt(40);
            for (int y = Math.max(0, top); y < Math.min(28, top + 7); y++) {
                for (int x = Math.max(0, left); x < Math.min(28, left + 7); x++) {
                    images[16 + i * 784 + y * 28 + x] = (byte) (200 + rng.nextInt(56));
                }
            }
        }
        Path imageFile = dir.resolve("images-idx3-ubyte");
        Path labelFile = dir.resolve("labels-idx1-ubyte");
        Files.write(imageFile, images);
        Files.write(labelFile, labels);
        String out = dir.resolve("prepared").toString();
        Configuration conf = new Configuration();
        PrepareOptions options = new PrepareOptions(shape, PrepareOptions.LabelSource.NONE, 1000, 40_000_000L, 1L << 26);
        DatasetManifest m = Preparation.run(List.of(imageFile.toString(), labelFile.toString()), out, options, conf,
                (jobs, description) -> jobs.stream()
                .map(job -> ShardTask.run(job.item(), job.shardUri(), options, conf)).toList()).manifest();
        if (!m.labelled() || m.count() != n) throw new IllegalStateException("synthetic set not prepared: " + m.describe());
        return out;
    }
}
