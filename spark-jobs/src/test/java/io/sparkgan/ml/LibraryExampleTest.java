package io.sparkgan.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.LibraryExample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java example of docs/library.md is this suite's example.LibraryExample, word for word, and it
 * runs: in a plain SparkSession as a user makes one (Java serialisation, no sparkgan settings).
 */
class LibraryExampleTest {
    private static final Path EXAMPLE = Path.of("src/test/java/example/LibraryExample.java");
    private static final Path DOC = Path.of("../docs/library.md");

    @TempDir
    Path dir;

    @Test
    void theDocumentedExampleIsTheCompiledOne() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int start = doc.indexOf("```java\n");
        assertTrue(start >= 0, "docs/library.md has no ```java block");
        int end = doc.indexOf("```", start + 8);
        String documented = doc.substring(start + 8, end);
        assertEquals(Files.readString(EXAMPLE, StandardCharsets.UTF_8), documented,
                "the Java example of docs/library.md must be " + EXAMPLE + " exactly");
    }

    @Test
    void aKryoContextWithoutSparkgansRegistratorIsRefusedNamingTheSetting() {
        SparkSession spark = SparkSession.builder().master("local[1]").appName("kryo without registrator")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer").getOrCreate();
        try {
            StructType schema = new StructType().add("x", DataTypes.DoubleType).add("y", DataTypes.DoubleType);
            org.apache.spark.sql.Dataset<Row> data = new org.apache.spark.ml.feature.VectorAssembler()
                    .setInputCols(new String[] {"x", "y"}).setOutputCol("features")
                    .transform(spark.createDataFrame(List.of(RowFactory.create(1.0, 2.0)), schema));
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> new GanEstimator().setRounds(1).fit(data));
            assertTrue(e.getMessage().contains("spark.kryo.registrator=io.sparkgan.spark.SparkganKryoRegistrator"),
                    e.getMessage());
        } finally {
            spark.stop();
        }
    }

    @Test
    void theExampleTrainsSavesLoadsAndGeneratesInAPlainSession() throws Exception {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("library example")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        try {
            assertEquals("org.apache.spark.serializer.JavaSerializer",
                    spark.sparkContext().conf().get("spark.serializer", "org.apache.spark.serializer.JavaSerializer"));
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < 400; i++) rows.add(RowFactory.create(Math.sin(i) * 0.5, Math.cos(i * 0.3)));
            StructType schema = new StructType().add("x", DataTypes.DoubleType).add("y", DataTypes.DoubleType);
            String points = dir.resolve("points.parquet").toString();
            spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 2), schema)
                    .write().parquet(points);
            String runDir = dir.resolve("runs/example").toString();
            String modelDir = dir.resolve("model").toString();

            LibraryExample.train(spark, points, runDir, modelDir, 4);
            List<Row> first = LibraryExample.generate(spark, modelDir).collectAsList();
            List<Row> again = LibraryExample.generate(spark, modelDir).collectAsList();

            assertEquals(1000, first.size());
            assertEquals(2, ((Vector) first.get(0).get(0)).size());
            assertEquals(first, again);
            assertTrue(Files.exists(Path.of(runDir, "metrics.jsonl")));
        } finally {
            spark.stop();
        }
    }
}
