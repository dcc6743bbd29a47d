package io.sparkgan.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.data.BatchSampler;
import io.sparkgan.data.CsvVectorReader;
import io.sparkgan.data.ExampleBlock;
import io.sparkgan.data.InMemorySource;
import io.sparkgan.data.VectorBlock;
import io.sparkgan.images.ImageShape;
import io.sparkgan.rng.RngStream;
import io.sparkgan.util.DataFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Labels on the data path: a labelled draw takes exactly the rows (and RNG draws) of the unlabelled
 * one, brings each row's label, and rejects missing or out-of-range labels naming shard and image;
 * CSV label columns; fake labels uniform over the classes.
 */
class LabelledDataTest {
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path dir;

    /** An IDX pair of {@code labels.length} 2x2 images (image i's pixels i*10 + j) prepared into shards of 3. */
    private ShardedImageSource idxSet(byte[] labels, boolean withLabels) throws IOException {
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        int n = labels.length;
        byte[] images = new byte[16 + n * 4];
        ByteBuffer.wrap(images).putInt(0x00000803).putInt(n).putInt(2).putInt(2);
        for (int i = 0; i < n; i++) for (int j = 0; j < 4; j++) images[16 + 4 * i + j] = (byte) (i * 10 + j);
        Files.write(in.resolve("train-images-idx3-ubyte"), images);
        if (withLabels) {
            byte[] l = new byte[8 + n];
            ByteBuffer.wrap(l).putInt(0x00000801).putInt(n);
            System.arraycopy(labels, 0, l, 8, n);
            Files.write(in.resolve("train-labels-idx1-ubyte"), l);
        }
        Path out = dir.resolve("out");
        PrepareOptions options = new PrepareOptions(new ImageShape(2, 2, 1), PrepareOptions.LabelSource.NONE, 3,
                40_000_000L, 1L << 20);
        Preparation.run(List.of(in.toString()), out.toString(), options, CONF, ShardsInThisJvm.runner(options, CONF));
        return new ShardedImageSource(PreparedDataset.open(out.toString(), CONF), CONF);
    }

    @Test
    void labelledDrawsTakeTheUnlabelledDrawsRowsWithTheirLabels() throws IOException {
        byte[] labels = {3, 1, 4, 1, 5, 9, 2, 6};
        ShardedImageSource source = idxSet(labels, true);
        assertEquals(10, source.classes(), "IDX classes 0..9 from the manifest");
        for (int p = 0; p < 2; p++) {
            ExampleBlock block = source.partition(p, 2);
            int first = p * 4;
            var rows = BatchSampler.realBatch(block, RngStream.REAL_BATCH.at(7, p), 32, DataType.FLOAT);
            SplittableRandom rng = RngStream.REAL_BATCH.at(7, p);
            BatchSampler.LabelledBatch batch = BatchSampler.labelledRealBatch(block, rng, 32, DataType.FLOAT, 10);
            assertEquals(rows, batch.rows(), "the same rows as the unlabelled draw");
            SplittableRandom after = RngStream.REAL_BATCH.at(7, p);
            for (int i = 0; i < 32; i++) after.nextInt(block.rows());
            assertEquals(after.nextLong(), rng.nextLong(), "the same RNG use as the unlabelled draw");
            for (int i = 0; i < 32; i++) {
                // Pixel 0 of image k is k * 10, scaled to [-1, 1].
                int image = Math.round((batch.rows().getFloat(i, 0) + 1f) * 127.5f) / 10;
                assertTrue(image >= first && image < first + 4, "row " + i + " from partition " + p);
                assertEquals(labels[image], batch.labels()[i], "label of row " + i + " (image " + image + ")");
            }
        }
    }

