package io.sparkgan.images;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns the bytes of one image file into a training image of a fixed {@link ImageShape}:
 * uint8, HWC order (row-major, channels interleaved), exactly {@code target.pixels()} bytes.
 *
 * <p>Decoding is ImageIO with the TwelveMonkeys JPEG reader in front of the JDK's (CMYK, YCCK,
 * Adobe and broken-ICC JPEGs; progressive JPEGs) and the JDK PNG reader (any bit depth,
 * palette, gray+alpha). PNG and JPEG are what the ingest lists; other formats an installed
 * reader knows (BMP, GIF) decode too. Conversion: RGB to gray with ITU-R BT.601 luma, gray to
 * RGB by replication, transparency composited over a {@link Background} (black unless given), 16-bit samples scaled to 8 bits,
 * palettes expanded. A JPEG's EXIF orientation is applied (phone photos stored sideways come out
 * upright; {@link ExifOrientation}). Then the image is scaled so it covers the target (the
 * relatively shorter side matches) and centre-cropped; see {@link Resizer}.
 *
 * <p>Anything that cannot become a training image is a {@link RejectedImageException} with a
 * reason: an empty file, bytes no reader recognises, a header asking for more than
 * {@code maxPixels} pixels (checked before any pixel is decoded, so a small file claiming
 * 100000x100000 costs nothing), and truncated or corrupt data, including truncated JPEGs that
 * the decoder would otherwise return with a grey bottom and only a warning.
 *
 * <p>Thread-safe and serializable (for Spark closures): it holds only its limit and background; every call
 * makes its own reader.
 */
