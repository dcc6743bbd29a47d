package io.sparkgan.cli;

import io.sparkgan.evaluator.EvaluatorTraining;
import io.sparkgan.metrics.EvaluatorInfo;
import io.sparkgan.run.Json;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sparkgan evaluator}: the evaluation classifier of BENCHMARKS.md B4. */
@Command(name = "evaluator", mixinStandardHelpOptions = true,
        description = "The evaluation classifier that scores generated images (Inception Score, FID, class histogram).",
        subcommands = {EvaluatorCommand.Train.class})
final class EvaluatorCommand {

    /** {@code sparkgan evaluator train}. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train the LeNet evaluator on a labelled prepared data set with DL4J Spark (parameter"
                    + " averaging), score the real training and test sets, and write OUT/evaluator.json,"
                    + " OUT/model.zip and OUT/test-features.json.")
    static final class Train implements Callable<Integer> {
        @Option(names = "--data", required = true, description = "Labelled prepared training set (URI).")
        String data;

        @Option(names = "--test", required = true, description = "Labelled prepared test set (URI).")
        String test;

        @Option(names = "--out", required = true, description = "Evaluator directory to write (URI).")
        String out;

        @Option(names = "--epochs", defaultValue = "3", description = "Passes over the training set. Default: ${DEFAULT-VALUE}.")
        int epochs;

        @Option(names = "--batch", defaultValue = "64", description = "Minibatch per worker. Default: ${DEFAULT-VALUE}.")
        int batch;

        @Option(names = "--averaging-frequency", defaultValue = "5",
                description = "Minibatches per worker between parameter averagings. Default: ${DEFAULT-VALUE}.")
        int averagingFrequency;

        @Option(names = "--learning-rate", defaultValue = "0.001", description = "Adam learning rate. Default: ${DEFAULT-VALUE}.")
        double learningRate;

        @Option(names = "--seed", defaultValue = "1", description = "Initialisation and shuffling seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--overwrite", description = "Replace an existing evaluator directory.")
        boolean overwrite;

        @Option(names = "--init-from", paramLabel = "URI", description = "Continue training the network of this"
                + " evaluator directory (e.g. one more epoch at a lower --learning-rate); its epochs are counted.")
        String initFrom;

        @Mixin
        SparkOptions spark;

        @Override
        public Integer call() {
            EvaluatorTraining.Options options = new EvaluatorTraining.Options(data, test, out, epochs, batch,
                    averagingFrequency, learningRate, seed, overwrite, initFrom);
            try (JavaSparkContext sc = spark.create("sparkgan evaluator train")) {
                EvaluatorInfo info = EvaluatorTraining.run(sc, options);
                System.out.println(Json.pretty(info));
                System.out.printf("Evaluator written to %s: test accuracy %.4f, real test IS %.3f, FID floor"
                        + " (train vs test) %.3f%n", out, info.testAccuracy(), info.real().testInceptionScore(),
                        info.real().fidTrainVsTest());
            }
            return 0;
        }
    }
}
