package io.sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgan.data.CsvVectorReader;
import io.sparkgan.metrics.FrechetDistance;
import io.sparkgan.run.Sampler;
import io.sparkgan.spark.BlockMoments;
import io.sparkgan.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sparkgan evaluate} of a CSV run takes the real data's moments from a Spark job over the
 * executor-built blocks (BlockMoments), and its Frechet distance is the one the CSV read whole in
 * one JVM gives.
 */
class CsvEvaluationOnExecutorsTest {
    @TempDir
    Path dir;

    @Test
    void evaluateComputesTheCsvMomentsOnTheExecutors() throws Exception {
        Path csv = dir.resolve("offset.csv");
        StringBuilder rows = new StringBuilder("a,b,c\n");
        Random rnd = new Random(4);
        for (int i = 0; i < 600; i++) { // far from the origin: the moments must not lose the spread to the offset
            double shared = rnd.nextGaussian();
            rows.append(1000 + shared).append(',').append(-2000 + 0.5 * shared + 0.3 * rnd.nextGaussian())
                    .append(',').append(500 + 2 * rnd.nextGaussian()).append('\n');
        }
        Files.writeString(csv, rows);
        Path runs = dir.resolve("runs");
        // Trained in one JVM (--reference): evaluate still reads the CSV on Spark.
        Cli.Result train = Cli.run("train", "-c", "gaussian2d", "--set", "data.source=csv", "--set", "data.path=" + csv,
                "--set", "run.name=offset", "--set", "run.output=" + runs, "--set", "train.rounds=5",
                "--set", "train.batch-per-partition=32", "--set", "log.progress=false", "--reference");
        assertEquals(0, train.code(), train.err());
        Path run = runs.resolve("offset");

        JobLog.clear();
        Cli.Result eval = evaluate(run);
        assertEquals(0, eval.code(), eval.err());
        JsonNode e = Json.mapper().readTree(run.resolve("evaluation.json").toFile());
        assertTrue(e.get("frechetReference").asText().contains("offset.csv")
                && e.get("frechetReference").asText().contains("executors"), e.toString());

        // The independent reference: the old driver-side path, the CSV read whole and the two-pass moments.
        Configuration conf = new Configuration();
        double expected = FrechetDistance.between(
                FrechetDistance.moments(Sampler.forRun(run.toString(), conf).generate(300, 1)),
                FrechetDistance.moments(CsvVectorReader.read(conf, csv.toString())));
        assertTrue(expected > 1, "5 rounds do not learn an offset of 1000s: " + expected);
        assertEquals(expected, e.get("frechetDistance").asDouble(), 1e-9 * expected);

        List<String> moments = JobLog.JOBS.stream().filter(j -> j.startsWith(BlockMoments.JOB_DESCRIPTION)).toList();
        assertEquals(1, moments.size(), "jobs: " + JobLog.JOBS);
        assertTrue(moments.get(0).contains("offset.csv"), moments.get(0));
        // Its tasks return sums, not rows: each result far below the 600 rows' bytes.
        long largest = JobLog.maxResultBytes(moments.get(0));
        assertTrue(largest > 0 && largest < Files.size(csv) / 10, "largest task result " + largest + " bytes");

        // A bad row fails evaluate with the words training uses: file, line, value.
        Files.writeString(csv, "1000.5,oops,500\n", java.nio.file.StandardOpenOption.APPEND);
        Cli.Result bad = evaluate(run);
        assertEquals(3, bad.code(), bad.err());
        assertTrue(bad.err().contains("offset.csv") && bad.err().contains("line 602") && bad.err().contains("oops"),
                bad.err());
    }

    private static Cli.Result evaluate(Path run) {
        return Cli.run("evaluate", "--run", run.toString(), "--n", "300", "--master", "local[2]",
                "--spark-conf", "spark.ui.enabled=false", "--spark-conf", "spark.extraListeners=" + JobLog.class.getName());
    }

    /** Records each job's description and its tasks' largest result (Spark creates it from spark.extraListeners). */
    public static final class JobLog extends SparkListener {
        static final List<String> JOBS = new CopyOnWriteArrayList<>();
        private static final Map<Integer, String> JOB_OF_STAGE = new ConcurrentHashMap<>();
        private static final Map<String, AtomicLong> RESULT_BYTES = new ConcurrentHashMap<>();

        static void clear() {
            JOBS.clear();
            JOB_OF_STAGE.clear();
            RESULT_BYTES.clear();
        }

        static long maxResultBytes(String job) {
            AtomicLong bytes = RESULT_BYTES.get(job);
            return bytes == null ? 0 : bytes.get();
        }

        @Override
        public void onJobStart(SparkListenerJobStart job) {
            String description = job.properties() == null ? "" : job.properties().getProperty("spark.job.description", "");
            JOBS.add(description);
            job.stageInfos().foreach(s -> JOB_OF_STAGE.put(s.stageId(), description));
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd task) {
            if (task.taskMetrics() == null) return;
            RESULT_BYTES.computeIfAbsent(JOB_OF_STAGE.getOrDefault(task.stageId(), ""), k -> new AtomicLong())
                    .accumulateAndGet(task.taskMetrics().resultSize(), Math::max);
        }
    }
}
