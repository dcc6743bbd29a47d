package io.sparkgan.plot;

import io.sparkgan.data.ExampleBlock;
import io.sparkgan.images.ImageShape;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Generated (or real) images side by side in one PNG: rows of {@code columns} tiles separated by
 * a 2-pixel gap. Values in [-1, 1] (a tanh generator's range) map to 0..255; values outside are
 * clipped, so a diverging generator shows as saturated tiles rather than an error.
 */
public final class ImageGrid {
    private static final int GAP = 2;

    private ImageGrid() {}

    /** The first {@code count} examples of {@code images} (HWC rows of {@code shape}) as a PNG. */
    public static byte[] png(ExampleBlock images, ImageShape shape, int count, int columns) {
        if (images.dim() != shape.pixels()) {
            throw new IllegalArgumentException("examples have " + images.dim() + " values, not an image of "
                    + shape.describe());
        }
        int n = Math.min(count, images.rows());
        if (n <= 0 || columns <= 0) throw new IllegalArgumentException("need at least one image and one column");
        int cols = Math.min(columns, n);
        int rows = (n + cols - 1) / cols;
        int h = shape.height();
        int w = shape.width();
        int type = shape.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR;
        BufferedImage grid = new BufferedImage(cols * (w + GAP) + GAP, rows * (h + GAP) + GAP, type);
        Graphics2D g = grid.createGraphics();
        g.setColor(new Color(96, 96, 96));
        g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
        g.dispose();
        WritableRaster raster = grid.getRaster();
        float[] row = new float[shape.pixels()];
        int[] pixel = new int[shape.channels()];
        for (int i = 0; i < n; i++) {
            images.copyRow(i, row, 0);
            int x0 = GAP + (i % cols) * (w + GAP);
            int y0 = GAP + (i / cols) * (h + GAP);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int c = 0; c < pixel.length; c++) {
                        float v = row[(y * w + x) * pixel.length + c];
                        pixel[c] = Float.isNaN(v) ? 0 : Math.round(Math.max(-1f, Math.min(1f, v)) * 127.5f + 127.5f);
                    }
                    raster.setPixel(x0 + x, y0 + y, pixel);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(grid, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode sample grid: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
