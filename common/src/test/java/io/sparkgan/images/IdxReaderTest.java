package io.sparkgan.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sparkgan.util.DataFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX files written by the test (raw and gzipped), their errors, and the real Fashion-MNIST if installed. */
class IdxReaderTest {
    private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path dir;

    /** An IDX file: magic 0x0000 type ndims, big-endian sizes, then the data. */
    private static byte[] idx(int type, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) b.putInt(d);
        return b.put(data).array();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    private static byte[] sequence(int n) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) data[i] = (byte) (i * 7);
        return data;
    }

    private InputStream file(String name, byte[] content) throws IOException {
        Path path = dir.resolve(name);
        Files.write(path, content);
        return Files.newInputStream(path);
    }

    @Test
    void rawAndGzippedImagesAndLabelsParse() throws IOException {
        byte[] pixels = sequence(3 * 2 * 4);
        byte[] raw = idx(0x08, new int[] {3, 2, 4}, pixels);
        byte[] labels = idx(0x08, new int[] {3}, new byte[] {9, 0, (byte) 200});
        for (boolean gz : new boolean[] {false, true}) {
            String suffix = gz ? "-idx3-ubyte.gz" : "-idx3-ubyte";
            try (IdxLabelledImages set = IdxLabelledImages.open(
                    file("images" + suffix, gz ? gzip(raw) : raw), "images" + suffix,
                    file("labels" + suffix, gz ? gzip(labels) : labels), "labels" + suffix)) {
                IdxImages images = set.images();
                assertEquals(3, images.count());
                assertEquals(2, images.rows());
                assertEquals(4, images.cols());
                byte[] dst = new byte[images.imageBytes()];
                for (int i = 0; i < 3; i++) {
                    assertTrue(images.readNext(dst));
                    assertArrayEquals(Arrays.copyOfRange(pixels, i * 8, i * 8 + 8), dst, "image " + i);
                }
                assertFalse(images.readNext(dst));
                assertEquals(3, set.count());
                assertEquals(9, set.label(0));
                assertEquals(200, set.label(2));
            }
        }
    }

    @Test
    void wrongMagicShowsTheBytesAndTheExpectedForm() throws IOException {
        byte[] zip = {'P', 'K', 3, 4, 0, 0, 0, 0};
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.openImages(file("x.zip", zip), "x.zip"));
        assertEquals("x.zip: not an IDX file: first bytes are 0x504B0304, expected 0x0000 08 0N"
                + " (two zero bytes, data type 08 = unsigned byte, N dimensions)", e.getMessage());
    }

    @Test
    void otherDataTypesAndDimensionCountsAreRefused() throws IOException {
        byte[] floats = idx(0x0D, new int[] {1, 1, 1}, new byte[4]);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.openImages(file("f", floats), "f.idx"));
        assertTrue(e.getMessage().startsWith("f.idx: IDX data type 0x0D (32-bit float) is not supported"), e.getMessage());

        byte[] images = idx(0x08, new int[] {2, 1, 1}, new byte[2]);
        e = assertThrows(DataFormatException.class, () -> IdxReader.readLabels(file("i", images), "t10k-images-idx3-ubyte"));
        assertTrue(e.getMessage().startsWith("t10k-images-idx3-ubyte: IDX file has 3 dimension(s), expected 1 for labels"),
                e.getMessage());
    }

    @Test
    void zeroOrNegativeDimensionIsRefused() throws IOException {
        byte[] zero = idx(0x08, new int[] {5, 0, 28}, new byte[0]);
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.openImages(file("z", zero), "z"));
        assertTrue(e.getMessage().startsWith("z: dimension 2 of 3 is 0; every dimension must be at least 1"), e.getMessage());
        byte[] negative = idx(0x08, new int[] {-1}, new byte[0]);
        e = assertThrows(DataFormatException.class, () -> IdxReader.readLabels(file("n", negative), "n"));
        assertTrue(e.getMessage().startsWith("n: dimension 1 of 1 is -1"), e.getMessage());
    }

    @Test
    void truncatedDataSaysHowMuchWasExpectedAndFound() throws IOException {
        byte[] cut = idx(0x08, new int[] {3, 2, 3}, sequence(10)); // 18 bytes announced
        IdxImages images = IdxReader.openImages(file("cut", cut), "cut-idx3-ubyte");
        byte[] dst = new byte[6];
        assertTrue(images.readNext(dst));
        DataFormatException e = assertThrows(DataFormatException.class, () -> images.readNext(dst));
        assertEquals("cut-idx3-ubyte: truncated: expected 18 bytes of data (3 images of 2x3), found 10;"
                + " the file was cut short, fetch it again", e.getMessage());
        images.close();

        byte[] labels = idx(0x08, new int[] {5}, new byte[3]);
        e = assertThrows(DataFormatException.class, () -> IdxReader.readLabels(file("l", labels), "l"));
        assertTrue(e.getMessage().startsWith("l: truncated: expected 5 bytes of data (5 labels), found 3"), e.getMessage());

        byte[] header = {0, 0, 8, 3, 0, 0};
        e = assertThrows(DataFormatException.class, () -> IdxReader.openImages(file("h", header), "h"));
        assertTrue(e.getMessage().startsWith("h: truncated header: 3 dimension sizes need 12 bytes after the magic, found 2"),
                e.getMessage());
        e = assertThrows(DataFormatException.class, () -> IdxReader.openImages(file("e", new byte[0]), "e"));
        assertTrue(e.getMessage().startsWith("e: empty file (0 bytes)"), e.getMessage());
    }

    @Test
    void truncatedGzipIsReported() throws IOException {
        byte[] gz = gzip(idx(0x08, new int[] {50, 10, 10}, sequence(5000)));
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        DataFormatException e = assertThrows(DataFormatException.class, () -> {
            try (IdxImages images = IdxReader.openImages(file("cut.gz", cut), "cut.gz")) {
                byte[] dst = new byte[images.imageBytes()];
                while (images.readNext(dst)) {
                    // read all
                }
            }
        });
        assertTrue(e.getMessage().startsWith("cut.gz: truncated gzip data"), e.getMessage());
    }

    @Test
    void trailingBytesAreRefusedWhenTheLastImageIsRead() throws IOException {
        byte[] raw = idx(0x08, new int[] {2, 1, 2}, sequence(4 + 5));
        IdxImages images = IdxReader.openImages(file("t", raw), "t");
        byte[] dst = new byte[2];
        assertTrue(images.readNext(dst));
        DataFormatException e = assertThrows(DataFormatException.class, () -> images.readNext(dst));
        assertEquals("t: 5 bytes of trailing data after the 2 images of 1x2 the header announces;"
                + " the header or the file is wrong", e.getMessage());
        images.close();
        byte[] labels = idx(0x08, new int[] {2}, new byte[3]);
        e = assertThrows(DataFormatException.class, () -> IdxReader.readLabels(file("tl", labels), "tl"));
        assertTrue(e.getMessage().startsWith("tl: 1 bytes of trailing data after the 2 labels"), e.getMessage());
    }

    @Test
    void realFashionMnistTestSplitParses() throws IOException {
        Path images = FASHION.resolve("t10k-images-idx3-ubyte.gz");
        Path labels = FASHION.resolve("t10k-labels-idx1-ubyte.gz");
        assumeTrue(Files.isReadable(images) && Files.isReadable(labels),
                "Fashion-MNIST not installed (Debian package dataset-fashion-mnist)");
        try (IdxLabelledImages set = IdxLabelledImages.open(Files.newInputStream(images), images.toString(),
                Files.newInputStream(labels), labels.toString())) {
            assertEquals(10000, set.count());
            assertEquals(28, set.images().rows());
            assertEquals(28, set.images().cols());
            int[] perClass = new int[256];
            for (byte label : set.labels()) perClass[label & 0xff]++;
            for (int c = 0; c < 10; c++) assertEquals(1000, perClass[c], "class " + c);
            byte[] dst = new byte[784];
            long sum = 0;
            int n = 0;
            while (set.images().readNext(dst)) {
                for (byte v : dst) sum += v & 0xff;
                n++;
            }
            assertEquals(10000, n);
            double mean = sum / (10000.0 * 784);
            assertTrue(mean > 60 && mean < 80, "Fashion-MNIST mean pixel is about 73: " + mean);
        }
    }

    @Test
    void fileNamesAreRecognised() {
        assertTrue(ImageFileReader.isIdxName("train-images-idx3-ubyte"));
        assertTrue(ImageFileReader.isIdxName("hdfs://nn/data/T10K-LABELS-IDX1-UBYTE.GZ"));
        assertFalse(ImageFileReader.isIdxName("idx/readme.txt"));
        assertFalse(ImageFileReader.isIdxName("train-images.ubyte"));
        assertTrue(ImageFileReader.isImageName("a/B.JPG"));
        assertTrue(ImageFileReader.isImageName("x.jpeg"));
        assertTrue(ImageFileReader.isImageName("x.png"));
        assertFalse(ImageFileReader.isImageName("png"));
        assertFalse(ImageFileReader.isImageName("x.gif"));
    }
}
