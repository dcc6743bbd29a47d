package io.sparkgan.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** EXIF orientation: the eight transforms on a tiny image, and real JPEGs carrying the tag. */
class ExifOrientationTest {
    // Stored rows [1 2 3] and [4 5 6]: 2 high, 3 wide, one channel.
    private static final Pixels STORED = new Pixels(2, 3, 1, new byte[] {1, 2, 3, 4, 5, 6});

    @Test
    void eachOrientationTurnsTheImageAsEXIFDefinesIt() {
        assertImage(ExifOrientation.apply(STORED, 1), 2, 3, 1, 2, 3, 4, 5, 6);
        assertImage(ExifOrientation.apply(STORED, 2), 2, 3, 3, 2, 1, 6, 5, 4);  // mirrored left-right
        assertImage(ExifOrientation.apply(STORED, 3), 2, 3, 6, 5, 4, 3, 2, 1);  // 180 degrees
        assertImage(ExifOrientation.apply(STORED, 4), 2, 3, 4, 5, 6, 1, 2, 3);  // mirrored top-bottom
        assertImage(ExifOrientation.apply(STORED, 5), 3, 2, 1, 4, 2, 5, 3, 6);  // transposed
        assertImage(ExifOrientation.apply(STORED, 6), 3, 2, 4, 1, 5, 2, 6, 3);  // 90 degrees clockwise
        assertImage(ExifOrientation.apply(STORED, 7), 3, 2, 6, 3, 5, 2, 4, 1);  // transversed
        assertImage(ExifOrientation.apply(STORED, 8), 3, 2, 3, 6, 2, 5, 1, 4);  // 90 degrees counter-clockwise
    }

    @Test
    void channelsMoveTogether() {
        Pixels rgb = new Pixels(1, 2, 3, new byte[] {1, 2, 3, 4, 5, 6});
        Pixels mirrored = ExifOrientation.apply(rgb, 2);
        assertArrayEquals(new byte[] {4, 5, 6, 1, 2, 3}, mirrored.data);
    }

    @Test
    void sidewaysPhoneJpegComesOutUpright() throws Exception {
        // Stored 32 wide x 16 high, white square in the top-left corner; tagged "turn 90 degrees clockwise".
        byte[] jpeg = withOrientation(whiteCornerJpeg(), 6);
        assertEquals(6, ExifOrientation.of(jpeg));
        byte[] upright = new ImageDecoder().decode("phone.jpg", jpeg, new ImageShape(32, 16, 1));
        // Turned clockwise, the top-left corner goes to the top-right: rows 0-7, columns 8-15 of 16.
        assertTrue(mean(upright, 16, 0, 8, 8, 16) > 200, "white square not at the top right");
        assertTrue(mean(upright, 16, 0, 8, 0, 8) < 50, "top left should be black");
        assertTrue(mean(upright, 16, 24, 32, 0, 16) < 50, "bottom should be black");
    }

    @Test
    void withoutOrBrokenExifTheImageIsUsedAsStored() throws Exception {
        byte[] plain = whiteCornerJpeg();
        assertEquals(1, ExifOrientation.of(plain));
        byte[] garbage = insertApp1(plain, "Exif\0\0not a TIFF header at all".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(1, ExifOrientation.of(garbage));
        for (byte[] file : new byte[][] {plain, garbage, withOrientation(plain, 9)}) {
            byte[] stored = new ImageDecoder().decode("x.jpg", file, new ImageShape(16, 32, 1));
            assertTrue(mean(stored, 32, 0, 8, 0, 8) > 200, "white square should stay at the top left");
            assertTrue(mean(stored, 32, 0, 8, 8, 32) < 50);
        }
    }

    private static void assertImage(Pixels p, int height, int width, int... values) {
        assertEquals(height, p.height, "height");
        assertEquals(width, p.width, "width");
        byte[] expected = new byte[values.length];
        for (int i = 0; i < values.length; i++) expected[i] = (byte) values[i];
        assertArrayEquals(expected, p.data);
    }

    private static double mean(byte[] gray, int width, int y0, int y1, int x0, int x1) {
        double sum = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) sum += gray[y * width + x] & 0xff;
        }
        return sum / ((y1 - y0) * (x1 - x0));
    }

    private static byte[] whiteCornerJpeg() throws IOException {
        BufferedImage image = new BufferedImage(32, 16, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 8, 8);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, "jpg", out));
        return out.toByteArray();
    }

    /** {@code jpeg} with an EXIF APP1 block whose IFD0 holds only Orientation = {@code value}. */
    private static byte[] withOrientation(byte[] jpeg, int value) {
        ByteBuffer exif = ByteBuffer.allocate(6 + 8 + 2 + 12 + 4);
        exif.put("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        exif.put(new byte[] {'M', 'M', 0, 42}).putInt(8);          // big-endian TIFF header, IFD0 at 8
        exif.putShort((short) 1);                                   // one entry
        exif.putShort((short) 274).putShort((short) 3).putInt(1);   // Orientation, SHORT, count 1
        exif.putShort((short) value).putShort((short) 0);           // value, padded to 4 bytes
        exif.putInt(0);                                             // no next IFD
        return insertApp1(jpeg, exif.array());
    }

    private static byte[] insertApp1(byte[] jpeg, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 4 + payload.length);
        out.put(jpeg, 0, 2);                                        // SOI
        out.put((byte) 0xff).put((byte) 0xe1).putShort((short) (payload.length + 2));
        out.put(payload);
        out.put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }
}
