package io.sparkgan.cli;

import io.sparkgan.config.DataSettings;
import io.sparkgan.config.GanConfig;
import io.sparkgan.data.CsvVectorReader;
import io.sparkgan.evaluation.VectorEvaluation;
import io.sparkgan.evaluation.VectorQuality;
import io.sparkgan.metrics.FrechetDistance;
import io.sparkgan.metrics.GaussianMoments;
import io.sparkgan.util.Json;
import io.sparkgan.util.AtomicFiles;
import io.sparkgan.run.Sampler;
import io.sparkgan.spark.BlockMoments;
import io.sparkgan.spark.SparkContexts;
import io.sparkgan.spark.SparkTraining;
import io.sparkgan.spark.TaskFailureCounter;
import io.sparkgan.train.ComputeStandIn;
import io.sparkgan.train.RoundMetrics;
import io.sparkgan.train.TrainingListener;
import io.sparkgan.train.TrainingState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sparkgan bench}: the benchmark programs of docs/benchmarks.md (figures, not tests). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (docs/benchmarks.md).",
        subcommands = {BenchCommand.Modes.class, BenchCommand.Rounds.class})
final class BenchCommand {

    /** Options every bench shares. */
    static class Common {
        @Option(names = {"-c", "--config"}, required = true, description = "Config file or recipe name.")
        String config;

        @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "Config override (repeatable).")
        Map<String, String> overrides = new LinkedHashMap<>();

        @Option(names = "--master", description = "Spark master URL. Default: " + SparkContexts.DEFAULT_MASTER + ".")
        String master;

        @Option(names = "--spark-conf", paramLabel = "KEY=VALUE", description = "Extra Spark setting (repeatable).")
        Map<String, String> sparkConf = new LinkedHashMap<>();

        @Option(names = "--out", description = "Also write the results as JSON to this local file.")
        Path out;

        GanConfig load(Map<String, String> more) {
            Map<String, String> all = new LinkedHashMap<>(overrides);
            all.putAll(more);
            all.putIfAbsent("log.progress", "false");
            all.putIfAbsent("run.overwrite", "true");
            return GanConfig.load(config, all);
        }

