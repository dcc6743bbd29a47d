package io.sparkgan.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.config.ConfigError;
import io.sparkgan.util.DataFormatException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
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

/**
 * Bad input is refused with the column and an offending row named, before training: nothing trains
 * on bad rows silently. Also: empty partitions are left out, and array columns train.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GanEstimatorBadInputTest {
    private static final StructType ARRAYS = new StructType()
            .add("features", DataTypes.createArrayType(DataTypes.DoubleType, true), true)
            .add("label", DataTypes.DoubleType, true);

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

    private static GanEstimator small() {
        return new GanEstimator().setRounds(1).setBatchPerPartition(4).setLatentDim(2)
                .setGeneratorHidden(new int[] {4}).setDiscriminatorHidden(new int[] {4}).setCheckpointEvery(0)
                .setSamplesEveryRounds(0);
    }

    /** 2 partitions of 8 rows, [i, -i] and label i mod 3; {@code bad} replaces row 11 (row 3 of partition 1). */
    private Dataset<Row> arrays(Row bad) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 16; i++) rows.add(RowFactory.create(arr(0.1 * i, -0.1 * i), (double) (i % 3)));
        if (bad != null) rows.set(11, bad);
        return spark.createDataFrame(sc.parallelize(rows, 2), ARRAYS);
    }

    /** An array value as createDataFrame takes it (a Java array; a java.util.List is refused). */
    private static Double[] arr(Double... values) {
        return values;
    }

    private DataFormatException badRow(GanEstimator estimator, Row bad) {
        return assertThrows(DataFormatException.class, () -> estimator.fit(arrays(bad)));
    }

    private static void assertNames(String message, String... parts) {
        for (String p : parts) assertTrue(message.contains(p), "'" + p + "' missing from: " + message);
    }

    @Test
    void aSelfConditionedFitClustersTheRowsWhereTheyAreAndSamplesByTheClustersShares() {
        // [0.1 i, -0.1 i] for i < 16: k-means with 2 clusters splits the line into two halves of 8
        GanModel model = small().setClusters(2).fit(arrays(null).select("features"));
        assertEquals(2, model.checkpoint().classes());
        long[] counts = model.checkpoint().clusters().counts();
        assertEquals(16, counts[0] + counts[1]);
        assertEquals(8, counts[0]);
        assertEquals(10, model.generate(spark, 10, 1).count());
    }

    @Test
    void arrayColumnsTrainAndGenerateArrays() {
        GanModel model = small().fit(arrays(null));
        assertEquals(1, model.checkpoint().roundsDone());
        assertEquals(FeatureKind.DOUBLE_ARRAY, model.featureKind());
        Row row = model.transform(spark.range(3).withColumnRenamed("id", "seed")).first();
        assertEquals(2, row.getList(1).size());

        // latent vectors given in a column: the same z gives the same example
        StructType latents = new StructType().add("z", DataTypes.createArrayType(DataTypes.DoubleType, true));
        Dataset<Row> z = spark.createDataFrame(List.of(RowFactory.create((Object) arr(0.5, -1.0)),
                RowFactory.create((Object) arr(0.5, -1.0))), latents);
        List<Row> out = model.setLatentCol("z").transform(z).collectAsList();
        assertEquals(out.get(0).getList(1), out.get(1).getList(1));
        Dataset<Row> wrongLength = spark.createDataFrame(List.of(RowFactory.create((Object) arr(0.5))), latents);
        Exception e = assertThrows(Exception.class, () -> model.transform(wrongLength).collectAsList());
        assertNames(e.getMessage(), "column 'z'", "row 0", "1 values", "latent vectors have 2");
    }

    @Test
    void nullNanAndRaggedRowsNameTheColumnAndTheRow() {
        assertNames(badRow(small(), RowFactory.create(null, 0.0)).getMessage(), "column 'features'", "row 3",
                "partition 1", "null");
        assertNames(badRow(small(), RowFactory.create(arr(1.0, Double.NaN), 0.0)).getMessage(),
                "column 'features'", "row 3", "partition 1", "NaN", "position 1");
        assertNames(badRow(small(), RowFactory.create(arr(1.0, null), 0.0)).getMessage(),
                "column 'features'", "row 3", "partition 1", "null at position 1");
        assertNames(badRow(small(), RowFactory.create(arr(1.0, 2.0, 3.0), 0.0)).getMessage(),
                "column 'features'", "row 3", "partition 1", "3 values", "has 2");
    }

    @Test
    void examplesOfDifferentLengthsInDifferentPartitionsAreRefused() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 8; i++) rows.add(RowFactory.create(arr(1.0 * i, 2.0), 0.0));
        for (int i = 0; i < 8; i++) rows.add(RowFactory.create(arr(1.0 * i, 2.0, 3.0), 0.0));
        Dataset<Row> data = spark.createDataFrame(sc.parallelize(rows, 2), ARRAYS);
        DataFormatException e = assertThrows(DataFormatException.class, () -> small().fit(data));
        assertNames(e.getMessage(), "column 'features'", "different lengths", "row 0 of DataFrame partition 1",
                "3 values", "[0.0, 2.0, 3.0]");
    }

    @Test
    void anEmptyDataFrameIsRefusedAndEmptyPartitionsAreLeftOut() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> small().fit(arrays(null).filter("label > 5")));
        assertNames(e.getMessage(), "column 'features'", "no rows");
        // label 0 only: rows 0, 3, 6, 9, 12, 15 in 4 partitions, some of them empty
        Dataset<Row> sparse = spark.createDataFrame(sc.parallelize(arrays(null).collectAsList(), 8), ARRAYS)
                .filter("label = 0 AND features[0] < 0.35");
        GanModel model = small().fit(sparse);
        assertEquals(1, model.checkpoint().roundsDone());
    }

    @Test
    void labelsOutOfRangeNameTheColumnAndTheRow() {
        GanEstimator conditional = small().setConditional(true).setLabelCol("label");
        assertNames(badRow(conditional, RowFactory.create(arr(1.0, 2.0), -1.0)).getMessage(),
                "column 'label'", "row 3", "partition 1", "-1.0");
        assertNames(badRow(conditional, RowFactory.create(arr(1.0, 2.0), 1.5)).getMessage(),
                "column 'label'", "row 3", "1.5");
        assertNames(badRow(conditional.copy(new org.apache.spark.ml.param.ParamMap()).setNumClasses(3),
                RowFactory.create(arr(1.0, 2.0), 7.0)).getMessage(), "column 'label'", "row 3", "label 7",
                "0..2");
        assertNames(badRow(conditional, RowFactory.create(arr(1.0, 2.0), null)).getMessage(),
                "column 'label'", "row 3", "null");
        GanModel model = conditional.fit(arrays(null));
        assertEquals(3, model.numClasses());
        Dataset<Row> asks = spark.range(4).withColumnRenamed("id", "seed").selectExpr("seed", "seed % 3 AS label");
        assertEquals(4, model.transform(asks).count());
        Exception outside = assertThrows(Exception.class,
                () -> model.transform(spark.range(4).selectExpr("id AS seed", "id + 1 AS label")).collectAsList());
        assertNames(outside.getMessage(), "column 'label'", "class 3.0", "0..2");
        Dataset<Row> generated = model.generate(spark, 6, 1, 2);
        assertEquals(List.of("generated", "id", "label"), List.of(generated.columns()));
        assertTrue(generated.collectAsList().stream().allMatch(r -> r.getInt(2) == 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.generate(spark, 6, 1, 3));
        assertNames(e.getMessage(), "class 3", "0..2");
    }

    @Test
    void wrongColumnsAndSettingsAreRefusedBeforeAnyJob() {
        int jobs = sc.statusTracker().getJobIdsForGroup(null).length;
        StructType strings = new StructType().add("features", DataTypes.StringType);
        Dataset<Row> text = spark.createDataFrame(List.of(RowFactory.create("1,2")), strings);
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class, () -> small().fit(text));
        assertNames(wrongType.getMessage(), "column 'features'", "featuresCol", "string", "VectorAssembler");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> small().setFeaturesCol("points").fit(text));
        assertNames(missing.getMessage(), "column 'points'", "featuresCol", "[features]");
        IllegalArgumentException noLabels = assertThrows(IllegalArgumentException.class,
                () -> small().setConditional(true).fit(arrays(null)));
        assertNames(noLabels.getMessage(), "labelCol", "model.conditional");
        ConfigError badParam = assertThrows(ConfigError.class, () -> small().setRounds(0).fit(arrays(null)));
        assertNames(badParam.getMessage(), "train.rounds", "param rounds");
        ConfigError dataKey = assertThrows(ConfigError.class,
                () -> small().setConfig("data.path = \"x.csv\"").fit(arrays(null)));
        assertNames(dataKey.getMessage(), "data", "DataFrame");
        ConfigError unknown = assertThrows(ConfigError.class,
                () -> small().setConfig("train.roundz = 3").fit(arrays(null)));
        assertNames(unknown.getMessage(), "train.roundz");
        assertEquals(jobs, sc.statusTracker().getJobIdsForGroup(null).length, "no Spark job may have run");

        StructType vectors = new StructType().add("features", new VectorUDT(), true);
        Dataset<Row> withNull = spark.createDataFrame(sc.parallelize(List.of(
                RowFactory.create(Vectors.dense(1, 2)), RowFactory.create((Object) null)), 1), vectors);
        assertNames(assertThrows(DataFormatException.class, () -> small().fit(withNull)).getMessage(),
                "column 'features'", "row 1 of DataFrame partition 0", "null");
    }
}
