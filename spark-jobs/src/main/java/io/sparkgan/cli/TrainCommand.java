package io.sparkgan.cli;

import io.sparkgan.config.GanConfig;
import io.sparkgan.run.Checkpoint;
import io.sparkgan.spark.SparkTraining;
import io.sparkgan.train.TrainingListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sparkgan train}: validates the config, then trains on Spark (or in this JVM with --reference). */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a GAN. The config is checked completely before Spark starts.")
final class TrainCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, defaultValue = "ring8",
            description = "Config file, or a recipe name from conf/ (ring8, grid25, gaussian2d). Default: ${DEFAULT-VALUE}.")
    String config;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Override a config key, e.g. --set train.rounds=500 (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Mixin
    SparkOptions spark;

    @Option(names = "--reference", description = "Train in this JVM with the single-JVM reference trainer (no Spark).")
    boolean reference;

    @Override
    public Integer call() {
        GanConfig cfg = GanConfig.load(config, overrides);
        Checkpoint result;
        if (reference) {
            result = SparkTraining.trainReference(cfg, listeners(cfg));
        } else {
            try (JavaSparkContext sc = spark.create("sparkgan train " + cfg.run().name())) {
                result = SparkTraining.train(sc, cfg, listeners(cfg));
            }
        }
        System.out.println("Trained " + result.roundsDone() + " rounds; run directory: " + cfg.run().directory());
        return 0;
    }

    private static List<TrainingListener> listeners(GanConfig cfg) {
        List<TrainingListener> list = new ArrayList<>();
        if (cfg.log().progress() && System.console() != null) list.add(new ConsoleProgress());
        return list;
    }
}
