package io.sparkgan.images;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Real image files made in memory for the decoder tests, with the JDK's own writers. */
public final class TestImages {
    private TestImages() {
    }

    public static byte[] png(RenderedImage image) {
        return write(image, "png");
    }

    public static byte[] write(RenderedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) throw new IllegalStateException("no " + format + " writer");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An Adam7-interlaced PNG (the JDK writer's "progressive" mode). */
    public static byte[] interlacedPng(RenderedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The JDK's JPEG writer (not TwelveMonkeys'), quality 1.0, optionally progressive. */
    public static byte[] jpeg(RenderedImage image, Raster raster, boolean progressive) {
        ImageWriter writer = jdkJpegWriter();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(1f);
            if (progressive) param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, image != null ? new IIOImage(image, null, null) : new IIOImage(raster, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * A CMYK JPEG as Photoshop writes them: 4 components stored inverted (255 = no ink) and an
     * Adobe APP14 marker with transform 0 (none). The JDK writer writes the raw 4-band raster
     * with no colour transform; the APP14 segment is spliced in after SOI.
     *
     * @param cmykRows ink values 0..255 (C, M, Y, K), one entry per horizontal band
     */
    public static byte[] adobeCmykJpeg(int width, int height, int[][] cmykRows) {
        return adobeJpeg(width, height, cmykRows, false);
    }

    /**
     * The same image as YCCK (Adobe transform 2): the ink values C, M, Y are YCbCr-encoded as if
     * they were R, G, B, and K is stored inverted, which is what libjpeg's YCCK decoding undoes.
     */
    public static byte[] adobeYcckJpeg(int width, int height, int[][] cmykRows) {
        return adobeJpeg(width, height, cmykRows, true);
    }

    private static byte[] adobeJpeg(int width, int height, int[][] cmykRows, boolean ycck) {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
        for (int y = 0; y < height; y++) {
            int[] ink = cmykRows[y * cmykRows.length / height];
            int[] stored;
            if (ycck) {
                double c = ink[0], m = ink[1], yl = ink[2];
                stored = new int[] {
                        clamp(0.299 * c + 0.587 * m + 0.114 * yl),
                        clamp(128 - 0.168736 * c - 0.331264 * m + 0.5 * yl),
                        clamp(128 + 0.5 * c - 0.418688 * m - 0.081312 * yl),
                        255 - ink[3]};
            } else {
                stored = new int[] {255 - ink[0], 255 - ink[1], 255 - ink[2], 255 - ink[3]};
            }
            for (int x = 0; x < width; x++) raster.setPixel(x, y, stored);
        }
        byte[] plain = jpeg(null, raster, false);
        byte[] app14 = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) (ycck ? 2 : 0)};
        byte[] out = new byte[plain.length + app14.length];
        System.arraycopy(plain, 0, out, 0, 2);
        System.arraycopy(app14, 0, out, 2, app14.length);
        System.arraycopy(plain, 2, out, 2 + app14.length, plain.length - 2);
        return out;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    public static ImageWriter jdkJpegWriter() {
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg"); it.hasNext(); ) {
            ImageWriter w = it.next();
            if (w.getClass().getName().startsWith("com.sun.")) return w;
        }
        throw new IllegalStateException("no JDK JPEG writer");
    }

    public static ImageReader jdkJpegReader() {
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg"); it.hasNext(); ) {
            ImageReader r = it.next();
            if (r.getClass().getName().startsWith("com.sun.")) return r;
        }
        throw new IllegalStateException("no JDK JPEG reader");
    }

    /** An RGB image filled with random colours (incompressible, so its PNG has real IDAT data). */
    public static BufferedImage noise(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        java.util.Random random = new java.util.Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) image.setRGB(x, y, random.nextInt());
        }
        return image;
    }

    public static BufferedImage filled(int width, int height, int rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) image.setRGB(x, y, rgb);
        }
        return image;
    }

    /**
     * A PNG whose IHDR claims {@code width x height} 8-bit gray, with a valid CRC, one tiny
     * IDAT chunk and IEND: a "decompression bomb" header on a file of about 60 bytes.
     */
    public static byte[] pngWithHeader(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        byte[] idat = {0x78, (byte) 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", idat);
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** Offsets of the PNG chunks, in file order. */
    static java.util.List<Integer> pngChunkStarts(byte[] png) {
        java.util.List<Integer> starts = new java.util.ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(png);
        int pos = 8;
        while (pos + 8 <= png.length) {
            starts.add(pos);
            pos += 12 + b.getInt(pos);
        }
        return starts;
    }

    public static int u(byte b) {
        return b & 0xff;
    }
}
