package example;

import io.sparkgan.ml.GanEstimator;
import io.sparkgan.ml.GanModel;
import java.io.IOException;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Trains a GAN on two numeric columns of a Parquet data set, saves it, loads it back and generates. */
public final class LibraryExample {

    public static void main(String[] args) throws IOException {
        String points = args[0];     // Parquet with double columns x and y, any Hadoop filesystem
        String runDir = args[1];     // the run directory: metrics, sample plots, checkpoints, config
        String modelDir = args[2];   // where the fitted pipeline goes
        SparkSession spark = SparkSession.builder().appName("sparkgan example").getOrCreate();
        train(spark, points, runDir, modelDir, 1500);
        generate(spark, modelDir).show(5, false);
        spark.stop();
    }

    /** Fits VectorAssembler + GanEstimator on the Parquet rows and saves the fitted pipeline. */
    public static void train(SparkSession spark, String points, String runDir, String modelDir, int rounds)
            throws IOException {
        Dataset<Row> data = spark.read().parquet(points);
        VectorAssembler assembler = new VectorAssembler()
                .setInputCols(new String[] {"x", "y"})
                .setOutputCol("features");
        GanEstimator gan = new GanEstimator()
                .setRecipe("gaussian2d")                          // a recipe from conf/ underneath,
                .setConfig("train { batch-per-partition = 64 }")  // any config keys over it,
                .setRounds(rounds)                                // typed params over both
                .setSeed(42)
                .setFeaturesCol("features")
                .setOutputDir(runDir);
        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {assembler, gan}).fit(data);
        fitted.write().overwrite().save(modelDir);
    }

    /** Loads the saved pipeline and generates 1000 points from seed 7. */
    public static Dataset<Row> generate(SparkSession spark, String modelDir) {
        PipelineModel loaded = PipelineModel.load(modelDir);
        GanModel gan = (GanModel) loaded.stages()[1];
        return gan.generate(spark, 1000, 7);  // columns: generated (a Spark ML Vector), id
    }
}
