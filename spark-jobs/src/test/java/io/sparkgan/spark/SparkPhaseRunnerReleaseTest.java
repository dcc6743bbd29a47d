package io.sparkgan.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.config.GanConfig;
import io.sparkgan.data.DataSource;
import io.sparkgan.dataset.DataSources;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.Test;

/**
 * A SparkPhaseRunner whose data-caching job fails (here: cancelled as it starts, as a user or a
 * notebook cancels jobs) leaves neither its data-source broadcast nor a cached RDD behind in the
 * SparkContext, which outlives it (a bench of many runs, a notebook).
 */
class SparkPhaseRunnerReleaseTest {

    @Test
    void aFailureWhileCachingTheDataReleasesTheBroadcastAndTheRdd() throws Exception {
        // Enough examples that building the blocks takes a while: the cancel arrives while it runs.
        GanConfig cfg = GanConfig.load("ring8", Map.of("data.examples", "2000000", "data.partitions", "2",
                "log.progress", "false"));
        DataSource data = DataSources.open(cfg.data(), cfg.run().seed(), new Configuration());
        try (JavaSparkContext sc = SparkContexts.create("release-test", "local[2]", DriverBlocks.NO_GARBAGE_CLEANUP)) {
            sc.sc().addSparkListener(new SparkListener() {
                @Override
                public void onJobStart(SparkListenerJobStart job) {
                    String description = job.properties().getProperty("spark.job.description", "");
                    if (description.startsWith("load data")) sc.sc().cancelJob(job.jobId());
                }
            });
            SparkException e = assertThrows(SparkException.class, () -> new SparkPhaseRunner(sc,
                    cfg.model().spec(data), cfg.training(), data, 2));
            assertTrue(String.valueOf(e.getMessage()).contains("cancelled"), e.getMessage());
            assertEquals(Map.of(), sc.getPersistentRDDs(), "no cached training data is left");
            assertEquals(List.of(), DriverBlocks.broadcastValuesLeft(DataSource.class), "no data-source broadcast is left");
        }
    }
}
