package io.sparkgan.images;

import java.util.Objects;

/**
 * One decoded image at its own size, before it is brought to a training shape: uint8 HWC with 1
 * (gray) or 3 (RGB) channels, transparency already composited over a {@link Background}. Made by
 * {@link ImageDecoder#decodeAsIs} from file bytes, or by {@link #interleaved} from pixels another
 * decoder produced (Spark's image source); {@link #fit} then converts and resizes exactly as
 * {@code sparkgan prepare} does.
 */
public final class DecodedImage {
    private final Pixels pixels;

    DecodedImage(Pixels pixels) {
        this.pixels = pixels;
    }

    /**
     * An image from interleaved 8-bit samples in RGB order.
     *
     * @param height rows, at least 1
     * @param width columns, at least 1
     * @param channels 1 (gray), 3 (RGB) or 4 (RGB with non-premultiplied alpha, composited over {@code background})
     * @param samples {@code height * width * channels} bytes, row-major
     * @param background the colour under transparent pixels (used with 4 channels only)
     * @throws IllegalArgumentException naming the sizes when they do not fit the samples
     */
    public static DecodedImage interleaved(int height, int width, int channels, byte[] samples, Background background) {
        Objects.requireNonNull(samples, "samples must not be null");
        Objects.requireNonNull(background, "background must not be null; use Background.BLACK");
        if (height < 1 || width < 1 || (channels != 1 && channels != 3 && channels != 4)
                || (long) height * width * channels != samples.length) {
            throw new IllegalArgumentException(samples.length + " bytes are not an image of " + height + "x" + width
                    + "x" + channels + " (height and width at least 1, 1, 3 or 4 channels)");
        }
        if (channels != 4) return new DecodedImage(new Pixels(height, width, channels, samples));
        byte[] rgb = new byte[height * width * 3];
        for (int i = 0, o = 0; i < samples.length; i += 4) {
            double a = (samples[i + 3] & 0xff) * (1.0 / 255); // as Pixels scales an 8-bit alpha
            rgb[o++] = over(samples[i], a, background.red());
            rgb[o++] = over(samples[i + 1], a, background.green());
            rgb[o++] = over(samples[i + 2], a, background.blue());
        }
        return new DecodedImage(new Pixels(height, width, 3, rgb));
    }

    /** As {@link Pixels}: {@code round(v * a + bg * (1 - a))}. */
    private static byte over(byte v, double a, int back) {
        return (byte) Math.round((v & 0xff) * a + back * (1 - a));
    }

    /** The image's own size and channels (1 or 3). */
    public ImageShape shape() {
        return new ImageShape(pixels.height, pixels.width, pixels.channels);
    }

    /**
     * The image brought to {@code target} as {@code sparkgan prepare} brings it: channels converted
     * (BT.601 gray, or gray replicated to RGB), scaled to cover and centre-cropped. An image already
     * of that shape is returned unchanged.
     *
     * @return {@code target.pixels()} bytes, uint8 HWC
     */
    public byte[] fit(ImageShape target) {
        return pixels.fit(Objects.requireNonNull(target, "target shape must not be null"));
    }
}