public final class ImageDecoder implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Default pixel limit (width * height): 40 megapixels, a large camera photo. */
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;

    private final long maxPixels;
    private final Background background;

    /** A decoder that refuses images of more than {@link #DEFAULT_MAX_PIXELS} pixels. */
    public ImageDecoder() {
        this(DEFAULT_MAX_PIXELS);
    }

    /**
     * A decoder that refuses images whose width * height exceeds {@code maxPixels} and composites
     * transparent pixels over {@code background}.
     *
     * @param maxPixels the largest width * height accepted (at least 1)
     * @param background the colour under transparent pixels ({@link Background#BLACK} is the default)
     */
    public ImageDecoder(long maxPixels, Background background) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels is " + maxPixels
                    + "; it must be at least 1 (default " + DEFAULT_MAX_PIXELS + ")");
        }
        this.maxPixels = maxPixels;
        this.background = Objects.requireNonNull(background, "background must not be null; use Background.BLACK");
    }

    /**
     * A decoder that refuses images whose width * height exceeds {@code maxPixels}; decoding
     * needs about 4 to 8 bytes of heap per pixel, so size it to the executor memory.
     */
    public ImageDecoder(long maxPixels) {
        this(maxPixels, Background.BLACK);
    }

    /** The largest width * height this decoder accepts. */
    public long maxPixels() {
        return maxPixels;
    }

    /** The colour transparent pixels are composited over. */
    public Background background() {
        return background;
    }

    /**
     * Decodes {@code file} and brings it to {@code target}.
     *
     * @param name the file's name or path, used only in the rejection message
     * @param file the whole file
     * @return {@code target.pixels()} bytes, uint8 HWC
     * @throws RejectedImageException if the file is empty, not an image, too large, truncated or corrupt
     */
    public byte[] decode(String name, byte[] file, ImageShape target) throws RejectedImageException {
        Objects.requireNonNull(name, "name must not be null; pass the file's path for messages");
        Objects.requireNonNull(file, "file must not be null");
        Objects.requireNonNull(target, "target shape must not be null");
        return decodeAsIs(name, file).fit(target);
    }

    /**
     * Decodes {@code file} at its own size: 1 (gray) or 3 (RGB) channels, transparency composited
     * over this decoder's background, a JPEG's EXIF orientation applied. {@link DecodedImage#fit}
     * then brings it to a training shape, as {@link #decode} does in one step.
     *
     * @param name the file's name or path, used only in the rejection message
     * @param file the whole file
     * @throws RejectedImageException if the file is empty, not an image, too large, truncated or corrupt
     */
    public DecodedImage decodeAsIs(String name, byte[] file) throws RejectedImageException {
        Objects.requireNonNull(name, "name must not be null; pass the file's path for messages");
        Objects.requireNonNull(file, "file must not be null");
        if (file.length == 0) {
            throw new RejectedImageException(name, "empty file (0 bytes)");
        }
        BufferedImage image = read(name, file);
        Pixels pixels;
        try {
            pixels = Pixels.of(image, background);
        } catch (RuntimeException e) {
            throw new RejectedImageException(name, "unsupported pixel layout (" + image.getColorModel()
                    + "): " + e, e);
        }
        if (isJpeg(file)) pixels = ExifOrientation.apply(pixels, ExifOrientation.of(file));
        return new DecodedImage(pixels);
    }

    /**
     * Brings a grayscale image (uint8, {@code height x width}, row-major, as in IDX files) to
     * {@code target} with the same conversion and resizing as {@link #decode}. When the size
     * already matches, a gray target is a plain copy and an RGB target a replication.
     */
    public static byte[] convertGray(byte[] src, int height, int width, ImageShape target) {
        Objects.requireNonNull(src, "src must not be null");
        Objects.requireNonNull(target, "target shape must not be null");
        if (height < 1 || width < 1 || (long) height * width != src.length) {
            throw new IllegalArgumentException("gray image of " + src.length + " bytes does not match "
                    + height + "x" + width + "; pass the rows and columns of the source image");
        }
        if (height == target.height() && width == target.width() && target.channels() == 1) {
            return src.clone();
        }
        return new Pixels(height, width, 1, src).fit(target);
    }

    private BufferedImage read(String name, byte[] file) throws RejectedImageException {
        ImageIoPlugins.ensureRegistered();
        try (ImageInputStream in = new ByteArrayImageInputStream(file)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new RejectedImageException(name, "not a PNG or JPEG image (first bytes: "
                        + firstBytes(file) + "; " + file.length + " bytes in all)");
            }
            ImageReader reader = readers.next();
            String format = formatName(reader);
            try {
                reader.setInput(in, true, true);
                return readChecked(name, reader, format);
            } catch (IOException e) {
                throw new RejectedImageException(name, damaged(format, e), e);
            } catch (RuntimeException e) {
                // Decoders signal some corruptions with unchecked exceptions (index out of
                // bounds, illegal argument, colour conversion errors).
                throw new RejectedImageException(name, "corrupt " + format + " data: the decoder failed with "
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            // Only closing or probing an in-memory stream can get here.
            throw new RejectedImageException(name, "cannot read: " + e, e);
        }
    }

    private BufferedImage readChecked(String name, ImageReader reader, String format)
            throws IOException, RejectedImageException {
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        long pixels = (long) width * height;
        if (width < 1 || height < 1) {
            throw new RejectedImageException(name, format + " header gives an empty image ("
                    + width + "x" + height + ")");
        }
        if (pixels > maxPixels) {
            throw new RejectedImageException(name, "image is " + width + "x" + height + " (" + pixels
                    + " pixels), over the limit of " + maxPixels
                    + "; raise sparkgan prepare --max-pixels if such images are expected, or downscale them first");
        }
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        BufferedImage image = reader.read(0, reader.getDefaultReadParam());
        // The JPEG decoders return a truncated file as a complete image (the missing part grey)
        // and only warn, e.g. "Truncated File - Missing EOI marker", "Corrupt JPEG data:
        // premature end of data segment", "Premature end of JPEG file".
        for (String warning : warnings) {
            String w = warning.toLowerCase(Locale.ROOT);
            if (w.contains("premature end") || w.contains("truncated")) {
                throw new RejectedImageException(name, "truncated " + format
                        + " data (the file ends before the image is complete): " + String.join("; ", warnings));
            }
        }
        return image;
    }

    /** JPEG files start with the SOI marker FF D8. */
    private static boolean isJpeg(byte[] file) {
        return file.length > 2 && (file[0] & 0xff) == 0xff && (file[1] & 0xff) == 0xd8;
    }

    /** A reason for a decoder's IOException: "truncated" when it ran out of bytes. */
    private static String damaged(String format, IOException e) {
        StringBuilder chain = new StringBuilder();
        boolean endOfFile = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            endOfFile |= t instanceof EOFException;
            String message = t.getMessage();
            if (message != null && !message.isBlank() && chain.indexOf(message) < 0) {
                if (chain.length() > 0) chain.append(": ");
                chain.append(message);
            }
        }
        if (endOfFile) {
            return "truncated " + format + " data (the file ends before the image is complete)"
                    + (chain.length() > 0 ? ": " + chain : "");
        }
        return "corrupt or truncated " + format + " data: " + (chain.length() > 0 ? chain : e.getClass().getSimpleName());
    }

    private static String formatName(ImageReader reader) {
        String[] names = reader.getOriginatingProvider() == null ? null : reader.getOriginatingProvider().getFormatNames();
        return names == null || names.length == 0 ? "image" : names[0].toUpperCase(Locale.ROOT);
    }

    /** Up to 8 leading bytes in hex, and as text when they are printable, to show what the file is. */
    static String firstBytes(byte[] file) {
        int n = Math.min(8, file.length);
        StringBuilder hex = new StringBuilder();
        StringBuilder text = new StringBuilder();
        boolean printable = true;
        for (int i = 0; i < n; i++) {
            int b = file[i] & 0xff;
            if (i > 0) hex.append(' ');
            hex.append(String.format(Locale.ROOT, "%02x", b));
            printable &= b >= 0x20 && b < 0x7f || b == '\t' || b == '\n' || b == '\r';
            text.append(b >= 0x20 && b < 0x7f ? (char) b : ' ');
        }
        return printable ? hex + " \"" + text.toString().strip() + "\"" : hex.toString();
    }
}