    @Test
    void aLabelOutsideTheManifestsClassesIsRejectedNamingShardAndImage() throws IOException {
        // prepare checks IDX labels (0..9); a shard damaged afterwards (local shards are mapped in place)
        // must still not feed class 12 to a 10-class model.
        ShardedImageSource source = idxSet(new byte[] {0, 1, 2, 3, 4, 5, 6}, true);
        DatasetManifest.Shard shard = source.manifest().shards().get(1);
        Path file = dir.resolve("out").resolve(shard.file());
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) ShardFormat.labelOffset(1, shard.count(), new ImageShape(2, 2, 1))] = 12;
        Files.write(file, bytes);
        ExampleBlock block = source.partition(0, 1);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> BatchSampler.labelledRealBatch(block, new SplittableRandom(1), 200, DataType.FLOAT, 10));
        assertTrue(e.getMessage().contains("image 1 (counting from 0) of shard ") && e.getMessage().contains("part-00001")
                && e.getMessage().contains("label 12") && e.getMessage().contains("10 classes"), e.getMessage());
    }

    @Test
    void anUnlabelledSetIsRejectedForConditionalDrawsNamingAShard() throws IOException {
        ShardedImageSource source = idxSet(new byte[5], false);
        assertEquals(0, source.classes());
        ExampleBlock block = source.partition(0, 1);
        assertFalse(block.labelled());
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> BatchSampler.labelledRealBatch(block, new SplittableRandom(1), 4, DataType.FLOAT, 10));
        assertTrue(e.getMessage().contains("carry no labels") && e.getMessage().contains("part-00000"), e.getMessage());
    }

    @Test
    void csvLabelColumnsByNumberOrHeaderName() throws IOException {
        Path csv = Files.writeString(dir.resolve("a.csv"), "x,label,y\n0.5,2,1.5\n-1,0,2\n3,2,4\n");
        for (String column : new String[] {"2", "label"}) {
            VectorBlock block = CsvVectorReader.read(CONF, csv.toString(), column);
            assertEquals(2, block.dim());
            assertEquals(3, block.classes(), "max label + 1");
            assertArrayEquals(new float[] {0.5f, 1.5f, -1f, 2f, 3f, 4f}, block.values());
            assertArrayEquals(new int[] {2, 0, 2}, new int[] {block.label(0), block.label(1), block.label(2)});
            InMemorySource source = new InMemorySource(block, "csv");
            assertEquals(3, source.classes());
            VectorBlock second = source.partition(1, 2);
            assertEquals(3, second.classes(), "a partition keeps the data set's classes");
            assertEquals(0, second.label(0));
        }
        assertFalse(CsvVectorReader.read(CONF, csv.toString()).labelled(), "no label column: all values");
    }

    @Test
    void badCsvLabelsAreRejectedNamingFileLineAndValue() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "1,0\n2,1\n3,-1\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> CsvVectorReader.read(CONF, bad.toString(), "2"));
        assertTrue(e.getMessage().contains("bad.csv: line 3, column 2: label '-1'"), e.getMessage());
        Path fraction = Files.writeString(dir.resolve("fraction.csv"), "1,0.5\n");
        assertTrue(assertThrows(DataFormatException.class, () -> CsvVectorReader.read(CONF, fraction.toString(), "2"))
                .getMessage().contains("label '0.5'"));
        Path narrow = Files.writeString(dir.resolve("narrow.csv"), "1,0\n");
        assertTrue(assertThrows(DataFormatException.class, () -> CsvVectorReader.read(CONF, narrow.toString(), "3"))
                .getMessage().contains("narrow.csv: line 1 has 2 columns, so no label column 3"));
        Path noHeader = Files.writeString(dir.resolve("noheader.csv"), "x,y\n1,0\n");
        assertTrue(assertThrows(DataFormatException.class, () -> CsvVectorReader.read(CONF, noHeader.toString(), "class"))
                .getMessage().contains("noheader.csv: no label column 'class'"));
    }

    @Test
    void fakeLabelsAreInRangeAndUniform() {
        int k = 10;
        int n = 20_000;
        int[] labels = BatchSampler.uniformLabels(RngStream.FAKE_LABELS.at(1, 0, 0, 0, 0), n, k);
        int[] counts = new int[k];
        for (int y : labels) {
            assertTrue(y >= 0 && y < k, "label " + y);
            counts[y]++;
        }
        double chi2 = 0;
        for (int c : counts) chi2 += (c - n / (double) k) * (c - n / (double) k) / (n / (double) k);
        assertTrue(chi2 < 27.9, "chi-square " + chi2 + " with 9 degrees of freedom (p = 0.001 at 27.9)");
        assertArrayEquals(labels, BatchSampler.uniformLabels(RngStream.FAKE_LABELS.at(1, 0, 0, 0, 0), n, k),
                "a function of the stream's coordinates");
    }
}
