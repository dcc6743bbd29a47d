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
}
