package io.sparkgan.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.config.GanConfig;
import java.nio.file.Path;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The estimator's params follow Spark ML's conventions and build the config in the command line's layers. */
class GanEstimatorParamsTest {
    @TempDir
    Path dir;

    @Test
    void paramsWinOverConfigTextWhichWinsOverTheRecipe() {
        GanEstimator gan = new GanEstimator().setRecipe("gaussian2d")
                .setConfig("train { rounds = 77, batch-per-partition = 32 }\nmodel.latent-dim = 3").setLatentDim(5);
        GanConfig cfg = gan.resolvedConfig(4);
        assertEquals(77, cfg.training().rounds());                 // text over recipe (1500)
        assertEquals(32, cfg.training().batchPerPartition());      // text over recipe (256)
        assertEquals(5, cfg.model().latentDim());                  // param over text (3) and recipe (2)
        assertArrayEquals(new int[] {64, 64}, cfg.model().discriminatorHidden()); // recipe over defaults
        assertEquals(4, cfg.data().partitions());
        assertEquals("dataframe", cfg.data().source().configName());
        assertEquals(2000, new GanEstimator().getRounds(), "an unset param shows the defaults file's value");
        GanEstimator fresh = new GanEstimator();
        assertFalse(fresh.isSet(fresh.rounds()));
    }

    @Test
    void copiesAndExplainsLikeASparkStage() {
        GanEstimator gan = new GanEstimator().setRounds(9);
        GanEstimator copy = gan.copy(new ParamMap().put(gan.seed(), 5L));
        assertEquals(gan.uid(), copy.uid());
        assertEquals(9, copy.getRounds());
        assertEquals(5L, copy.getSeed());
        assertEquals(1L, gan.getSeed());
        String explained = gan.explainParams();
        assertTrue(explained.contains("rounds: Rounds to train."), explained);
        assertTrue(explained.contains("(config key train.rounds)"), explained);
        assertNotEquals(new GanEstimator().uid(), new GanEstimator().uid());
    }

    @Test
    void savesAndLoadsItsParams() throws Exception {
        SparkSession spark = MlTestSession.start();
        try {
            GanEstimator gan = new GanEstimator().setRounds(12).setGeneratorHidden(new int[] {8, 4})
                    .setRecipe("ring8").setConfig("train.loss = hinge").setLabelCol("y").setConditional(true);
            String path = dir.resolve("estimator").toUri().toString();
            gan.write().save(path);
            GanEstimator back = GanEstimator.load(path);
            assertEquals(gan.uid(), back.uid());
            assertEquals(12, back.getRounds());
            assertArrayEquals(new int[] {8, 4}, back.getGeneratorHidden());
            assertEquals("ring8", back.getRecipe());
            assertEquals("train.loss = hinge", back.getConfig());
            assertEquals("y", back.getLabelCol());
            assertTrue(back.getConditional());
            assertFalse(back.isSet(back.latentDim()));
        } finally {
            spark.stop();
        }
    }
}
