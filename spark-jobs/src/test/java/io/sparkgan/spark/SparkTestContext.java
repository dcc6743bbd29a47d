package io.sparkgan.spark;

import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/** A real local Spark context for tests: 2 task slots, each task may be attempted twice. */
final class SparkTestContext {
    private SparkTestContext() {}

    /** local[2,2]: plain local[N] never retries a failed task (docs/platform-notes.md, Spark). */
    static JavaSparkContext start() {
        return SparkContexts.create("sparkgan-test", "local[2,2]", Map.of("spark.ui.enabled", "false"));
    }
}
