package io.sparkgan.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.dataset.DatasetManifest;
import io.sparkgan.dataset.Preparation;
import io.sparkgan.dataset.PrepareOptions;
import io.sparkgan.dataset.PreparedDataset;
import io.sparkgan.dataset.ShardFormat;
import io.sparkgan.dataset.ShardsInThisJvm;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prepare --background}: real PNG files with alpha, written with ImageIO, decoded over
 * black, white and a colour, each pixel checked against round(v * a + bg * (1 - a)).
 */
class BackgroundCompositingTest {
    /** (r, g, b, alpha) of the test image's pixels: opaque, transparent and three partial alphas. */
    private static final int[][] RGBA = {
        {10, 200, 30, 255}, {255, 255, 255, 0}, {255, 0, 0, 128}, {0, 0, 255, 64}, {90, 60, 30, 200}};

    @TempDir
    Path dir;

    /** Writes the RGBA pixels above as a 5x1 PNG file with ImageIO and returns its bytes. */
    private byte[] rgbaPngFile() throws Exception {
        BufferedImage image = new BufferedImage(RGBA.length, 1, BufferedImage.TYPE_INT_ARGB);
        for (int x = 0; x < RGBA.length; x++) {
            int[] p = RGBA[x];
            image.setRGB(x, 0, (p[3] << 24) | (p[0] << 16) | (p[1] << 8) | p[2]);
        }
        Path file = dir.resolve("rgba.png");
        assertTrue(ImageIO.write(image, "png", file.toFile()), "the JDK writes PNG");
        byte[] png = Files.readAllBytes(file);
        assertEquals(6, png[25], "IHDR colour type 6: RGB with alpha");
        return png;
    }

    /** The formula, independently of the decoder. */
    private static int over(int v, int alpha, int bg) {
        double a = alpha / 255.0;
        return (int) Math.round(v * a + bg * (1 - a));
    }

    private static byte[] expectedRgb(Background bg) {
        byte[] out = new byte[RGBA.length * 3];
        int[] back = {bg.red(), bg.green(), bg.blue()};
        for (int x = 0; x < RGBA.length; x++) {
            for (int c = 0; c < 3; c++) out[3 * x + c] = (byte) over(RGBA[x][c], RGBA[x][3], back[c]);
        }
        return out;
    }

