package io.sparkgan.images;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Scale-to-cover then centre-crop, on Java2D. The crop is taken from the source first (so no
 * work is spent on pixels that are cut away), then resized: downscaling halves the image
 * repeatedly with bilinear filtering (each halving averages 2x2 blocks, so every source pixel
 * counts, unlike a single bilinear step that skips pixels) before one last bilinear step to the
 * exact size; upscaling is one bilinear step. Java2D's byte-gray loops keep gray values exact
 * (a uniform image stays uniform, edges included); RGB is held as TYPE_3BYTE_BGR because
 * Java2D has fast loops for it and none for an RGB-ordered custom raster.
 */
final class Resizer {
    private Resizer() {
    }

    /**
     * Scales {@code src} so that it covers {@code targetH x targetW} with its aspect ratio kept
     * (the side that is shorter relative to the target then matches it), and cuts away the
     * equal margins of the other side. Returns {@code src} itself when the size already matches.
     */
    static Pixels coverAndCrop(Pixels src, int targetH, int targetW) {
        if (src.height == targetH && src.width == targetW) return src;
        double scale = Math.max((double) targetH / src.height, (double) targetW / src.width);
        int cropH = (int) Math.max(1, Math.min(src.height, Math.round(targetH / scale)));
        int cropW = (int) Math.max(1, Math.min(src.width, Math.round(targetW / scale)));
        Pixels cropped = crop(src, (src.height - cropH) / 2, (src.width - cropW) / 2, cropH, cropW);
        if (cropH == targetH && cropW == targetW) return cropped;

        BufferedImage image = toImage(cropped);
        while (image.getHeight() / 2 >= targetH && image.getWidth() / 2 >= targetW) {
            image = scale(image, image.getHeight() / 2, image.getWidth() / 2);
        }
        if (image.getHeight() != targetH || image.getWidth() != targetW) {
            image = scale(image, targetH, targetW);
        }
        return fromImage(image, src.channels);
    }

    private static Pixels crop(Pixels src, int top, int left, int h, int w) {
        if (top == 0 && left == 0 && h == src.height && w == src.width) return src;
        int c = src.channels;
        byte[] out = new byte[h * w * c];
        for (int y = 0; y < h; y++) {
            System.arraycopy(src.data, ((top + y) * src.width + left) * c, out, y * w * c, w * c);
        }
        return new Pixels(h, w, c, out);
    }

    private static BufferedImage scale(BufferedImage image, int h, int w) {
        BufferedImage out = new BufferedImage(w, h, image.getType());
        Graphics2D g = out.createGraphics();
        try {
            g.setComposite(AlphaComposite.Src);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static BufferedImage toImage(Pixels p) {
        BufferedImage image = new BufferedImage(p.width, p.height,
                p.channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        if (p.channels == 1) {
            System.arraycopy(p.data, 0, dst, 0, dst.length);
        } else {
            for (int i = 0; i < dst.length; i += 3) {
                dst[i] = p.data[i + 2];
                dst[i + 1] = p.data[i + 1];
                dst[i + 2] = p.data[i];
            }
        }
        return image;
    }

    private static Pixels fromImage(BufferedImage image, int channels) {
        byte[] src = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        byte[] out = new byte[src.length];
        if (channels == 1) {
            System.arraycopy(src, 0, out, 0, src.length);
        } else {
            for (int i = 0; i < src.length; i += 3) {
                out[i] = src[i + 2];
                out[i + 1] = src[i + 1];
                out[i + 2] = src[i];
            }
        }
        return new Pixels(image.getHeight(), image.getWidth(), channels, out);
    }
}
