package io.sparkgan.ml;

import io.sparkgan.spark.SparkContexts;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** A real local Spark session for the ml tests: sparkgan's context settings, 2 task slots, no UI. */
final class MlTestSession {
    private MlTestSession() {}

    static SparkSession start() {
        SparkContexts.create("sparkgan-ml-test", "local[2]", Map.of("spark.ui.enabled", "false",
                "spark.sql.shuffle.partitions", "2"));
        return SparkSession.builder().getOrCreate();
    }
}
