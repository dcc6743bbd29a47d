package io.sparkgan.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.sparkgan.config.GanConfig;
import io.sparkgan.dataset.PrepareOptions;
import io.sparkgan.images.Background;
import io.sparkgan.images.ImageShape;
import io.sparkgan.run.Checkpoint;
import io.sparkgan.spark.PrepareJob;
import io.sparkgan.spark.SparkTraining;
import io.sparkgan.util.DataFormatException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image DataFrames: a folder of real PNG and JPEG files (RGB, gray, RGBA) read with Spark's image
 * source and with binaryFile trains, in sync mode with a fixed seed, the same parameters as the
 * command line on the set {@code sparkgan prepare} makes of the same files; bad files (damaged,
 * not an image, another size, null) fail the fit naming the file; the model generates images.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GanEstimatorImageTest {
    private static final int SIDE = 8;
    private static final int ROUNDS = 3;

    @TempDir
    Path dir;

    private SparkSession spark;
    private JavaSparkContext sc;

    @BeforeAll
    void start() {
        spark = MlTestSession.start();
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    void stop() {
        spark.stop();
    }

    /** Random 8x8 images: 9 RGB PNGs, a gray PNG, an RGBA PNG with varied alpha, an RGB JPEG; names in sorted order. */
    private Path goodImages(Path folder) throws Exception {
        Files.createDirectories(folder);
        Random rng = new Random(3);
        for (int i = 0; i < 9; i++) write(folder.resolve(String.format("img%02d.png", i)), random(BufferedImage.TYPE_3BYTE_BGR, rng), "png");
        write(folder.resolve("img09.png"), random(BufferedImage.TYPE_BYTE_GRAY, rng), "png");
        write(folder.resolve("img10.png"), random(BufferedImage.TYPE_4BYTE_ABGR, rng), "png");
        write(folder.resolve("img11.jpg"), random(BufferedImage.TYPE_3BYTE_BGR, rng), "jpg");
        return folder;
    }

    private static BufferedImage random(int type, Random rng) {
        BufferedImage image = new BufferedImage(SIDE, SIDE, type);
        int bands = image.getRaster().getNumBands();
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                for (int b = 0; b < bands; b++) image.getRaster().setSample(x, y, b, rng.nextInt(256));
            }
        }
        return image;
    }

    private static void write(Path file, BufferedImage image, String format) throws Exception {
        assertTrue(ImageIO.write(image, format, file.toFile()), "no ImageIO writer for " + format);
    }

    /** {@code data} as two partitions: the first half of the files by name, then the second (prepare's order). */
    private static Dataset<Row> inPreparedOrder(Dataset<Row> data, String fileColumn, List<String> names) {
        List<String> first = names.subList(0, names.size() / 2);
        Dataset<Row> a = data.where(fileName(fileColumn).isin(first.toArray())).coalesce(1).sortWithinPartitions(fileColumn);
        Dataset<Row> b = data.where(org.apache.spark.sql.functions.not(fileName(fileColumn).isin(first.toArray()))).coalesce(1)
                .sortWithinPartitions(fileColumn);
        Dataset<Row> both = a.union(b);
        assertEquals(2, both.javaRDD().getNumPartitions());
        return both;
    }

    private static org.apache.spark.sql.Column fileName(String fileColumn) {
        return org.apache.spark.sql.functions.element_at(org.apache.spark.sql.functions.split(col(fileColumn), "/"), -1);
    }

    private static GanEstimator estimator(String column) {
        return new GanEstimator().setFeaturesCol(column).setSeed(5).setRounds(ROUNDS).setBatchPerPartition(4)
                .setLatentDim(4).setGeneratorHidden(new int[] {16}).setDiscriminatorHidden(new int[] {16})
                .setCheckpointEvery(0).setSamplesEveryRounds(0).setImageSize(SIDE).setChannels(3).setImageResize(true)
                .setImageBackground("white");
    }

    private Checkpoint commandLine(String prepared) {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("data.source", "images");
        keys.put("data.path", prepared);
        keys.put("data.partitions", 2);
        keys.put("run.output", dir.resolve("runs").toString());
        keys.put("run.name", "cli");
        keys.put("run.seed", 5);
        keys.put("train.rounds", ROUNDS);
        keys.put("train.batch-per-partition", 4);
        keys.put("model.latent-dim", 4);
        keys.put("model.generator-hidden", List.of(16));
        keys.put("model.discriminator-hidden", List.of(16));
        keys.put("checkpoint.every", 0);
        keys.put("samples.every-rounds", 0);
        keys.put("log.progress", false);
        return SparkTraining.train(sc, GanConfig.layered("", "", keys, "test"), List.of());
    }

    @Test
    void imageSourceAndBinaryFilesTrainWhatThePreparedSetTrains() throws Exception {
        Path folder = goodImages(dir.resolve("good"));
        List<String> names = new ArrayList<>(Arrays.asList(folder.toFile().list()));
        names.sort(null);
        String prepared = dir.resolve("prepared").toUri().toString();
        PrepareJob.run(sc, List.of(folder.toUri().toString()), prepared, new PrepareOptions(
                new ImageShape(SIDE, SIDE, 3), PrepareOptions.LabelSource.NONE, 5, 1_000_000, 1 << 20, Background.WHITE));
        Checkpoint cli = commandLine(prepared);

        Dataset<Row> images = inPreparedOrder(spark.read().format("image").load(folder.toString()), "image.origin", names);
        GanModel fromImages = estimator("image").fit(images);
        assertClose(cli.thetaG().floats(), fromImages.checkpoint().thetaG().floats());
        assertClose(cli.thetaD().floats(), fromImages.checkpoint().thetaD().floats());

        Dataset<Row> files = inPreparedOrder(spark.read().format("binaryFile").load(folder.toString()), "path", names);
        GanModel fromFiles = estimator("content").fit(files);
        assertClose(cli.thetaG().floats(), fromFiles.checkpoint().thetaG().floats());
        assertClose(cli.thetaD().floats(), fromFiles.checkpoint().thetaD().floats());

        // generated examples come back as the input's kind: Spark image structs, PNG files
        Row image = fromImages.generate(spark, 3, 1).first().getStruct(0);
        assertEquals(List.of(SIDE, SIDE, 3, ImageColumn.CV_8UC3), List.of(image.getInt(1), image.getInt(2),
                image.getInt(3), image.getInt(4)));
        assertEquals(SIDE * SIDE * 3, ((byte[]) image.get(5)).length);
        byte[] png = (byte[]) fromFiles.generate(spark, 3, 1).first().get(0);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(decoded, "generated bytes are a PNG file");
        assertEquals(SIDE, decoded.getWidth());
        // the same generator, so the same pixels, in either kind: BGR in the struct, RGB in the PNG
        byte[] bgr = (byte[]) image.get(5);
        int rgb = decoded.getRGB(0, 0);
        assertEquals(List.of((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff),
                List.of(bgr[2] & 0xff, bgr[1] & 0xff, bgr[0] & 0xff));

        // saved and loaded, an image model keeps its kind and shape
        String path = dir.resolve("saved").toUri().toString();
        fromImages.write().save(path);
        GanModel loaded = GanModel.load(path);
        assertEquals(new ImageShape(SIDE, SIDE, 3), loaded.imageShape());
        assertEquals(fromImages.generate(spark, 5, 2).collectAsList(), loaded.generate(spark, 5, 2).collectAsList());
        Dataset<Row> seeds = spark.range(4).withColumnRenamed("id", "seed");
        assertInstanceOf(Row.class, loaded.transform(seeds).first().get(1));
    }

    @Test
    void badFilesFailTheFitNamingTheFile() throws Exception {
        Path folder = goodImages(dir.resolve("bad"));
        byte[] whole = Files.readAllBytes(folder.resolve("img03.png"));
        Files.write(folder.resolve("img04.png"), Arrays.copyOf(whole, whole.length / 2)); // damaged: cut short
        Files.writeString(folder.resolve("img05.png"), "not an image at all");

        DataFormatException viaFiles = assertThrows(DataFormatException.class, () -> estimator("content")
                .fit(spark.read().format("binaryFile").load(folder.toString()).where(fileName("path").isin("img04.png",
                        "img00.png"))));
        assertTrue(viaFiles.getMessage().contains("img04.png: ") && viaFiles.getMessage().contains("PNG data"), viaFiles.getMessage());
        assertTrue(viaFiles.getMessage().contains("column 'content'"), viaFiles.getMessage());
        DataFormatException notImage = assertThrows(DataFormatException.class, () -> estimator("content")
                .fit(spark.read().format("binaryFile").load(folder.toString()).where(fileName("path").equalTo("img05.png"))));
        assertTrue(notImage.getMessage().contains("img05.png: not a PNG or JPEG image"), notImage.getMessage());

        // Spark's image source keeps an undecodable file as a row with its origin and no pixels
        DataFormatException viaImages = assertThrows(DataFormatException.class, () -> estimator("image")
                .fit(spark.read().format("image").load(folder.toString()).where(fileName("image.origin")
                        .equalTo("img05.png"))));
        assertTrue(viaImages.getMessage().contains("img05.png: Spark's image source could not decode"),
                viaImages.getMessage());

        // another size, with resizing off: refused naming the file and both shapes
        write(folder.resolve("img06.png"), random(BufferedImage.TYPE_3BYTE_BGR, new Random(1)).getSubimage(0, 0, 6, 6), "png");
        Dataset<Row> sized = spark.read().format("image").load(folder.toString())
                .where(fileName("image.origin").isin("img00.png", "img01.png", "img06.png")).coalesce(1)
                .sortWithinPartitions("image.origin");
        DataFormatException size = assertThrows(DataFormatException.class, () -> estimator("image")
                .setImageResize(false).fit(sized));
        assertTrue(size.getMessage().contains("img06.png: image is 6x6x3"), size.getMessage());
        assertTrue(size.getMessage().contains("8x8x3 (the size of this partition's first image, ")
                && size.getMessage().contains("img00.png)"), size.getMessage());

        // an MLP without resizing takes the first image's shape; a gray file among RGB ones is refused
        Dataset<Row> mixed = spark.read().format("image").load(folder.toString())
                .where(fileName("image.origin").isin("img00.png", "img09.png")).coalesce(1)
                .sortWithinPartitions("image.origin");
        DataFormatException channels = assertThrows(DataFormatException.class, () -> estimator("image")
                .setImageResize(false).fit(mixed));
        assertTrue(channels.getMessage().contains("img09.png: image is 8x8x1"), channels.getMessage());
        assertTrue(channels.getMessage().contains("img00.png"), channels.getMessage());

        // a convolutional model's shape is its config's
        DataFormatException dcgan = assertThrows(DataFormatException.class, () -> estimator("image").setImageResize(false)
                .setModelType("dcgan").setImageSize(28).setChannels(1).setGeneratorHidden(new int[] {16})
                .fit(spark.read().format("image").load(folder.toString()).where(fileName("image.origin").equalTo("img00.png"))));
        assertTrue(dcgan.getMessage().contains("img00.png: image is 8x8x3")
                && dcgan.getMessage().contains("the model's images are 28x28x1 (model.image-size = 28"),
                dcgan.getMessage());

        // a null image
        Dataset<Row> nulls = spark.read().format("binaryFile").load(folder.toString())
                .where(fileName("path").isin("img00.png", "img01.png"))
                .withColumn("content", when(fileName("path").equalTo("img01.png"), lit(null)).otherwise(col("content")));
        DataFormatException none = assertThrows(DataFormatException.class, () -> estimator("content").fit(nulls));
        assertTrue(none.getMessage().contains("img01.png: the image is null"), none.getMessage());
    }

    @Test
    void transformSchemaAcceptsImageColumnsAndNamesTheColumnOfOthers() throws Exception {
        Path folder = goodImages(dir.resolve("schema"));
        estimator("image").transformSchema(spark.read().format("image").load(folder.toString()).schema());
        estimator("content").transformSchema(spark.read().format("binaryFile").load(folder.toString()).schema());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> estimator("path")
                .transformSchema(spark.read().format("binaryFile").load(folder.toString()).schema()));
        assertTrue(e.getMessage().contains("column 'path' (featuresCol) is of type string"), e.getMessage());
        GanEstimator purple = estimator("image");
        purple.set(purple.imageBackground(), "purple");
        IllegalArgumentException background = assertThrows(IllegalArgumentException.class, () -> purple
                .transformSchema(spark.read().format("image").load(folder.toString()).schema()));
        assertTrue(background.getMessage().contains("imageBackground"), background.getMessage());
    }

    private static void assertClose(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], 1e-5, "parameter " + i);
    }
}
