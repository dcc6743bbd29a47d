package io.sparkgan.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.cli.Cli;
import io.sparkgan.run.Checkpoint;
import io.sparkgan.run.RunFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
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
 * One path: a Pipeline of VectorAssembler and GanEstimator fitted on Parquet data trains, in sync
 * mode with a fixed seed, the same parameters (within 1e-5) as {@code sparkgan train} run in this
 * JVM on a CSV file of the same rows in the same partitions; the model and the whole PipelineModel
 * save, load and generate the same rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GanEstimatorPipelineTest {
    private static final int ROWS = 240;
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

    /** 2-D points as floats (exact in CSV and in double columns alike), written as 2 Parquet files; returns the path. */
    private String writeParquetPoints() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            float x = (float) Math.sin(i * 0.7);
            float y = (float) (0.5 * Math.cos(i * 1.3));
            rows.add(RowFactory.create((double) x, (double) y));
        }
        StructType schema = new StructType().add("x", DataTypes.DoubleType, false).add("y", DataTypes.DoubleType, false);
        String path = dir.resolve("points.parquet").toString();
        spark.createDataFrame(sc.parallelize(rows, 2), schema).write().parquet(path);
        return path;
    }

    /** The rows of {@code data} in partition order, as the CLI's CSV input (equal partitions: the same blocks). */
    private String csvOf(Dataset<Row> data) throws Exception {
        StringBuilder csv = new StringBuilder();
        List<List<Row>> partitions = data.javaRDD().glom().collect();
        for (List<Row> p : partitions) {
            assertEquals(ROWS / 2, p.size());
            for (Row r : p) csv.append((float) r.getDouble(0)).append(',').append((float) r.getDouble(1)).append('\n');
        }
        Path file = dir.resolve("points.csv");
        Files.writeString(file, csv.toString(), StandardCharsets.UTF_8);
        return file.toString();
    }

    private static GanEstimator estimator() {
        return new GanEstimator().setFeaturesCol("features").setSeed(11).setRounds(ROUNDS).setBatchPerPartition(16)
                .setLatentDim(4).setGeneratorHidden(new int[] {16, 16}).setDiscriminatorHidden(new int[] {16, 16})
                .setCheckpointEvery(0).setSamplesEveryRounds(0);
    }

    /**
     * {@code sparkgan train} on {@code csv} with the estimator's settings, in this JVM (the test's
     * session is stopped meanwhile: one SparkContext per JVM); returns the trained checkpoint.
     */
    private Checkpoint commandLine(String csv) throws Exception {
        Path conf = dir.resolve("cli.conf");
        Files.writeString(conf, """
                data { source = csv, path = "%s", partitions = 2 }
                run { output = "%s", name = cli, seed = 11 }
                train { rounds = %d, batch-per-partition = 16 }
                model { latent-dim = 4, generator-hidden = [16, 16], discriminator-hidden = [16, 16] }
                checkpoint.every = 0
                samples.every-rounds = 0
                log.progress = false
                """.formatted(csv, dir.resolve("runs"), ROUNDS), StandardCharsets.UTF_8);
        spark.stop();
        try {
            Cli.Result train = Cli.run("train", "-c", conf.toString(), "--master", "local[2]",
                    "--spark-conf", "spark.ui.enabled=false");
            assertEquals(0, train.code(), train.err());
        } finally {
            spark = MlTestSession.start();
            sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        }
        Path model = dir.resolve("runs/cli").resolve(RunFiles.MODEL);
        return Checkpoint.fromBytes(Files.readAllBytes(model), model.toString());
    }

    @Test
    void aPipelineOnParquetTrainsWhatTheCommandLineTrainsAndReloadsToTheSameRows() throws Exception {
        String parquet = writeParquetPoints();
        Checkpoint cli = commandLine(csvOf(spark.read().parquet(parquet)));

        Dataset<Row> points = spark.read().parquet(parquet);
        assertEquals(2, points.javaRDD().getNumPartitions(), "one partition per Parquet file");
        String runDir = dir.resolve("runs/ml").toUri().toString();
        VectorAssembler assembler = new VectorAssembler().setInputCols(new String[] {"x", "y"}).setOutputCol("features");
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {assembler, estimator().setOutputDir(runDir)});
        PipelineModel fitted = pipeline.fit(points);
        GanModel model = assertInstanceOf(GanModel.class, fitted.stages()[1]);

        Checkpoint ml = model.checkpoint();
        assertEquals(ROUNDS, ml.roundsDone());
        assertClose(cli.thetaG().floats(), ml.thetaG().floats());
        assertClose(cli.thetaD().floats(), ml.thetaD().floats());

        // the usual run directory
        for (String file : List.of(RunFiles.CONFIG, RunFiles.PROVENANCE, RunFiles.METRICS, RunFiles.MODEL,
                RunFiles.FINAL_SAMPLES)) {
            assertTrue(Files.exists(dir.resolve("runs/ml").resolve(file)), file);
        }
        assertTrue(Files.readString(dir.resolve("runs/ml").resolve(RunFiles.CONFIG)).contains("dataframe"));

        // save and load: the model alone and the whole pipeline generate the same rows
        List<Row> before = model.generate(spark, 40, 5).collectAsList();
        assertEquals(40, before.size());
        assertInstanceOf(Vector.class, before.get(0).get(0));
        assertEquals(2, ((Vector) before.get(0).get(0)).size());
        String modelPath = dir.resolve("saved/model").toUri().toString();
        model.write().save(modelPath);
        GanModel loaded = GanModel.load(modelPath);
        assertEquals(model.uid(), loaded.uid());
        assertEquals(before, loaded.generate(spark, 40, 5).collectAsList());

        String pipelinePath = dir.resolve("saved/pipeline").toUri().toString();
        fitted.write().save(pipelinePath);
        PipelineModel reloaded = PipelineModel.load(pipelinePath);
        GanModel fromPipeline = assertInstanceOf(GanModel.class, reloaded.stages()[1]);
        assertEquals(before, fromPipeline.generate(spark, 40, 5).collectAsList());

        // transform: one example per seed, the same for the same seed
        Dataset<Row> seeds = spark.range(12).withColumnRenamed("id", "seed");
        List<Row> a = model.transform(seeds).collectAsList();
        List<Row> b = fromPipeline.transform(seeds.repartition(3)).orderBy("seed").collectAsList();
        assertEquals(a, b);
        assertEquals(List.of("seed", "generated"), List.of(model.transform(seeds).columns()));
    }

    private static void assertClose(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5, "parameter " + i);
        }
    }
}
