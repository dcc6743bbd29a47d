package io.sparkgan.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.api.Test;

/** The release tests' helper sees a live broadcast and no longer sees it once destroyed. */
class DriverBlocksTest {
    @Test
    void aLiveBroadcastIsListedUntilDestroyed() throws Exception {
        try (JavaSparkContext sc = SparkContexts.create("driver-blocks", "local[1]", DriverBlocks.NO_GARBAGE_CLEANUP)) {
            StringBuilder value = new StringBuilder("probe");
            Broadcast<StringBuilder> b = sc.broadcast(value);
            assertEquals(1, DriverBlocks.broadcastValues(StringBuilder.class).size());
            Broadcast<StringBuilder> leaked = sc.broadcast(new StringBuilder("leaked"));
            b.destroy();
            assertEquals(List.of("leaked"), DriverBlocks.broadcastValuesLeft(StringBuilder.class).stream()
                    .map(Object::toString).toList());
            leaked.destroy();
            assertEquals(List.of(), DriverBlocks.broadcastValuesLeft(StringBuilder.class));
        }
    }
}
