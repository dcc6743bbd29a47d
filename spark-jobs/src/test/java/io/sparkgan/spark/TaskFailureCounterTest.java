package io.sparkgan.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/** The counter behind bench rounds' refusal of a run whose tasks failed and were retried. */
class TaskFailureCounterTest {

    @Test
    void countsRetriedAttemptsButNotCleanJobs() {
        try (JavaSparkContext sc = SparkTestContext.start()) {
            TaskFailureCounter counter = TaskFailureCounter.attach(sc);
            long clean = sc.parallelize(List.of(1, 2, 3, 4), 2).map(x -> x * 2).count();
            assertEquals(4, clean);
            assertEquals(0, counter.failedTasks());
            assertNull(counter.firstFailure());

            // Partition 1 fails on its first attempt; Spark's retry makes the job succeed anyway.
            int sum = sc.parallelize(List.of(1, 2, 3, 4), 2).mapPartitionsWithIndex((p, it) -> {
                if (p == 1 && TaskContext.get().attemptNumber() == 0) {
                    throw new IllegalStateException("first attempt of partition 1 refused on purpose");
                }
                return it;
            }, true).reduce(Integer::sum);
            assertEquals(10, sum);
            assertEquals(1, counter.failedTasks());
            assertTrue(counter.firstFailure().contains("first attempt of partition 1 refused on purpose"),
                    counter.firstFailure());
            assertTrue(counter.firstFailure().contains("task 1"), counter.firstFailure());
            assertEquals(0, counter.executorsRemoved());
        }
    }
}
