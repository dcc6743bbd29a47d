package io.sparkgan.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.images.ImageShape;
import io.sparkgan.images.TestImages;
import io.sparkgan.util.DataFormatException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prepare} end to end in one JVM (the same planner, shard tasks and committer the Spark job
 * runs): the bad input matrix, atomic re-runs, partitions over shards, manifest checks.
 */
class PreparationTest {
    private static final Configuration CONF = new Configuration();
    private static final ImageShape GRAY_8 = new ImageShape(8, 8, 1);

    @TempDir
    Path dir;

    private static PrepareOptions options(ImageShape shape, int perShard, PrepareOptions.LabelSource labels) {
        return new PrepareOptions(shape, labels, perShard, 40_000_000L, 1L << 20);
    }

    private Preparation.Report prepare(List<Path> inputs, Path out, PrepareOptions options) {
        List<String> uris = inputs.stream().map(Path::toString).collect(Collectors.toList());
        return Preparation.run(uris, out.toString(), options, CONF, ShardsInThisJvm.runner(options, CONF));
    }

    private static Path write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    private static byte[] grayPng(int w, int h, int value) {
        return TestImages.png(TestImages.filled(w, h, (value << 16) | (value << 8) | value));
    }

    private static Map<String, String> rejects(Path out, DatasetManifest m) throws IOException {
        Map<String, String> reasons = new TreeMap<>();
        String csv = Files.readString(out.resolve(m.rejectsFile()));
        for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(
                new java.io.StringReader(csv))) {
            reasons.put(Path.of(java.net.URI.create(r.get("file")).getPath()).getFileName().toString(), r.get("reason"));
        }
        return reasons;
    }

    @Test
    void badInputsAreReportedAndCountedAndTheRestIsIngested() throws IOException {
        Path in = dir.resolve("in");
        write(in.resolve("a-good.png"), grayPng(8, 8, 200));
        write(in.resolve("b-good.jpg"), TestImages.write(TestImages.noise(16, 12, 1), "jpeg"));
        write(in.resolve("c-zero.png"), new byte[0]);
        byte[] png = TestImages.png(TestImages.noise(32, 32, 2));
        write(in.resolve("d-truncated.png"), Arrays.copyOf(png, png.length / 2));
        write(in.resolve("e-text.png"), "hello, I am not an image\n".getBytes(StandardCharsets.UTF_8));
        write(in.resolve("f-cmyk.jpg"), TestImages.adobeCmykJpeg(16, 16, new int[][] {{255, 0, 0, 0}}));
        BufferedImage sixteen = new BufferedImage(8, 8, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < 8; y++) for (int x = 0; x < 8; x++) sixteen.getRaster().setSample(x, y, 0, 0xFFFF);
        write(in.resolve("g-16bit.png"), TestImages.png(sixteen));
        BufferedImage palette = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_INDEXED);
        write(in.resolve("h-palette.png"), TestImages.png(palette));
        write(in.resolve("i-huge.png"), TestImages.pngWithHeader(100_000, 100_000));
        write(in.resolve("j-notes.txt"), "not an image".getBytes(StandardCharsets.UTF_8));
        write(in.resolve(".hidden.png"), new byte[0]);
        Path out = dir.resolve("out");

        Preparation.Report report = prepare(List.of(in), out, options(GRAY_8, 4, PrepareOptions.LabelSource.NONE));

        DatasetManifest m = report.manifest();
        assertEquals(5, m.count(), "good PNG, good JPEG, CMYK JPEG, 16-bit PNG and palette PNG are ingested");
        assertEquals(5, m.rejected());
        Map<String, String> reasons = rejects(out, m);
        assertEquals(List.of("c-zero.png", "d-truncated.png", "e-text.png", "i-huge.png", "j-notes.txt"),
                new ArrayList<>(reasons.keySet()));
        assertTrue(reasons.get("c-zero.png").contains("0 bytes"), reasons.get("c-zero.png"));
        assertTrue(reasons.get("i-huge.png").contains("100000x100000"), reasons.get("i-huge.png"));
        assertTrue(reasons.get("j-notes.txt").contains("unsupported file type"), reasons.get("j-notes.txt"));
        for (String reason : reasons.values()) assertFalse(reason.isBlank());

        // The data set reads back in sorted-name order with the converted pixels.
        ShardedImageSource source = new ShardedImageSource(PreparedDataset.open(out.toString(), CONF), CONF);
        MappedImageBlock all = source.partition(0, 1);
        byte[] pixels = new byte[64];
        all.copyPixels(0, pixels);
        for (byte p : pixels) assertEquals(200, p & 0xFF, "a-good.png is uniformly 200");
        all.copyPixels(3, pixels);
        for (byte p : pixels) assertEquals(255, p & 0xFF, "the 16-bit white PNG becomes 255");
        all.copyPixels(4, pixels);
        for (byte p : pixels) assertEquals(0, p & 0xFF, "the all-index-0 palette PNG is black");
        all.copyPixels(2, pixels);
        // Pure cyan ink: RGB (0, 255, 255), luma 0.587*255 + 0.114*255 = 179.
        assertEquals(179, pixels[27] & 0xFF, 6, "CMYK cyan converted with the right colours");
    }

    @Test
    void unreadableFileIsRejectedWithItsReason() throws IOException {
        Path in = dir.resolve("in");
        write(in.resolve("ok.png"), grayPng(8, 8, 10));
        Path locked = write(in.resolve("locked.png"), grayPng(8, 8, 20));
        Files.setPosixFilePermissions(locked, java.util.Set.of());
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(locked),
                "running as root: permissions are not enforced on local files (HdfsImageTrainingTest covers it)");
        Path out = dir.resolve("out");
        DatasetManifest m = prepare(List.of(in), out, options(GRAY_8, 4, PrepareOptions.LabelSource.NONE)).manifest();
        assertEquals(1, m.count());
        assertTrue(rejects(out, m).get("locked.png").contains("permission denied"), rejects(out, m).toString());
    }

    @Test
    void emptyInputAndNothingUsableAreErrorsThatSayWhy() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        DataFormatException none = assertThrows(DataFormatException.class,
                () -> prepare(List.of(empty), dir.resolve("o1"), options(GRAY_8, 4, PrepareOptions.LabelSource.NONE)));
        assertTrue(none.getMessage().contains("no PNG, JPEG or IDX file"), none.getMessage());

        Path bad = dir.resolve("bad");
        write(bad.resolve("x.png"), new byte[0]);
        write(bad.resolve("y.jpg"), "text".getBytes(StandardCharsets.UTF_8));
        DataFormatException unusable = assertThrows(DataFormatException.class,
                () -> prepare(List.of(bad), dir.resolve("o2"), options(GRAY_8, 4, PrepareOptions.LabelSource.NONE)));
        assertTrue(unusable.getMessage().contains("no usable image") && unusable.getMessage().contains("x.png"),
                unusable.getMessage());
        assertFalse(Files.exists(dir.resolve("o2").resolve(DatasetManifest.FILE_NAME)));
        try (Stream<Path> left = Files.list(dir.resolve("o2"))) {
            assertEquals(0, left.filter(p -> p.getFileName().toString().startsWith("shards-")).count(),
                    "the failed generation is cleaned up");
        }
        assertThrows(IllegalArgumentException.class,
                () -> prepare(List.of(dir.resolve("missing")), dir.resolve("o3"),
                        options(GRAY_8, 4, PrepareOptions.LabelSource.NONE)));
    }

    @Test
    void rerunSwitchesGenerationsAtomicallyAndAFailedRerunKeepsTheOldSet() throws IOException {
        Path first = dir.resolve("first");
        for (int i = 0; i < 3; i++) write(first.resolve("img" + i + ".png"), grayPng(8, 8, 10 + i));
        Path second = dir.resolve("second");
        for (int i = 0; i < 5; i++) write(second.resolve("img" + i + ".png"), grayPng(8, 8, 100 + i));
        Path out = dir.resolve("out");
        PrepareOptions opts = options(GRAY_8, 2, PrepareOptions.LabelSource.NONE);

        DatasetManifest m1 = prepare(List.of(first), out, opts).manifest();
        DatasetManifest m2 = prepare(List.of(second), out, opts).manifest();
        assertEquals(5, PreparedDataset.open(out.toString(), CONF).manifest().count());
        assertFalse(Files.exists(out.resolve("shards-" + m1.generation())), "old generation deleted after the switch");

        // A crash after some shards of a third run: the tasks fail, the second data set stays whole.
        Path third = dir.resolve("third");
        for (int i = 0; i < 4; i++) write(third.resolve("img" + i + ".png"), grayPng(8, 8, 50));
        Preparation.ShardRunner crashing = (jobs, description) -> {
            ShardTask.run(jobs.get(0).item(), jobs.get(0).shardUri(), opts, CONF);
            throw new UncheckedIOException(new IOException("executor lost"));
        };
        assertThrows(UncheckedIOException.class,
                () -> Preparation.run(List.of(third.toString()), out.toString(), opts, CONF, crashing));
        PreparedDataset after = PreparedDataset.open(out.toString(), CONF);
        assertEquals(m2.generation(), after.manifest().generation());
        byte[] pixels = new byte[64];
        new ShardedImageSource(after, CONF).partition(0, 1).copyPixels(4, pixels);
        assertEquals(104, pixels[0] & 0xFF);
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(List.of("shards-" + m2.generation()), left.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("shards-")).collect(Collectors.toList()));
        }
    }

    @Test
    void partitionsSpanShardsInOrderAndFolderLabelsFollowDirectories() throws IOException {
        Path in = dir.resolve("in");
        // 13 images in 3 class folders, 5 per shard: partitions cut across shard boundaries.
        String[] classes = {"cat", "dog", "emu"};
        int value = 0;
        for (int i = 0; i < 13; i++) {
            write(in.resolve(classes[i % 3]).resolve(String.format("img%02d.png", i)), grayPng(8, 8, value++ * 10));
        }
        Path out = dir.resolve("out");
        DatasetManifest m = prepare(List.of(in), out, options(GRAY_8, 5, PrepareOptions.LabelSource.FOLDER)).manifest();
        assertEquals(3, m.shards().size());
        assertEquals(List.of("cat", "dog", "emu"), m.classes());
        assertEquals(List.of(5L, 4L, 4L), m.classCounts());

        // Sorted path order: cat/img00, cat/img03, ..., dog/..., emu/...; expected values and labels.
        List<int[]> expected = new ArrayList<>();
        for (int c = 0; c < 3; c++) for (int i = c; i < 13; i += 3) expected.add(new int[] {i * 10, c});
        ShardedImageSource source = new ShardedImageSource(PreparedDataset.open(out.toString(), CONF), CONF);
        int row = 0;
        byte[] pixels = new byte[64];
        float[] floats = new float[64];
        for (int p = 0; p < 4; p++) {
            MappedImageBlock block = source.partition(p, 4);
            for (int i = 0; i < block.rows(); i++, row++) {
                block.copyPixels(i, pixels);
                assertEquals(expected.get(row)[0], pixels[0] & 0xFF, "image " + row);
                assertEquals(expected.get(row)[1], block.label(i), "label of image " + row);
                block.copyRow(i, floats, 0);
                assertEquals(expected.get(row)[0] / 127.5f - 1f, floats[63], 1e-6f);
            }
        }
        assertEquals(13, row);
        assertEquals(0.0, Math.abs(m.channelMean()[0] - 60.0 / 255), 1e-9, "mean of 0, 10, ..., 120");
    }

    @Test
    void aDamagedDataSetIsRefusedNamingTheProblem() throws IOException {
        Path in = dir.resolve("in");
        for (int i = 0; i < 4; i++) write(in.resolve("img" + i + ".png"), grayPng(8, 8, i));
        Path out = dir.resolve("out");
        DatasetManifest m = prepare(List.of(in), out, options(GRAY_8, 2, PrepareOptions.LabelSource.NONE)).manifest();
        Path shard = out.resolve(m.shards().get(1).file());
        byte[] bytes = Files.readAllBytes(shard);
        Files.write(shard, Arrays.copyOf(bytes, bytes.length - 10));
        DataFormatException truncated = assertThrows(DataFormatException.class,
                () -> PreparedDataset.open(out.toString(), CONF));
        assertTrue(truncated.getMessage().contains("truncated") && truncated.getMessage().contains("part-00001"),
                truncated.getMessage());
        Files.delete(shard);
        assertTrue(assertThrows(DataFormatException.class, () -> PreparedDataset.open(out.toString(), CONF))
                .getMessage().contains("does not exist"));
        Path manifest = out.resolve(DatasetManifest.FILE_NAME);
        Files.writeString(manifest, Files.readString(manifest).replace("\"count\" : 4", "\"count\" : 5"));
        assertTrue(assertThrows(DataFormatException.class, () -> PreparedDataset.open(out.toString(), CONF))
                .getMessage().contains("changed or damaged outside sparkgan"));
        Files.delete(out.resolve("." + DatasetManifest.FILE_NAME + ".crc"));
        assertTrue(assertThrows(DataFormatException.class, () -> PreparedDataset.open(out.toString(), CONF))
                .getMessage().contains("count says 5"));
        assertTrue(assertThrows(DataFormatException.class, () -> PreparedDataset.open(dir.toString(), CONF))
                .getMessage().contains("sparkgan prepare"));
    }

    @Test
    void idxPairsBecomeLabelledShardsAndBadIdxFilesAreRejected() throws IOException {
        Path in = dir.resolve("in");
        int n = 7;
        byte[] images = new byte[16 + n * 4];
        java.nio.ByteBuffer.wrap(images).putInt(0x00000803).putInt(n).putInt(2).putInt(2);
        for (int i = 0; i < n * 4; i++) images[16 + i] = (byte) (i * 9);
        byte[] labels = new byte[8 + n];
        java.nio.ByteBuffer.wrap(labels).putInt(0x00000801).putInt(n);
        for (int i = 0; i < n; i++) labels[8 + i] = (byte) (i % 3);
        write(in.resolve("train-images-idx3-ubyte"), images);
        write(in.resolve("train-labels-idx1-ubyte"), labels);
        byte[] wrongCount = labels.clone();
        java.nio.ByteBuffer.wrap(wrongCount).putInt(4, n - 1);
        write(in.resolve("other-images-idx3-ubyte"), images);
        write(in.resolve("other-labels-idx1-ubyte"), Arrays.copyOf(wrongCount, wrongCount.length - 1));
        Path out = dir.resolve("out");
        DatasetManifest m = prepare(List.of(in), out, options(new ImageShape(2, 2, 1), 3,
                PrepareOptions.LabelSource.NONE)).manifest();
        assertEquals(n, m.count());
        assertTrue(m.labelled());
        assertEquals(List.of(3L, 2L, 2L, 0L, 0L, 0L, 0L, 0L, 0L, 0L), m.classCounts());
        Map<String, String> reasons = rejects(out, m);
        assertTrue(reasons.get("other-images-idx3-ubyte").contains("6 labels"), reasons.toString());
        MappedImageBlock block = new ShardedImageSource(PreparedDataset.open(out.toString(), CONF), CONF).partition(0, 1);
        byte[] px = new byte[4];
        block.copyPixels(5, px);
        assertEquals((5 * 4 + 3) * 9 & 0xFF, px[3] & 0xFF);
        assertEquals(2, block.label(5));
    }

    @Test
    void realFashionMnistTestSplitWhenInstalled() {
        Path fm = Path.of("/usr/share/datasets/fashion-mnist");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fm),
                "Debian package dataset-fashion-mnist not installed (.ci/run installs it)");
        PrepareOptions opts = options(new ImageShape(28, 28, 1), 4000, PrepareOptions.LabelSource.NONE);
        DatasetManifest m = prepare(List.of(fm.resolve("t10k-images-idx3-ubyte.gz"), fm.resolve("t10k-labels-idx1-ubyte.gz")),
                dir.resolve("fm"), opts).manifest();
        assertEquals(10000, m.count());
        assertEquals(3, m.shards().size());
        for (long c : m.classCounts()) assertEquals(1000, c);
        assertEquals(0.286, m.channelMean()[0], 0.002, "Fashion-MNIST's well-known mean");
    }
}
