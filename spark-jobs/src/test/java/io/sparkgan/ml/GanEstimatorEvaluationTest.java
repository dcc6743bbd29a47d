package io.sparkgan.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgan.cli.Cli;
import io.sparkgan.config.ConfigError;
import io.sparkgan.data.ExampleBlock;
import io.sparkgan.dataset.PreparedDataset;
import io.sparkgan.dataset.ShardedImageSource;
import io.sparkgan.evaluator.EvaluatorTraining;
import io.sparkgan.evaluator.SyntheticDigits;
import io.sparkgan.run.RunFiles;
import io.sparkgan.util.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluation during a fit: a DCGAN fitted on a DataFrame of image vectors with
 * evaluation.every-rounds set writes the quality.jsonl that {@code sparkgan train} writes on the
 * prepared image set holding the same images in the same partitions (the same rounds, fields and
 * scores: one training core). Evaluation of a model without an image shape is refused, naming the key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GanEstimatorEvaluationTest {
    private static final int IMAGES = 600;

    /**
     * The settings of both runs: a small 28x28 DCGAN, sync mode, scored every 10 rounds and after
     * round 21 (by then G's running batch-norm statistics, with which it samples, have moved far
     * enough from their initial values for its images to differ from one another).
     */
    private static final String SETTINGS = """
            run.seed = 5
            train { rounds = 21, batch-per-partition = 8, mode = sync, local-steps = 1 }
            model { type = dcgan, image-size = 28, channels = 1, latent-dim = 4, base-width = 4 }
            checkpoint.every = 0
            samples.every-rounds = 0
            log.progress = false
            evaluation { every-rounds = 10, evaluator = "%s", samples = 100 }
            """;

    @TempDir
    static Path dir;

    private SparkSession spark;
    private String images;
    private String evaluator;

    @BeforeAll
    void prepareImagesAndEvaluator() throws Exception {
        images = SyntheticDigits.prepare(dir.resolve("train"), IMAGES, 1);
        String test = SyntheticDigits.prepare(dir.resolve("test"), 200, 2);
        evaluator = dir.resolve("evaluator").toString();
        spark = MlTestSession.start();
        EvaluatorTraining.run(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                new EvaluatorTraining.Options(images, test, evaluator, 1, 32, 5, 1e-3, 7, false, null));
    }

    @AfterAll
    void stop() {
        if (spark != null) spark.stop();
    }

    /** The prepared set's images (as training reads them) in 2 DataFrame partitions: the CLI's 2 blocks. */
    private Dataset<Row> imagesAsVectors() {
        ShardedImageSource source = new ShardedImageSource(PreparedDataset.open(images, new Configuration()),
                new Configuration());
        List<Row> rows = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            ExampleBlock block = source.partition(p, 2);
            for (int i = 0; i < block.rows(); i++) {
                float[] pixels = new float[block.dim()];
                block.copyRow(i, pixels, 0);
                Float[] boxed = new Float[pixels.length];
                for (int j = 0; j < pixels.length; j++) boxed[j] = pixels[j];
                rows.add(RowFactory.create((Object) boxed));
            }
        }
        StructType schema = new StructType().add("image", DataTypes.createArrayType(DataTypes.FloatType, false), false);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return spark.createDataFrame(sc.parallelize(rows, 2), schema);
    }

    /** {@code sparkgan train} on the prepared set, in this JVM (the session is stopped meanwhile). */
    private Path commandLine() throws Exception {
        Path conf = dir.resolve("cli.conf");
        Files.writeString(conf, SETTINGS.formatted(evaluator) + """
                data { source = images, path = "%s", partitions = 2 }
                run { output = "%s", name = cli }
                """.formatted(images, dir.resolve("runs")), StandardCharsets.UTF_8);
        spark.stop();
        try {
            Cli.Result r = Cli.run("train", "-c", conf.toString(), "--master", "local[2]",
                    "--spark-conf", "spark.ui.enabled=false");
            assertEquals(0, r.code(), r.err());
        } finally {
            spark = MlTestSession.start();
        }
        return dir.resolve("runs/cli");
    }

    private static List<JsonNode> quality(Path run) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("quality.jsonl"))) lines.add(Json.mapper().readTree(line));
        return lines;
    }

    private static List<String> fields(JsonNode line) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = line.fieldNames(); it.hasNext(); ) names.add(it.next());
        return names;
    }

    @Test
    void aFitOfAnImageModelWritesTheQualityFileTheCommandLineWrites() throws Exception {
        Path cliRun = commandLine();
        Dataset<Row> data = imagesAsVectors();
        Path fitRun = dir.resolve("runs/fit");
        GanModel model = new GanEstimator().setConfig(SETTINGS.formatted(evaluator)).setFeaturesCol("image")
                .setOutputDir(fitRun.toUri().toString()).fit(data);
        assertEquals(21, model.checkpoint().roundsDone());

        List<JsonNode> cli = quality(cliRun);
        List<JsonNode> fit = quality(fitRun);
        assertEquals(List.of(10, 20, 21), fit.stream().map(l -> l.get("round").asInt()).toList(),
                "every 10 rounds and after the last");
        assertEquals(cli.size(), fit.size());
        for (int i = 0; i < fit.size(); i++) {
            JsonNode c = cli.get(i);
            JsonNode f = fit.get(i);
            assertEquals(fields(c), fields(f), "the report reads the same names");
            assertEquals(c.get("round"), f.get("round"));
            assertEquals(f.get("round").asInt() * 16L, f.get("examplesSeen").asLong(), "2 partitions x 8 a round");
            assertEquals(c.get("examplesSeen"), f.get("examplesSeen"));
            double is = f.get("inceptionScore").asDouble();
            assertTrue(is >= 1 && is <= 10.0001, "IS " + is);
            assertEquals(c.get("inceptionScore").asDouble(), is, 1e-5 * is, "the same generator, the same images");
            assertEquals(c.get("fid").asDouble(), f.get("fid").asDouble(), 1e-5 * c.get("fid").asDouble());
            assertEquals(c.get("classHistogram"), f.get("classHistogram"));
            long total = 0;
            for (JsonNode n : f.get("classHistogram")) total += n.asLong();
            assertEquals(100, total, "evaluation.samples images scored");
        }
        assertTrue(Files.isRegularFile(fitRun.resolve(RunFiles.FINAL_SAMPLES)), "an image model's final samples");
    }

    @Test
    void evaluationOfAModelWithoutAnImageShapeIsRefusedNamingTheKey() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) rows.add(RowFactory.create((Object) new Float[] {i * 0.01f, 1 - i * 0.01f}));
        StructType schema = new StructType().add("v", DataTypes.createArrayType(DataTypes.FloatType, false), false);
        Dataset<Row> points = spark.createDataFrame(rows, schema);
        GanEstimator mlp = new GanEstimator().setFeaturesCol("v").setRounds(1).setBatchPerPartition(4)
                .setEvaluationEveryRounds(1).setEvaluationEvaluator(evaluator);
        ConfigError e = assertThrows(ConfigError.class, () -> mlp.fit(points));
        assertTrue(e.getMessage().contains("'evaluation.every-rounds'") && e.getMessage().contains("image"),
                e.getMessage());
    }
}
