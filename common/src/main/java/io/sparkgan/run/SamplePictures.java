package io.sparkgan.run;

import io.sparkgan.config.DataSettings;
import io.sparkgan.data.ExampleBlock;
import io.sparkgan.data.VectorBlock;
import io.sparkgan.dataset.DataSources;
import io.sparkgan.images.ImageShape;
import io.sparkgan.metrics.MixtureModes;
import io.sparkgan.plot.ImageGrid;
import io.sparkgan.plot.ScatterPlot;
import java.io.ByteArrayOutputStream;

/** The pictures of generated samples a run writes: scatter plots of 2-D samples, grids of images. */
public final class SamplePictures {
    private SamplePictures() {}

    /** A {@code side x side} scatter plot of 2-D samples over the true modes of {@code source} (if it has any). */
    public static byte[] scatter(VectorBlock samples, DataSettings.Source source, String title, int side) {
        MixtureModes modes = DataSources.modesOf(source);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ScatterPlot.write(samples, modes == null ? null : modes.centres(), title, png, side, side);
        return png.toByteArray();
    }

    /** The first {@code count} images in a nearly square grid (8 a row for 64, 10 for 100). */
    public static byte[] squareGrid(ExampleBlock images, ImageShape shape, int count) {
        int n = Math.min(count, images.rows());
        return ImageGrid.png(images, shape, n, (int) Math.ceil(Math.sqrt(n)));
    }

    /**
     * Labelled images as a grid with one row per class: row k holds the first {@code perClass}
     * images labelled k, in order (fewer if there are fewer; a class without images leaves its row empty).
     *
     * @param images labelled images (HWC rows of {@code shape})
     * @param shape their shape
     * @param classes number of classes K: the grid's rows
     * @param perClass images a row
     */
    public static byte[] classRows(ExampleBlock images, ImageShape shape, int classes, int perClass) {
        if (!images.labelled()) throw new IllegalArgumentException("a grid of one row per class needs labelled images");
        if (classes <= 0 || perClass <= 0) {
            throw new IllegalArgumentException("need classes and images per class, got " + classes + " and " + perClass);
        }
        int d = images.dim();
        float[] grid = new float[classes * perClass * d];
        java.util.Arrays.fill(grid, -1f); // an empty tile is black
        int[] filled = new int[classes];
        float[] row = new float[d];
        for (int i = 0; i < images.rows(); i++) {
            int k = images.label(i);
            if (k < 0 || k >= classes || filled[k] == perClass) continue;
            images.copyRow(i, row, 0);
            System.arraycopy(row, 0, grid, (k * perClass + filled[k]++) * d, d);
        }
        return ImageGrid.png(new VectorBlock(grid, classes * perClass, d), shape, classes * perClass, perClass);
    }
}
