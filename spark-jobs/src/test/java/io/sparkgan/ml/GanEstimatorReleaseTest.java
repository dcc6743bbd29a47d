package io.sparkgan.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.config.GanConfig;
import io.sparkgan.gan.GanStepCache;
import io.sparkgan.model.GanModelSpec;
import io.sparkgan.spark.SparkTraining;
import io.sparkgan.train.RoundMetrics;
import io.sparkgan.train.TrainingListener;
import io.sparkgan.train.TrainingState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * The networks that task threads cache while training (two per task slot) are released when the
 * training ends, in the fit of a DataFrame and on the command line's path alike, while the
 * context lives on (local mode: the executors' threads are this JVM's, so the cache is visible here).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GanEstimatorReleaseTest {
    @TempDir
    Path dir;

    private SparkSession spark;

    @BeforeAll
    void start() {
        spark = MlTestSession.start();
    }

    @AfterAll
    void stop() {
        spark.stop();
    }

    private static GanModelSpec specOf(GanModel model) {
        return GanConfig.parse(model.config()).model().spec(model.dataDim(), model.numClasses());
    }

    @Test
    void aFitReleasesTheTaskThreadsNetworksAndGeneratingCachesThemAgain() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 64; i++) rows.add(RowFactory.create(new float[] {(float) Math.sin(i), (float) Math.cos(i)}));
        Dataset<Row> data = spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(rows, 2), new StructType().add("features", FeatureKind.FLOAT_ARRAY.sparkType(), false));
        GanModel model = new GanEstimator().setSeed(3).setRounds(2).setBatchPerPartition(8).setLatentDim(3)
                .setGeneratorHidden(new int[] {7}).setDiscriminatorHidden(new int[] {9}).setSamplesEveryRounds(0)
                .setCheckpointEvery(0).fit(data);
        GanModelSpec spec = specOf(model);
        assertEquals(0, GanStepCache.cached(spec), "no task thread keeps the networks after fit");

        // the count does see the task threads' networks: generating caches them (and keeps them, for the next call)
        model.generate(spark, 600, 1).count();
        assertTrue(GanStepCache.cached(spec) > 0, "generating caches networks on the task threads");
    }

    @Test
    void theCommandLinesTrainingReleasesThemToo() {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("data.source", "ring8");
        keys.put("data.examples", 400);
        keys.put("data.partitions", 2);
        keys.put("run.output", dir.toString());
        keys.put("run.name", "cli");
        keys.put("train.rounds", 2);
        keys.put("train.batch-per-partition", 8);
        keys.put("model.latent-dim", 5);
        keys.put("model.generator-hidden", List.of(11));
        keys.put("model.discriminator-hidden", List.of(13));
        keys.put("checkpoint.every", 0);
        keys.put("samples.every-rounds", 0);
        keys.put("log.progress", false);
        GanConfig cfg = GanConfig.layered("", "", keys, "test");
        GanModelSpec spec = cfg.model().spec(2, 0);
        int[] duringTraining = {-1};
        TrainingListener watch = new TrainingListener() {
            @Override
            public void onRound(RoundMetrics metrics, TrainingState state) {
                duringTraining[0] = GanStepCache.cached(spec);
            }
        };
        SparkTraining.train(JavaSparkContext.fromSparkContext(spark.sparkContext()), cfg, List.of(watch));
        assertTrue(duringTraining[0] > 0, "task threads cache the networks while training: " + duringTraining[0]);
        assertEquals(0, GanStepCache.cached(spec), "and none keeps them after");
    }
}