    @Test
    void rgbaPngIsCompositedOverTheBackgroundByTheFormula() throws Exception {
        byte[] png = rgbaPngFile();
        ImageShape rgb = new ImageShape(1, RGBA.length, 3);
        for (Background bg : List.of(Background.BLACK, Background.WHITE, Background.parse("#3366CC"))) {
            byte[] got = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS, bg).decode("rgba.png", png, rgb);
            assertArrayEquals(expectedRgb(bg), got, "over " + bg.describe());
        }
        // Spot values: half-transparent red over white is (255, 127, 127); fully transparent is the background.
        byte[] white = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS, Background.WHITE).decode("rgba.png", png, rgb);
        assertEquals(255, white[6] & 0xff);
        assertEquals(127, white[7] & 0xff, "green of half-transparent red over white: 0 * 128/255 + 255 * 127/255");
        assertEquals(255, white[3] & 0xff);
        byte[] colour = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS, Background.parse("#3366cc"))
                .decode("rgba.png", png, rgb);
        assertArrayEquals(new byte[] {0x33, 0x66, (byte) 0xcc}, Arrays.copyOfRange(colour, 3, 6),
                "a transparent pixel is the background colour");
    }

    @Test
    void defaultIsBlackAsBefore() throws Exception {
        byte[] png = rgbaPngFile();
        ImageShape rgb = new ImageShape(1, RGBA.length, 3);
        assertArrayEquals(expectedRgb(Background.BLACK), new ImageDecoder().decode("rgba.png", png, rgb));
        assertEquals(Background.BLACK, new PrepareOptions(rgb, PrepareOptions.LabelSource.NONE, 1, 10, 10).background());
    }

    @Test
    void grayTargetIsTheLumaOfTheCompositedColour() throws Exception {
        byte[] png = rgbaPngFile();
        Background bg = Background.parse("#3366cc");
        byte[] rgb = expectedRgb(bg);
        byte[] want = new byte[RGBA.length];
        for (int x = 0; x < RGBA.length; x++) {
            int r = rgb[3 * x] & 0xff;
            int g = rgb[3 * x + 1] & 0xff;
            int b = rgb[3 * x + 2] & 0xff;
            want[x] = (byte) ((299 * r + 587 * g + 114 * b + 500) / 1000);
        }
        assertArrayEquals(want, new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS, bg)
                .decode("rgba.png", png, new ImageShape(1, RGBA.length, 1)));
    }

    @Test
    void grayAlphaPngOverGrayStaysGrayAndOverAColourBecomesRgb() throws Exception {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = cm.createCompatibleWritableRaster(3, 1);
        raster.setPixels(0, 0, 3, 1, new int[] {200, 128, 50, 255, 255, 0});
        Path file = dir.resolve("ga.png");
        assertTrue(ImageIO.write(new BufferedImage(cm, raster, false, null), "png", file.toFile()));
        byte[] png = Files.readAllBytes(file);
        assertEquals(4, png[25], "IHDR colour type gray+alpha");
        byte[] gray = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS, Background.WHITE)
                .decode("ga.png", png, new ImageShape(1, 3, 1));
        // (gray, alpha) pixels: (200, 128), (50, 255) opaque, (255, 0) transparent
        assertArrayEquals(new byte[] {(byte) over(200, 128, 255), 50, (byte) 255}, gray);
        byte[] rgb = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS, Background.parse("#ff0000"))
                .decode("ga.png", png, new ImageShape(1, 3, 3));
        int v = over(200, 128, 255);
        int w = over(200, 128, 0);
        assertArrayEquals(new byte[] {(byte) v, (byte) w, (byte) w, 50, 50, 50, (byte) 255, 0, 0}, rgb,
                "gray 200 at alpha 128 over red; opaque gray 50; transparent = red");
    }

    @Test
    void badValuesAreRefusedNamingThem() {
        for (String bad : List.of("grey", "#12345", "#1234567", "#12345g", "", "123456")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Background.parse(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("white, black or #RRGGBB"), e.getMessage());
        }
        assertEquals(new Background(0x12, 0xab, 0xef), Background.parse(" #12ABef "));
        assertEquals("#12abef", Background.parse("#12ABEF").describe());
        assertEquals("white", Background.parse("WHITE").describe());
        assertThrows(IllegalArgumentException.class, () -> new Background(256, 0, 0));
    }

    @Test
    void preparationCompositesOverTheBackgroundAndRecordsItInTheManifest() throws Exception {
        byte[] png = rgbaPngFile();
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.write(in.resolve("a.png"), png);
        ImageShape shape = new ImageShape(1, RGBA.length, 3);
        Background bg = Background.parse("#808080");
        PrepareOptions options = new PrepareOptions(shape, PrepareOptions.LabelSource.NONE, 10, 1000, 1 << 20, bg);
        Configuration conf = new Configuration();
        Path out = dir.resolve("out");
        Preparation.run(List.of(in.toString()), out.toString(), options, conf, ShardsInThisJvm.runner(options, conf));
        DatasetManifest m = PreparedDataset.open(out.toString(), conf).manifest();
        assertEquals("#808080", m.background());
        assertTrue(Files.readString(out.resolve(DatasetManifest.FILE_NAME)).contains("\"background\" : \"#808080\""));
        byte[] shard = Files.readAllBytes(out.resolve(m.shards().get(0).file()));
        assertArrayEquals(expectedRgb(bg), Arrays.copyOfRange(shard, ShardFormat.HEADER_BYTES,
                ShardFormat.HEADER_BYTES + shape.pixels()));
    }
}
