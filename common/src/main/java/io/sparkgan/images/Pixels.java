package io.sparkgan.images;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Decoded pixels as uint8 in HWC order with 1 (gray) or 3 (RGB) channels, and the
 * conversions between them. Reads raster samples directly instead of
 * {@link BufferedImage#getRGB}, which treats 8- and 16-bit gray as linear light and brightens
 * it on the way to sRGB.
 */
final class Pixels {
    final int height;
    final int width;
    final int channels;
    final byte[] data;

    Pixels(int height, int width, int channels, byte[] data) {
        if ((long) height * width * channels != data.length) {
            throw new IllegalArgumentException("pixel buffer has " + data.length + " bytes, expected "
                    + height + "x" + width + "x" + channels);
        }
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.data = data;
    }

    /**
     * Converts a decoded image: gray (any bit depth, optional alpha) stays 1 channel, palette and
     * RGB become 3 channels, samples deeper than 8 bits are scaled to 0..255 with rounding, and
     * transparent pixels are composited over black (value * alpha). Other colour spaces (for
     * example an RGB JPEG with an embedded ICC profile) go through Java2D's colour management to
     * sRGB first.
     */
    static Pixels of(BufferedImage image) {
        return of(image, Background.BLACK);
    }

    /**
     * As {@link #of(BufferedImage)}, compositing transparent pixels over {@code background}:
     * {@code round(v * a + bg * (1 - a))} per channel. A gray image with alpha stays gray over a
     * gray background (its luma) and becomes RGB over a coloured one.
     */
    static Pixels of(BufferedImage image, Background background) {
        ColorModel cm = image.getColorModel();
        if (cm instanceof IndexColorModel icm) {
            return fromPalette(image.getRaster(), icm, background);
        }
        ColorSpace cs = cm.getColorSpace();
        int colours = cm.getNumColorComponents();
        if (cs.getType() == ColorSpace.TYPE_GRAY && colours == 1) {
            return fromComponents(image.getRaster(), cm, 1, background);
        }
        if (cs.isCS_sRGB() && colours == 3) {
            return fromComponents(image.getRaster(), cm, 3, background);
        }
        return fromOtherColourSpace(image, background);
    }

    /** Gray or sRGB samples, colour bands first then an optional alpha band (Java2D's order). */
    private static Pixels fromComponents(Raster raster, ColorModel cm, int colours, Background background) {
        int h = raster.getHeight();
        int w = raster.getWidth();
        int bands = raster.getNumBands();
        boolean alpha = cm.hasAlpha() && !cm.isAlphaPremultiplied() && bands > colours;
        double[] scale = new double[colours];
        for (int c = 0; c < colours; c++) {
            scale[c] = 255.0 / ((1L << cm.getComponentSize(c)) - 1);
        }
        double alphaScale = alpha ? 1.0 / ((1L << cm.getComponentSize(colours)) - 1) : 1.0;
        // Gray with alpha over a coloured background can only be represented in RGB.
        int outColours = alpha && colours == 1 && !background.isGray() ? 3 : colours;
        double[] back = outColours == 1 ? new double[] {background.luma()}
                : new double[] {background.red(), background.green(), background.blue()};
        byte[] out = new byte[h * w * outColours];
        int[] row = new int[w * bands];
        int o = 0;
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            for (int x = 0, i = 0; x < w; x++, i += bands) {
                double a = alpha ? row[i + colours] * alphaScale : 1.0;
                for (int c = 0; c < outColours; c++) {
                    int s = colours == 1 ? 0 : c;
                    out[o++] = (byte) Math.round(row[i + s] * scale[s] * a + back[c] * (1 - a));
                }
            }
        }
        return new Pixels(h, w, outColours, out);
    }

    /** One channel value {@code v} with alpha {@code a} (both in 0..255) over a background value. */
    private static byte over(int v, double a, int back) {
        return (byte) Math.round(v * a + back * (1 - a));
    }

    /** Palette (PLTE, with tRNS alpha) expanded to RGB over the background. */
    private static Pixels fromPalette(Raster raster, IndexColorModel icm, Background background) {
        int h = raster.getHeight();
        int w = raster.getWidth();
        int[] palette = new int[icm.getMapSize()];
        icm.getRGBs(palette);
        byte[] rgb = new byte[palette.length * 3];
        for (int p = 0; p < palette.length; p++) {
            int argb = palette[p];
            double a = (argb >>> 24) / 255.0;
            rgb[3 * p] = over((argb >> 16) & 0xff, a, background.red());
            rgb[3 * p + 1] = over((argb >> 8) & 0xff, a, background.green());
            rgb[3 * p + 2] = over(argb & 0xff, a, background.blue());
        }
        byte[] out = new byte[h * w * 3];
        int[] row = new int[w];
        int o = 0;
        for (int y = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                int p = Math.min(row[x], palette.length - 1) * 3;
                out[o++] = rgb[p];
                out[o++] = rgb[p + 1];
                out[o++] = rgb[p + 2];
            }
        }
        return new Pixels(h, w, 3, out);
    }

    /** Any other colour model: Java2D's getRGB converts to non-premultiplied sRGB ARGB. */
    private static Pixels fromOtherColourSpace(BufferedImage image, Background background) {
        int h = image.getHeight();
        int w = image.getWidth();
        byte[] out = new byte[h * w * 3];
        int[] row = new int[w];
        int o = 0;
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                double a = (argb >>> 24) / 255.0;
                out[o++] = over((argb >> 16) & 0xff, a, background.red());
                out[o++] = over((argb >> 8) & 0xff, a, background.green());
                out[o++] = over(argb & 0xff, a, background.blue());
            }
        }
        return new Pixels(h, w, 3, out);
    }

    /** RGB to gray with the ITU-R BT.601 luma weights 0.299, 0.587, 0.114 (rounded). */
    Pixels toGray() {
        if (channels == 1) return this;
        byte[] out = new byte[height * width];
        for (int i = 0, j = 0; i < out.length; i++, j += 3) {
            int r = data[j] & 0xff;
            int g = data[j + 1] & 0xff;
            int b = data[j + 2] & 0xff;
            out[i] = (byte) ((299 * r + 587 * g + 114 * b + 500) / 1000);
        }
        return new Pixels(height, width, 1, out);
    }

    /** Gray to RGB by copying the value into all three channels. */
    Pixels toRgb() {
        if (channels == 3) return this;
        byte[] out = new byte[height * width * 3];
        for (int i = 0, j = 0; i < data.length; i++, j += 3) {
            out[j] = data[i];
            out[j + 1] = data[i];
            out[j + 2] = data[i];
        }
        return new Pixels(height, width, 3, out);
    }

    /**
     * Scales and centre-crops to {@code target}, converting channels: to gray before resizing
     * (less work), to RGB after.
     */
    byte[] fit(ImageShape target) {
        Pixels p = target.channels() == 1 ? toGray() : this;
        p = Resizer.coverAndCrop(p, target.height(), target.width());
        if (target.channels() == 3) p = p.toRgb();
        return p.data;
    }
}
