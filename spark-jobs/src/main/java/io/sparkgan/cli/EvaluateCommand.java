package io.sparkgan.cli;

import io.sparkgan.dataset.PreparedDataset;
import io.sparkgan.dataset.ShardedImageSource;
import io.sparkgan.evaluator.ImageRunEvaluation;
import io.sparkgan.images.ImageShape;
import io.sparkgan.metrics.MemorisationCheck;
import io.sparkgan.metrics.NearestNeighbours;
import io.sparkgan.run.Evaluation;
import io.sparkgan.run.Evaluator;
import io.sparkgan.run.Json;
import io.sparkgan.run.RunFiles;
import io.sparkgan.run.Sampler;
import io.sparkgan.run.TimeToQuality;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sparkgan evaluate}: the B1 (vector data) or B4 (images) metrics of a trained run, written to RUN/evaluation.json. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a trained run: modes covered, high-quality fraction and reverse KL for mixtures;"
                + " Frechet distance for gaussian2d and CSV data; for images Inception Score, FID and class histogram"
                + " with the evaluation classifier, generated and scored on Spark. Writes RUN/evaluation.json."
                + " --time-to-quality reads RUN/quality.jsonl instead; --memorisation compares generated images'"
                + " distances to the training set with real test images' (both in this JVM, no Spark).")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, description = "Run directory (any Hadoop filesystem URI).")
    String run;

    @Option(names = {"-n", "--n"}, description = "Generated samples to score. Default: 2500 (vector data), 10000 (images).")
    Integer n;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the latent draws. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--evaluator", description = "Images: evaluator directory (sparkgan evaluator train)."
            + " Default: the run's evaluation.evaluator.")
    String evaluator;

    @Option(names = "--live-generator", description = "Score the last trained generator, not its moving average"
            + " (train.generator-ema-decay), to see what the average gains. Writes RUN/"
            + RunFiles.EVALUATION_LIVE_GENERATOR + " instead.")
    boolean liveGenerator;

    @Option(names = "--time-to-quality", paramLabel = "IS[,IS...]",
            description = "Instead of scoring: for each Inception Score threshold, the first evaluation in"
                    + " RUN/quality.jsonl that reached it (round, images seen, wall-clock and training minutes), or"
                    + " 'not reached' with the best IS. Prints a table, writes RUN/" + RunFiles.TIME_TO_QUALITY + ".")
    String timeToQuality;

    @Option(names = "--memorisation",
            description = "Instead of scoring: generate N images (--n, default 10000) and compare each one's L2"
                    + " distance to its nearest training image with real test images' (--test); writes RUN/"
                    + RunFiles.MEMORISATION + ".")
    boolean memorisation;

    @Option(names = "--test", paramLabel = "URI",
            description = "--memorisation: the prepared held-out test set (never trained on).")
    String test;

    @Option(names = "--train", paramLabel = "URI",
            description = "--memorisation: the prepared training set. Default: the run's data.path.")
    String train;

    @Option(names = "--block", defaultValue = "" + NearestNeighbours.DEFAULT_BLOCK, paramLabel = "ROWS",
            description = "--memorisation: rows per block of the nearest-neighbour search (memory is about"
                    + " 2 x ROWS x image size x 4 bytes). Default: ${DEFAULT-VALUE}.")
    int block;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() {
        Configuration conf = spark.hadoopConfiguration();
        if (timeToQuality != null && memorisation) {
            throw new IllegalArgumentException("--time-to-quality and --memorisation are separate runs of evaluate;"
                    + " give one of them");
        }
        if (timeToQuality != null) return timeToQuality(conf);
        if (memorisation) return memorisation(conf);
        Sampler sampler = Sampler.forRun(run, conf);
        if (liveGenerator) {
            if (sampler.checkpoint().generatorAverage() == null) {
                throw new IllegalArgumentException("--live-generator: run " + run + " kept no moving average of G"
                        + " (train.generator-ema-decay = 0), so its evaluation.json already scores the live generator");
            }
            sampler = sampler.withLiveGenerator();
        }
        boolean images = sampler.imageShape() != null;
        int samples = n != null ? n : images ? 10_000 : 2500;
        if (samples <= 1) throw new IllegalArgumentException("--n must be at least 2, got " + samples);
        String json;
        if (images) {
            String uri = evaluator != null ? evaluator : sampler.config().evaluation().evaluator();
            if (uri.isBlank()) {
                throw new IllegalArgumentException("an image run is scored with an evaluation classifier: pass"
                        + " --evaluator DIR (train one with sparkgan evaluator train)");
            }
            try (JavaSparkContext sc = spark.create("sparkgan evaluate " + run)) {
                json = Json.pretty(ImageRunEvaluation.evaluate(sc, sampler, uri, samples, seed));
            }
        } else {
            Evaluation evaluation = Evaluator.evaluate(sampler, samples, seed, conf);
            json = Json.pretty(evaluation);
        }
        RunFiles.open(run, conf).writeText(liveGenerator ? RunFiles.EVALUATION_LIVE_GENERATOR : RunFiles.EVALUATION, json);
        System.out.println(json);
        return 0;
    }

    /** {@code --time-to-quality}: reads RUN/quality.jsonl, no model, no Spark. */
    private int timeToQuality(Configuration conf) {
        List<Double> thresholds = TimeToQuality.parseThresholds(timeToQuality);
        RunFiles files = RunFiles.open(run, conf);
        String name = files.path(RunFiles.QUALITY).toString();
        if (!files.exists(RunFiles.QUALITY)) {
            throw new IllegalArgumentException(name + " does not exist: train with --set evaluation.every-rounds=N"
                    + " --set evaluation.evaluator=DIR to record Inception Scores over training");
        }
        TimeToQuality.Result result = TimeToQuality.of(TimeToQuality.parse(files.readText(RunFiles.QUALITY), name),
                thresholds, name);
        files.writeText(RunFiles.TIME_TO_QUALITY, Json.pretty(result));
        System.out.print(result.table());
        System.out.println("Written to " + files.path(RunFiles.TIME_TO_QUALITY));
        return 0;
    }

    /**
     * RUN/memorisation.json.
     *
     * @param run the run directory
     * @param train the training set searched
     * @param test the held-out real images compared with
     * @param generated number of generated images
     * @param seed seed of their latent draws
     * @param report the distances and the fraction
     */
    record MemorisationFile(String run, String train, String test, int generated, long seed,
                            MemorisationCheck.Report report) {
    }

    /** {@code --memorisation}: generates in this JVM and searches nearest training images by blocked gemm. */
    private int memorisation(Configuration conf) {
        if (test == null) {
            throw new IllegalArgumentException("--memorisation needs --test URI: the prepared held-out test set");
        }
        Sampler sampler = Sampler.forRun(run, conf);
        ImageShape shape = sampler.imageShape();
        if (shape == null) {
            throw new IllegalArgumentException("--memorisation compares images; run " + run + " is not an image run");
        }
        String trainUri = train != null ? train : sampler.config().data().path();
        ShardedImageSource training = new ShardedImageSource(PreparedDataset.open(trainUri, conf), conf);
        ShardedImageSource held = new ShardedImageSource(PreparedDataset.open(test, conf), conf);
        for (var set : List.of(List.of(trainUri, training), List.of(test, held))) {
            ImageShape s = ((ShardedImageSource) set.get(1)).imageShape();
            if (!shape.equals(s)) {
                throw new IllegalArgumentException(set.get(0) + " holds " + s.describe() + " images but run " + run
                        + " generates " + shape.describe());
            }
        }
        int samples = n != null ? n : 10_000;
        if (samples < 1) throw new IllegalArgumentException("--n must be at least 1, got " + samples);
        var generated = sampler.generate(samples, seed, io.sparkgan.run.EvaluationSamples.CHUNK);
        MemorisationCheck.Report report = MemorisationCheck.run(generated,
                held.partition(0, 1), training.partition(0, 1), block);
        String json = Json.pretty(new MemorisationFile(run, trainUri, test, samples, seed, report));
        RunFiles files = RunFiles.open(run, conf);
        files.writeText(RunFiles.MEMORISATION, json);
        System.out.print(report.table());
        System.out.printf("(%.1f s) Written to %s%n", report.seconds(), files.path(RunFiles.MEMORISATION));
        return 0;
    }
}
