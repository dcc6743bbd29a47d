package io.sparkgan.images;

import static io.sparkgan.images.TestImages.u;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.junit.jupiter.api.Test;

/** The decoder on real files written by the JDK: the bad-input matrix, conversions, resizing. */
class ImageDecoderTest {
    private static final ImageShape GRAY_8 = new ImageShape(8, 8, 1);
    private final ImageDecoder decoder = new ImageDecoder();

    private RejectedImageException rejected(String name, byte[] file, ImageShape target) {
        RejectedImageException e = assertThrows(RejectedImageException.class, () -> decoder.decode(name, file, target));
        assertEquals(name, e.fileName());
        assertEquals(name + ": " + e.reason(), e.getMessage());
        return e;
    }

    // ---- bad input ----

    @Test
    void zeroByteFileIsRejected() throws Exception {
        RejectedImageException e = rejected("empty.png", new byte[0], GRAY_8);
        assertEquals("empty file (0 bytes)", e.reason());
    }

    @Test
    void textFileNamedPngIsRejectedShowingItsFirstBytes() throws Exception {
        byte[] text = "label,value\n1,2\n".getBytes(StandardCharsets.US_ASCII);
        RejectedImageException e = rejected("notes.png", text, GRAY_8);
        assertTrue(e.reason().startsWith("not a PNG or JPEG image (first bytes: 6c 61 62 65 6c 2c 76 61 \"label,va\""),
                e.reason());
    }

    @Test
    void truncatedPngIsRejectedNotReturnedHalfBlack() throws Exception {
        ImageShape full = new ImageShape(300, 300, 3);
        for (boolean interlaced : new boolean[] {false, true}) {
            byte[] png = interlaced ? TestImages.interlacedPng(TestImages.noise(300, 300, 1))
                    : TestImages.png(TestImages.noise(300, 300, 1));
            assertEquals(interlaced ? 1 : 0, png[28], "IHDR interlace method");
            byte[] whole = decoder.decode("whole.png", png, full);
            List<Integer> chunks = TestImages.pngChunkStarts(png);
            assertTrue(chunks.size() > 4, "the JDK writer splits IDAT into several chunks: " + chunks);
            // Cut in half (mid-chunk), and exactly at a chunk boundary (all chunks before it whole).
            for (int cut : new int[] {png.length / 2, chunks.get(3)}) {
                byte[] cutPng = Arrays.copyOf(png, cut);
                RejectedImageException e = rejected("cut" + cut + ".png", cutPng, full);
                assertTrue(e.reason().startsWith("truncated PNG data (the file ends before the image is complete)"),
                        e.reason());
            }
            // Only IEND missing: every pixel is there, and the JDK returns them all.
            byte[] noEnd = Arrays.copyOf(png, chunks.get(chunks.size() - 1));
            assertArrayEquals(whole, decoder.decode("no-iend.png", noEnd, full));
        }
    }

    @Test
    void truncatedJpegIsRejectedAlthoughTheDecoderOnlyWarns() throws Exception {
        byte[] jpeg = TestImages.jpeg(TestImages.noise(64, 64, 2), null, false);
        decoder.decode("whole.jpg", jpeg, GRAY_8);
        RejectedImageException e = rejected("half.jpg", Arrays.copyOf(jpeg, jpeg.length / 2), GRAY_8);
        assertTrue(e.reason().startsWith("truncated JPEG data"), e.reason());
        assertTrue(e.reason().contains("premature end of data segment"), e.reason());
    }

    @Test
    void corruptPngDataIsRejectedWithTheDecodersWords() throws Exception {
        // The JDK reader does not check chunk CRCs, but zlib's own checksum catches a flipped
        // bit in the compressed pixels.
        byte[] png = TestImages.png(TestImages.noise(16, 16, 3));
        png[TestImages.pngChunkStarts(png).get(1) + 100] ^= 0x10;
        RejectedImageException e = rejected("flipped.png", png, GRAY_8);
        assertEquals("corrupt or truncated PNG data: Error reading PNG image data: incorrect data check", e.reason());
    }