        void write(Object results) {
            if (out == null) return;
            try {
                // Rewritten after every seed: a reader (or a kill) never sees half a file.
                AtomicFiles.write(new org.apache.hadoop.fs.Path(out.toAbsolutePath().toUri()),
                        Json.pretty(results).getBytes(java.nio.charset.StandardCharsets.UTF_8), new Configuration());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out, e);
            }
        }
    }

    /** Mode coverage (docs/benchmarks.md, B1): train one run per seed on Spark, score each, print the table. */
    @Command(name = "modes", mixinStandardHelpOptions = true,
            description = "B1 mode coverage: train and evaluate once per seed on Spark; prints a table.")
    static final class Modes extends Common implements Callable<Integer> {
        @Option(names = "--seeds", split = ",", defaultValue = "1,2,3,4,5", description = "Seeds. Default: ${DEFAULT-VALUE}.")
        long[] seeds;

        @Option(names = "--samples", defaultValue = "2500", description = "Samples scored per run. Default: ${DEFAULT-VALUE}.")
        int samples;

        @Option(names = "--threads", description = "Instead of Spark, compute partitions on this many threads in"
                + " this JVM (same figures as Spark sync mode up to float rounding; for searching recipes).")
        Integer threads;

        @Override
        public Integer call() {
            GanConfig first = load(Map.of());
            List<Map<String, Object>> rows = new ArrayList<>();
            Map<String, Object> results = new LinkedHashMap<>();
            results.put("config", first.render());
            try (JavaSparkContext sc = threads != null ? null
                    : SparkContexts.create("sparkgan bench modes", master, sparkConf)) {
                results.put("master", sc == null ? "threads[" + threads + "] (no Spark)" : sc.master());
                results.put("runs", rows);
                Configuration hadoopConf = sc == null ? new Configuration() : sc.hadoopConfiguration();
                System.out.println("| seed | modes | high quality | reverse KL | Frechet | rounds | train s |");
                System.out.println("|---|---|---|---|---|---|---|");
                for (long seed : seeds) {
                    GanConfig cfg = load(Map.of("run.seed", Long.toString(seed),
                            "run.name", first.run().name() + "-seed" + seed));
                    long start = System.nanoTime();
                    if (sc == null) SparkTraining.trainThreaded(cfg, threads, List.of());
                    else SparkTraining.train(sc, cfg, List.of());
                    double seconds = (System.nanoTime() - start) / 1e9;
                    VectorEvaluation e = evaluate(sc, Sampler.forRun(cfg.run().directory(), hadoopConf), seed,
                            hadoopConf);
                    System.out.printf("| %d | %s | %s | %s | %s | %d | %.1f |%n", seed,
                            e.modesCovered() == null ? "-" : e.modesCovered() + "/" + e.modesTotal(),
                            e.highQualityFraction() == null ? "-" : String.format("%.1f%%", 100 * e.highQualityFraction()),
                            e.reverseKl() == null ? "-" : String.format("%.4f", e.reverseKl()),
                            e.frechetDistance() == null ? "-" : String.format("%.5f", e.frechetDistance()),
                            e.roundsDone(), seconds);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("seed", seed);
                    row.put("trainSeconds", seconds);
                    row.put("evaluation", e);
                    rows.add(row);
                    // After every seed: a long benchmark that is stopped keeps the seeds it finished.
                    write(results);
                }
            }
            return 0;
        }

        /**
         * The run's figures; for CSV data against the data's moments, computed on the executors (Spark) or, with
         * --threads, from the CSV read in this JVM, as training with --threads reads it.
         */
        private VectorEvaluation evaluate(JavaSparkContext sc, Sampler sampler, long seed, Configuration hadoopConf) {
            DataSettings data = sampler.config().data();
            if (!VectorQuality.needsDataMoments(data)) return VectorQuality.evaluate(sampler, samples, seed);
            GaussianMoments real = sc != null ? BlockMoments.ofCsv(sc, data)
                    : FrechetDistance.moments(CsvVectorReader.read(hadoopConf, data.path()));
            return VectorQuality.evaluate(sampler, samples, seed, real, "empirical moments of " + data.path()
                    + (sc != null ? " (computed on the Spark executors)" : ""));
        }
    }

    /** Round overhead (docs/benchmarks.md, B3): train for N rounds on Spark and report the median round and its split after warm-up. */
    @Command(name = "rounds", mixinStandardHelpOptions = true,
            description = "B3 round overhead: median round time and its split (broadcast, compute, aggregate, update).")
    static final class Rounds extends Common implements Callable<Integer> {
        @Option(names = "--rounds", defaultValue = "60", description = "Rounds to run. Default: ${DEFAULT-VALUE}.")
        int rounds;

        @Option(names = "--warmup", defaultValue = "10", description = "Rounds ignored at the start. Default: ${DEFAULT-VALUE}.")
        int warmup;

        @Option(names = "--threads", description = "Instead of Spark, compute partitions on this many threads in"
                + " this JVM (the no-Spark baseline of B3).")
        Integer threads;

        @Option(names = "--compute-stand-in-ms", paramLabel = "MS", description = "Replace every task's gradient"
                + " computation by a wait of MS a round (spread over the round's phases); broadcasts, results of the"
                + " model's true size, merging and the driver's update stay real. The --warmup rounds do not wait (they"
                + " warm the executors' JIT). Writes no run (docs/benchmarks.md, B3 on a simulated cluster).")
        Double standInMs;

        @Option(names = "--stand-in-from", paramLabel = "FILE", description = "As --compute-stand-in-ms, with the"
                + " computeMs of FILE: the --out of a bench rounds run (e.g. --threads 1) of the same model, batch"
                + " per partition and mode.")
        Path standInFrom;

        @Override
        public Integer call() {
            if (warmup >= rounds) throw new IllegalArgumentException("--warmup must be below --rounds");
            if (standInMs != null && standInFrom != null) {
                throw new IllegalArgumentException("give --compute-stand-in-ms or --stand-in-from, not both");
            }
            GanConfig cfg = load(Map.of("train.rounds", Integer.toString(rounds)));
            ComputeStandIn standIn = standInFrom != null ? StandInFile.read(standInFrom, cfg.training())
                    : standInMs != null ? new ComputeStandIn(standInMs) : null;
            // The warm-up rounds only warm the executors' JIT (task and result paths): no need to wait in them too.
            if (standIn != null) cfg = cfg.withComputeStandIn(standIn.withRoundsWithoutWait(warmup));
            List<RoundMetrics> seen = new ArrayList<>();
            TrainingListener collect = new TrainingListener() {
                @Override
                public void onRound(RoundMetrics metrics, TrainingState state) {
                    seen.add(metrics);
                }
            };
            String usedMaster;
            int failedTasks = 0;
            int executorsRemoved = 0;
            String firstFailure = null;
            if (threads != null) {
                usedMaster = "threads[" + threads + "] (no Spark)";
                if (standIn == null) SparkTraining.trainThreaded(cfg, threads, List.of(collect));
                else SparkTraining.standInRoundsThreaded(cfg, threads, List.of(collect));
            } else {
                try (JavaSparkContext sc = SparkContexts.create("sparkgan bench rounds", master, sparkConf)) {
                    usedMaster = sc.master();
                    TaskFailureCounter failures = TaskFailureCounter.attach(sc);
                    if (standIn == null) SparkTraining.train(sc, cfg, List.of(collect));
                    else SparkTraining.standInRounds(sc, cfg, List.of(collect));
                    failedTasks = failures.failedTasks();
                    executorsRemoved = failures.executorsRemoved();
                    firstFailure = failures.firstFailure();
                }
            }
            List<RoundMetrics> steady = seen.subList(warmup, seen.size());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("master", usedMaster);
            r.put("mode", cfg.training().mode().name().toLowerCase());
            r.put("partitions", cfg.data().partitions());
            r.put("batchPerPartition", cfg.training().batchPerPartition());
            r.put("localSteps", cfg.training().stepsPerPhase());
            r.put("jobsPerRound", cfg.training().criticSteps() + 1);
            r.put("computeStandInMs", standIn == null ? null : standIn.msPerRound());
            r.put("roundsMeasured", steady.size());
            r.put("roundMs", median(steady, RoundMetrics::roundMs));
            r.put("broadcastMs", median(steady, RoundMetrics::broadcastMs));
            r.put("computeMs", median(steady, RoundMetrics::computeMs));
            r.put("dataMs", median(steady, RoundMetrics::dataMs));
            r.put("dataFraction", median(steady, m -> m.dataMs() / m.roundMs()));
            r.put("aggregateMs", median(steady, RoundMetrics::aggregateMs));
            r.put("updateMs", median(steady, RoundMetrics::updateMs));
            r.put("overheadFraction", median(steady, RoundMetrics::overheadFraction));
            r.put("examplesPerSecond", median(steady, RoundMetrics::examplesPerSecond));
            r.put("bytesPerRound", steady.get(0).bytesBroadcast() + steady.get(0).bytesAggregated());
            // The tasks' results alone, as they travelled (train.result-encoding; with train.aggregation =
            // sliced, both legs: tasks to reducers and reducers to the driver); 0 on threads (nothing travels).
            r.put("resultBytesPerRound", steady.get(0).bytesAggregated());
            r.put("resultEncoding", cfg.training().resultEncoding().configName());
            r.put("failedTasks", failedTasks);
            r.put("executorsRemoved", executorsRemoved);
            r.put("aggregation", cfg.training().aggregation().configName());
            System.out.println(Json.pretty(r));
            write(r);
            if (failedTasks > 0 || executorsRemoved > 0) {
                // Spark retried and the run finished, but its times include the retries (and new executors).
                throw new IllegalStateException(failedTasks + " task attempt(s) failed and " + executorsRemoved
                        + " executor(s) were lost during the run, so its round times are not a measurement"
                        + " (the figures were written with failedTasks/executorsRemoved for the record). First failure: "
                        + firstFailure + ". An OutOfMemoryError asks for more executor memory"
                        + " (spark.executor.memory; deploy/bench/scaling --executor-memory)");
            }
            return 0;
        }

        private static double median(List<RoundMetrics> list, java.util.function.ToDoubleFunction<RoundMetrics> f) {
            double[] v = list.stream().mapToDouble(f).sorted().toArray();
            return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
    }

}
