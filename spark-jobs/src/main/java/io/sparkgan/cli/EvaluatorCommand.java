package io.sparkgan.cli;

import io.sparkgan.evaluation.EvaluatorInfo;
import io.sparkgan.evaluator.EvaluatorTraining;
import io.sparkgan.evaluator.ImageSetScoring;
import io.sparkgan.evaluator.LearningRateSchedule;
import io.sparkgan.util.AtomicFiles;
import io.sparkgan.util.Json;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code sparkgan evaluator}: the evaluation classifier that scores image quality (docs/quality.md). */
@Command(name = "evaluator", mixinStandardHelpOptions = true,
        description = "The evaluation classifier that scores generated images (Inception Score, FID, class histogram).",
        subcommands = {EvaluatorCommand.Train.class, EvaluatorCommand.Score.class})
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

        @Option(names = "--epochs", defaultValue = "4", description = "Passes over the training set. Default: ${DEFAULT-VALUE}.")
        int epochs;

        @Option(names = "--batch", defaultValue = "64", description = "Minibatch per worker. Default: ${DEFAULT-VALUE}.")
        int batch;

        @Option(names = "--averaging-frequency", defaultValue = "5",
                description = "Minibatches per worker between parameter averagings. Default: ${DEFAULT-VALUE}.")
        int averagingFrequency;

        @Option(names = "--learning-rate", defaultValue = "0.001",
                description = "Adam learning rate of the first epoch; it decays per epoch to --final-learning-rate"
                        + " in the last (see --lr-decay). Default: ${DEFAULT-VALUE}.")
        double learningRate;

        @Option(names = "--final-learning-rate", defaultValue = "0.00001",
                description = "Adam learning rate of the last epoch (positive, at most --learning-rate; unused with"
                        + " --lr-decay none). Default: ${DEFAULT-VALUE}.")
        double finalLearningRate;

        @Option(names = "--lr-decay", defaultValue = "cosine", paramLabel = "none|exponential|cosine",
                converter = DecayConverter.class,
                description = "How the learning rate goes from --learning-rate (epoch 1) to --final-learning-rate"
                        + " (last epoch), one value per epoch, as a DL4J ISchedule on the Adam updater: none"
                        + " (constant), exponential (geometric steps) or cosine (half a cosine)."
                        + " Default: ${DEFAULT-VALUE}.")
        LearningRateSchedule.Decay decay;

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
                    averagingFrequency, learningRate, finalLearningRate, decay, seed, overwrite, initFrom);
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

    @Command(name = "score", mixinStandardHelpOptions = true,
            description = "Score every image of a prepared data set with an evaluator, on Spark: Inception Score, FID"
                    + " to the real test set, class histogram and its KL to uniform (and accuracy if labelled), the"
                    + " evaluator's real-data figures beside them. For images made elsewhere (another GAN, e.g. the"
                    + " PyTorch peer of deploy/bench/b4-torch-peer.py): prepare them, then score them on sparkgan's scale.")
    static final class Score implements Callable<Integer> {
        @Option(names = "--data", required = true, description = "Prepared data set (sparkgan prepare), labelled or not (URI).")
        String data;

        @Option(names = "--evaluator", required = true, description = "Evaluator directory (sparkgan evaluator train).")
        String evaluator;

        @Option(names = "--out", description = "Also write the figures as JSON to this URI.")
        String out;

        @Mixin
        SparkOptions spark;

        @Override
        public Integer call() throws Exception {
            String json;
            try (JavaSparkContext sc = spark.create("sparkgan evaluator score " + data)) {
                json = Json.pretty(ImageSetScoring.score(sc, data, evaluator));
                if (out != null) {
                    AtomicFiles.write(new Path(out), json.getBytes(StandardCharsets.UTF_8), sc.hadoopConfiguration());
                }
            }
            System.out.println(json);
            return 0;
        }
    }

    /** none | exponential | cosine, any case. */
    static final class DecayConverter implements ITypeConverter<LearningRateSchedule.Decay> {
        @Override
        public LearningRateSchedule.Decay convert(String value) {
            for (LearningRateSchedule.Decay d : LearningRateSchedule.Decay.values()) {
                if (d.label().equalsIgnoreCase(value.trim())) return d;
            }
            throw new TypeConversionException("expected none, exponential or cosine but was '" + value + "'");
        }
    }
}