    @Test
    void hugeImageIsRefusedFromItsHeaderBeforeDecoding() throws Exception {
        byte[] bomb = TestImages.pngWithHeader(100_000, 100_000);
        assertTrue(bomb.length < 100, "the file is tiny: " + bomb.length);
        long start = System.nanoTime();
        RejectedImageException e = rejected("bomb.png", bomb, GRAY_8);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 2000, "refused from the header, not after decoding: " + millis + " ms");
        assertEquals("image is 100000x100000 (10000000000 pixels), over the limit of 40000000;"
                + " raise sparkgan prepare --max-pixels if such images are expected, or downscale them first", e.reason());
        // A lower limit applies to ordinary images too.
        RejectedImageException small = assertThrows(RejectedImageException.class,
                () -> new ImageDecoder(100).decode("a.png", TestImages.png(TestImages.noise(20, 10, 4)), GRAY_8));
        assertTrue(small.reason().startsWith("image is 20x10 (200 pixels), over the limit of 100"), small.reason());
    }

    @Test
    void cmykAndYcckJpegsDecodeWithTwelveMonkeysColours() throws Exception {
        // Top half pure cyan ink, bottom half 50% black ink only.
        int[][] inks = {{255, 0, 0, 0}, {0, 0, 0, 128}};
        for (boolean ycck : new boolean[] {false, true}) {
            byte[] jpeg = ycck ? TestImages.adobeYcckJpeg(16, 16, inks) : TestImages.adobeCmykJpeg(16, 16, inks);
            String kind = ycck ? "YCCK" : "CMYK";

            // The JDK 17 reader decodes these too (older JDKs threw "Unsupported Image Type"),
            // but through its own CMYK profile: 50% black comes out as light grey (~187).
            String jdk;
            int jdkGrey = -1;
            try {
                ImageReader reader = TestImages.jdkJpegReader();
                reader.setInput(new MemoryCacheImageInputStream(new java.io.ByteArrayInputStream(jpeg)));
                BufferedImage image = reader.read(0);
                jdkGrey = (image.getRGB(4, 12) >> 8) & 0xff;
                jdk = String.format("cyan %06x, 50%% black %06x", image.getRGB(4, 2) & 0xffffff,
                        image.getRGB(4, 12) & 0xffffff);
            } catch (javax.imageio.IIOException e) {
                jdk = e.getMessage();
            }

            // TwelveMonkeys without an embedded profile: RGB = 255 (1 - C)(1 - K) per channel.
            byte[] rgb = decoder.decode(kind + ".jpg", jpeg, new ImageShape(16, 16, 3));
            assertPixel(rgb, (2 * 16 + 4) * 3, 0, 255, 255, 6, kind + " pure cyan ink (JDK: " + jdk + ")");
            assertPixel(rgb, (12 * 16 + 4) * 3, 127, 127, 127, 6, kind + " 50% black ink (JDK: " + jdk + ")");
            // So a result equal to the JDK's would mean the plugin was not used.
            assertTrue(jdkGrey < 0 || Math.abs(jdkGrey - u(rgb[(12 * 16 + 4) * 3])) > 30, kind + ": JDK " + jdk);
        }
    }

    @Test
    void theTwelveMonkeysReaderIsRegisteredEvenWhenServiceLoadingMissedIt() throws Exception {
        // As in an executor whose ImageIO registry was built without the plugin jar in sight.
        IIORegistry registry = IIORegistry.getDefaultInstance();
        ImageReaderSpi loaded = registry.getServiceProviderByClass(JPEGImageReaderSpi.class);
        if (loaded != null) registry.deregisterServiceProvider(loaded, ImageReaderSpi.class);
        assertEquals(null, registry.getServiceProviderByClass(JPEGImageReaderSpi.class));

        byte[] jpeg = TestImages.adobeCmykJpeg(16, 16, new int[][] {{0, 0, 0, 128}});
        byte[] rgb = decoder.decode("cmyk.jpg", jpeg, new ImageShape(16, 16, 3));
        assertPixel(rgb, 0, 127, 127, 127, 6, "50% black decoded by TwelveMonkeys");
        ImageReader first = ImageIO.getImageReadersByFormatName("jpeg").next();
        assertTrue(first.getClass().getName().startsWith("com.twelvemonkeys."), first.getClass().getName());
    }

    @Test
    void progressiveJpegDecodes() throws Exception {
        byte[] jpeg = TestImages.jpeg(TestImages.filled(32, 32, 0xC81E3C), null, true);
        assertTrue(containsMarker(jpeg, 0xC2), "SOF2 (progressive) marker present");
        byte[] rgb = decoder.decode("progressive.jpg", jpeg, new ImageShape(32, 32, 3));
        for (int i = 0; i < rgb.length; i += 3) assertPixel(rgb, i, 200, 30, 60, 4, "pixel " + i / 3);
    }

    // ---- conversions ----

    @Test
    void sixteenBitGrayPngIsScaledToEightBits() throws Exception {
        BufferedImage image = new BufferedImage(4, 1, BufferedImage.TYPE_USHORT_GRAY);
        image.getRaster().setPixels(0, 0, 4, 1, new int[] {0, 1000, 32896, 65535});
        byte[] png = TestImages.png(image);
        assertEquals(16, png[24], "IHDR bit depth");
        assertEquals(0, png[25], "IHDR colour type gray");
        byte[] gray = decoder.decode("g16.png", png, new ImageShape(1, 4, 1));
        assertArrayEquals(new byte[] {0, 4, (byte) 128, (byte) 255}, gray);
        byte[] rgb = decoder.decode("g16.png", png, new ImageShape(1, 4, 3));
        assertArrayEquals(new byte[] {0, 0, 0, 4, 4, 4, (byte) 128, (byte) 128, (byte) 128, -1, -1, -1}, rgb);
    }

    @Test
    void palettePngIsExpandedWithItsTransparency() throws Exception {
        byte[] r = {(byte) 255, 0, 0, (byte) 255};
        byte[] g = {0, (byte) 255, 0, (byte) 255};
        byte[] b = {0, 0, (byte) 255, (byte) 255};
        byte[] a = {(byte) 255, (byte) 255, (byte) 255, (byte) 128};
        IndexColorModel palette = new IndexColorModel(2, 4, r, g, b, a);
        BufferedImage image = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_BINARY, palette);
        image.getRaster().setPixels(0, 0, 4, 1, new int[] {0, 1, 2, 3});
        byte[] png = TestImages.png(image);
        assertEquals(3, png[25], "IHDR colour type palette");
        byte[] rgb = decoder.decode("palette.png", png, new ImageShape(1, 4, 3));
        assertArrayEquals(bytes(255, 0, 0, 0, 255, 0, 0, 0, 255, 128, 128, 128), rgb,
                "red, green, blue, half-transparent white over black");
        byte[] gray = decoder.decode("palette.png", png, new ImageShape(1, 4, 1));
        assertArrayEquals(bytes(76, 150, 29, 128), gray, "BT.601 luma of red, green, blue, grey");
    }

    @Test
    void grayAlphaPngIsCompositedOverBlack() throws Exception {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = cm.createCompatibleWritableRaster(3, 1);
        raster.setPixels(0, 0, 3, 1, new int[] {200, 128, 50, 255, 255, 0});
        byte[] png = TestImages.png(new BufferedImage(cm, raster, false, null));
        assertEquals(4, png[25], "IHDR colour type gray+alpha");
        assertArrayEquals(bytes(100, 50, 0), decoder.decode("ga.png", png, new ImageShape(1, 3, 1)));
    }

    @Test
    void rgbaPngIsCompositedOverBlackAndRgbBecomesLuma() throws Exception {
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0x00FFFFFF); // transparent white
        image.setRGB(1, 0, 0xFF0AC81E); // opaque (10, 200, 30)
        image.setRGB(2, 0, 0x80FF0000); // half-transparent red
        byte[] png = TestImages.png(image);
        assertArrayEquals(bytes(0, 0, 0, 10, 200, 30, 128, 0, 0), decoder.decode("rgba.png", png, new ImageShape(1, 3, 3)));
        // Luma of (10, 200, 30): 0.299*10 + 0.587*200 + 0.114*30 = 123.81 -> 124; of (128, 0, 0): 38.27.
        assertArrayEquals(bytes(0, 124, 38), decoder.decode("rgba.png", png, new ImageShape(1, 3, 1)));
    }

    @Test
    void convertGrayCopiesWhenTheShapeMatchesAndReplicatesToRgb() throws Exception {
        byte[] src = bytes(0, 10, 20, 30, 40, 50);
        byte[] same = ImageDecoder.convertGray(src, 2, 3, new ImageShape(2, 3, 1));
        assertArrayEquals(src, same);
        assertNotSame(src, same);
        assertArrayEquals(bytes(0, 0, 0, 10, 10, 10, 20, 20, 20, 30, 30, 30, 40, 40, 40, 50, 50, 50),
                ImageDecoder.convertGray(src, 2, 3, new ImageShape(2, 3, 3)));
        assertThrows(IllegalArgumentException.class, () -> ImageDecoder.convertGray(src, 3, 3, new ImageShape(2, 3, 1)));
    }

    // ---- resize and crop ----

    @Test
    void wideImageIsScaledToTheShorterSideAndCentreCropped() throws Exception {
        // 40 wide x 20 high: columns 0-9 red, 10-19 black, 20-29 white, 30-39 blue.
        BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_3BYTE_BGR);
        int[] bands = {0xFF0000, 0x000000, 0xFFFFFF, 0x0000FF};
        for (int y = 0; y < 20; y++) for (int x = 0; x < 40; x++) image.setRGB(x, y, bands[x / 10]);
        byte[] rgb = decoder.decode("wide.png", TestImages.png(image), new ImageShape(10, 10, 3));
        // Scaled to 20x10, the central 10 columns are the black and white halves; no red or blue.
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                int v = x < 5 ? 0 : 255;
                assertPixel(rgb, (y * 10 + x) * 3, v, v, v, 0, "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void nonSquareTargetCropsTheLongerDirection() throws Exception {
        // 40x40 gray: rows 0-9 = 10, 10-29 = 100, 30-39 = 200; target 5 high x 10 wide keeps rows 10-29.
        byte[] src = new byte[40 * 40];
        for (int y = 0; y < 40; y++) Arrays.fill(src, y * 40, y * 40 + 40, (byte) (y < 10 ? 10 : y < 30 ? 100 : 200));
        byte[] out = ImageDecoder.convertGray(src, 40, 40, new ImageShape(5, 10, 1));
        byte[] expected = new byte[50];
        Arrays.fill(expected, (byte) 100);
        assertArrayEquals(expected, out);
    }

    @Test
    void uniformImagesStayExactThroughDownAndUpscaling() throws Exception {
        byte[] gray = new byte[28 * 28];
        Arrays.fill(gray, (byte) 77);
        for (ImageShape target : List.of(new ImageShape(14, 14, 1), new ImageShape(9, 13, 1), new ImageShape(64, 64, 1),
                new ImageShape(61, 97, 3))) {
            byte[] out = ImageDecoder.convertGray(gray, 28, 28, target);
            assertEquals(target.pixels(), out.length);
            for (byte v : out) assertEquals(77, u(v), target.describe());
        }
        byte[] rgb = decoder.decode("teal.png", TestImages.png(TestImages.filled(50, 30, 0x0AC81E)), new ImageShape(7, 9, 3));
        for (int i = 0; i < rgb.length; i += 3) assertPixel(rgb, i, 10, 200, 30, 0, "pixel " + i / 3);
    }

    @Test
    void downscalingAveragesInsteadOfSkippingPixels() throws Exception {
        // One white column in every 8: averaging gives 255/8 = 32 everywhere, while a single
        // bilinear step from 64 to 8 samples between columns 3 and 4 of each 8 and sees black.
        byte[] src = new byte[64 * 64];
        for (int y = 0; y < 64; y++) for (int x = 0; x < 64; x += 8) src[y * 64 + x] = (byte) 255;
        byte[] out = ImageDecoder.convertGray(src, 64, 64, new ImageShape(8, 8, 1));
        for (byte v : out) assertEquals(32, u(v), 2);
    }

    @Test
    void shapeValidatesAndDescribes() throws Exception {
        ImageShape shape = new ImageShape(28, 28, 1);
        assertEquals("28x28x1", shape.describe());
        assertEquals(784, shape.pixels());
        assertEquals(64 * 32 * 3, new ImageShape(64, 32, 3).pixels());
        assertThrows(IllegalArgumentException.class, () -> new ImageShape(28, 28, 2));
        assertThrows(IllegalArgumentException.class, () -> new ImageShape(0, 28, 1));
    }

    private static boolean containsMarker(byte[] jpeg, int marker) {
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if (u(jpeg[i]) == 0xFF && u(jpeg[i + 1]) == marker) return true;
        }
        return false;
    }

    private static void assertPixel(byte[] rgb, int offset, int r, int g, int b, int tolerance, String what) {
        int[] got = {u(rgb[offset]), u(rgb[offset + 1]), u(rgb[offset + 2])};
        assertTrue(Math.abs(got[0] - r) <= tolerance && Math.abs(got[1] - g) <= tolerance
                        && Math.abs(got[2] - b) <= tolerance,
                what + ": got " + Arrays.toString(got) + ", expected (" + r + ", " + g + ", " + b + ") within " + tolerance);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) out[i] = (byte) values[i];
        return out;
    }
}
