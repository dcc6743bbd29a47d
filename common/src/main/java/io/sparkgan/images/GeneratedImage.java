package io.sparkgan.images;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * A generated example (values in [-1, 1], HWC, RGB order, as training images are) back as image
 * bytes: uint8 samples, and a PNG file. Values outside [-1, 1] are clipped and NaN becomes 0, as
 * in the sample grids, so a diverging generator gives saturated images rather than an error.
 */
public final class GeneratedImage {
    private GeneratedImage() {}

    /**
     * The uint8 HWC samples of one example: {@code round(clip(v) * 127.5 + 127.5)}, the inverse of
     * training's {@code p / 127.5 - 1}.
     *
     * @param values rows of {@code shape.pixels()} values
     * @param offset where the example starts in {@code values}
     * @param shape the image shape
     */
    public static byte[] samples(float[] values, int offset, ImageShape shape) {
        Objects.requireNonNull(shape, "shape must not be null");
        byte[] out = new byte[shape.pixels()];
        for (int j = 0; j < out.length; j++) {
            float v = values[offset + j];
            out[j] = (byte) (Float.isNaN(v) ? 0 : Math.round(Math.max(-1f, Math.min(1f, v)) * 127.5f + 127.5f));
        }
        return out;
    }

    /**
     * A PNG file of uint8 HWC samples: 8-bit gray for 1 channel, 8-bit RGB for 3.
     *
     * @param samples {@code shape.pixels()} bytes, RGB order
     * @param shape the image shape
     */
    public static byte[] png(byte[] samples, ImageShape shape) {
        if (samples.length != shape.pixels()) {
            throw new IllegalArgumentException(samples.length + " bytes are not an image of " + shape.describe());
        }
        boolean gray = shape.channels() == 1;
        BufferedImage image = new BufferedImage(shape.width(), shape.height(),
                gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        if (gray) {
            System.arraycopy(samples, 0, dst, 0, samples.length);
        } else {
            for (int i = 0; i < dst.length; i += 3) {
                dst[i] = samples[i + 2];
                dst[i + 1] = samples[i + 1];
                dst[i + 2] = samples[i];
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a generated image as PNG: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
