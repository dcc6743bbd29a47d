package io.sparkgan.images;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;

/**
 * The EXIF orientation of a JPEG (TIFF tag 274) and its application to decoded pixels. Cameras
 * and phones store the sensor's rows as they came and record in this tag how to turn them for
 * display; ignoring it trains on sideways or upside-down photos.
 *
 * <p>Values (EXIF 2.3): 1 as stored, 2 mirrored left-right, 3 turned 180 degrees, 4 mirrored
 * top-bottom, 5 transposed (mirrored about the main diagonal), 6 turned 90 degrees clockwise,
 * 7 transversed (mirrored about the other diagonal), 8 turned 90 degrees counter-clockwise.
 * A file without the tag, with an unreadable EXIF block or an out-of-range value is shown as
 * stored (value 1), as image viewers do: the pixels themselves decoded fine.
 */
final class ExifOrientation {
    private ExifOrientation() {}

    /** The orientation (1-8) recorded in {@code jpeg}'s EXIF block; 1 when there is none. */
    static int of(byte[] jpeg) {
        try (ImageInputStream in = new ByteArrayImageInputStream(jpeg)) {
            List<JPEGSegment> exif = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
            if (exif.isEmpty()) return 1;
            InputStream data = exif.get(0).data();
            if (data.read() < 0) return 1; // the pad byte after "Exif\0"
            try (ImageInputStream tiff = ImageIO.createImageInputStream(data)) {
                Directory directory = new TIFFReader().read(tiff);
                Entry entry = directory.getEntryById(TIFF.TAG_ORIENTATION);
                if (entry == null || !(entry.getValue() instanceof Number n)) return 1;
                int value = n.intValue();
                return value >= 1 && value <= 8 ? value : 1;
            }
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }

    /** {@code stored} turned the way {@code orientation} says it is meant to be seen. */
    static Pixels apply(Pixels stored, int orientation) {
        if (orientation == 1) return stored;
        int h = stored.height;
        int w = stored.width;
        int c = stored.channels;
        boolean swap = orientation >= 5;
        int outH = swap ? w : h;
        int outW = swap ? h : w;
        byte[] out = new byte[stored.data.length];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                // Source row and column of the displayed pixel (y, x).
                int sy;
                int sx;
                switch (orientation) {
                    case 2 -> { sy = y; sx = w - 1 - x; }
                    case 3 -> { sy = h - 1 - y; sx = w - 1 - x; }
                    case 4 -> { sy = h - 1 - y; sx = x; }
                    case 5 -> { sy = x; sx = y; }
                    case 6 -> { sy = h - 1 - x; sx = y; }
                    case 7 -> { sy = h - 1 - x; sx = w - 1 - y; }
                    case 8 -> { sy = x; sx = w - 1 - y; }
                    default -> throw new IllegalArgumentException("EXIF orientation must be 1-8, got " + orientation);
                }
                System.arraycopy(stored.data, (sy * w + sx) * c, out, (y * outW + x) * c, c);
            }
        }
        return new Pixels(outH, outW, c, out);
    }
}
