package io.sparkgan.cli;

import io.sparkgan.config.GanConfig;
import io.sparkgan.config.Recipes;
import io.sparkgan.run.Checkpoint;
import io.sparkgan.run.GracefulStop;
import io.sparkgan.run.ResumePoint;
import io.sparkgan.spark.SparkTraining;
import io.sparkgan.train.TrainingListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sparkgan train}: validates the config, then trains on Spark (or in this JVM with
 * --reference), from scratch or from the newest valid checkpoint (--resume). SIGTERM or Ctrl-C
 * stops it after the current round with a checkpoint.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a GAN. The config is checked completely before Spark starts.")
final class TrainCommand implements Callable<Integer> {
    private static final String DEFAULT_RECIPE = "ring8";

    @Option(names = {"-c", "--config"}, completionCandidates = Recipes.class,
            description = "Config file, or a recipe name from conf/ (${COMPLETION-CANDIDATES}). Default: "
                    + DEFAULT_RECIPE + ", or with --resume the config saved in the checkpoint.")
    String config;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Override a config key, e.g. --set train.rounds=500 (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run in DIR (a run directory or a checkpoint directory) from its newest valid"
                    + " checkpoint. Refused if the model, the data set, the seed or an optimiser type changed.")
    String resume;

    @Mixin
    SparkOptions spark;

    @Option(names = "--reference", description = "Train in this JVM with the single-JVM reference trainer (no Spark).")
    boolean reference;

    @Override
    public Integer call() {
        // The job's Hadoop settings (--spark-conf spark.hadoop.*) also locate the run to resume.
        Configuration hadoopConf = spark.hadoopConfiguration();
        ResumePoint point = resume == null ? null : ResumePoint.find(resume, hadoopConf);
        if (point != null) {
            for (String warning : point.warnings()) System.err.println("WARN " + warning);
        }
        GanConfig cfg = config == null && point != null ? GanConfig.parse(point.config(), overrides)
                : GanConfig.load(config == null ? DEFAULT_RECIPE : config, overrides);
        Checkpoint result;
        try (GracefulStop stop = GracefulStop.onShutdownSignal()) {
            if (reference) {
                result = SparkTraining.trainReference(cfg, listeners(cfg, stop), point, hadoopConf);
            } else {
                try (JavaSparkContext sc = spark.create("sparkgan train " + cfg.run().name())) {
                    result = SparkTraining.train(sc, cfg, listeners(cfg, stop), point);
                }
            }
            // Printed before the stop is released: after a signal, the JVM exits right after it.
            if (result.roundsDone() < cfg.training().rounds()) {
                System.err.println("Stopped after round " + result.roundsDone() + " of " + cfg.training().rounds()
                        + " with a checkpoint; continue with: sparkgan train --resume " + cfg.run().directory());
            } else {
                System.out.println("Trained " + result.roundsDone() + " rounds; run directory: "
                        + cfg.run().directory());
            }
        }
        return 0;
    }

    private static List<TrainingListener> listeners(GanConfig cfg, GracefulStop stop) {
        List<TrainingListener> list = new ArrayList<>();
        if (cfg.log().progress() && System.console() != null) list.add(new ConsoleProgress());
        list.add(stop);
        return list;
    }
}
