package io.sparkgan.cli;

import io.sparkgan.config.DataSettings;
import io.sparkgan.dataset.PreparedDataset;
import io.sparkgan.dataset.ShardedImageSource;
import io.sparkgan.evaluation.TimeToQuality;
import io.sparkgan.evaluation.VectorEvaluation;
import io.sparkgan.evaluation.VectorQuality;
import io.sparkgan.evaluator.ImageRunEvaluation;
import io.sparkgan.metrics.ClassAgreement;
import io.sparkgan.evaluation.ImageEvaluation;
import io.sparkgan.images.ImageShape;
import io.sparkgan.metrics.GaussianMoments;
import io.sparkgan.metrics.MemorisationCheck;
import io.sparkgan.metrics.NearestNeighbours;
import io.sparkgan.run.RunFiles;
import io.sparkgan.run.Sampler;
import io.sparkgan.spark.BlockMoments;
import io.sparkgan.util.Json;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sparkgan evaluate}: the quality figures of a trained run (docs/benchmarks.md, B1 for vector data, B4 for images), written to RUN/evaluation.json. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a trained run: modes covered, high-quality fraction and reverse KL for mixtures;"
                + " Frechet distance for gaussian2d and CSV data (the CSV's moments computed on Spark); for images Inception Score, FID and class histogram"
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

    @Option(names = "--truncation", paramLabel = "T",
            description = "Draw the latents with the truncation trick at threshold T (0 = plain N(0, I)) instead of"
                    + " the run's samples.truncation, to see what truncation trades: IS against class balance and FID."
                    + " Writes RUN/evaluation-truncation-T.json (evaluation.json stays the run's own setting).")
    Double truncation;

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
        if (truncation != null) sampler = sampler.withTruncation(truncation);
        boolean images = sampler.imageShape() != null;
        int samples = n != null ? n : images ? 10_000 : 2500;
        if (samples <= 1) throw new IllegalArgumentException("--n must be at least 2, got " + samples);
        String json;
        String agreementLine = null;
        if (images) {
            String uri = evaluator != null ? evaluator : sampler.config().evaluation().evaluator();
            if (uri.isBlank()) {
                throw new IllegalArgumentException("an image run is scored with an evaluation classifier: pass"
                        + " --evaluator DIR (train one with sparkgan evaluator train)");
            }
            ImageEvaluation result;
            try (JavaSparkContext sc = spark.create("sparkgan evaluate " + run)) {
                result = ImageRunEvaluation.evaluate(sc, sampler, uri, samples, seed);
            }
            json = Json.pretty(result);
            agreementLine = agreementSummary(sampler.spec().classes(), result.classAgreement());
        } else {
            json = Json.pretty(vectorEvaluation(sampler, samples));
        }
        RunFiles.open(run, conf).writeText(evaluationFile(), json);
        System.out.println(json);
        if (agreementLine != null) System.out.println(agreementLine);
        return 0;
    }

    /**
     * A vector run's figures; a CSV run's against its data's moments, computed on the Spark executors from the
     * blocks training reads ({@link BlockMoments#ofCsv}), whichever way the run was trained.
     */
    private VectorEvaluation vectorEvaluation(Sampler sampler, int samples) {
        DataSettings data = sampler.config().data();
        if (!VectorQuality.needsDataMoments(data)) return VectorQuality.evaluate(sampler, samples, seed);
        if (data.source() != DataSettings.Source.CSV) {
            throw new IllegalArgumentException("run " + run + " was trained on data.source = "
                    + data.source().configName() + ", which evaluate cannot open: score it where its data is"
                    + " (docs/library.md)");
        }
        GaussianMoments real;
        try (JavaSparkContext sc = spark.create("sparkgan evaluate " + run)) {
            real = BlockMoments.ofCsv(sc, data);
        }
        return VectorQuality.evaluate(sampler, samples, seed, real,
                "empirical moments of " + data.path() + " (computed on the Spark executors)");
    }

    /** One line on how often the evaluator agrees with the requested class, for a conditional run (else null). */
    static String agreementSummary(int classes, ClassAgreement agreement) {
        if (classes == 0) return null;
        if (agreement == null) {
            return "Class agreement not scored: the model has " + classes + " classes, more than the evaluator knows";
        }
        StringBuilder line = new StringBuilder(String.format("Class agreement (evaluator's class = requested class):"
                + " %.2f%% overall; per class:", 100 * agreement.overall()));
        Double[] perClass = agreement.perClass();
        for (int k = 0; k < perClass.length && k < classes; k++) {
            line.append(perClass[k] == null ? String.format(" %d -", k) : String.format(" %d %.1f%%", k, 100 * perClass[k]));
        }
        return line.toString();
    }

    /** evaluation.json, or the file of a --live-generator or --truncation evaluation beside it. */
    private String evaluationFile() {
        String base = liveGenerator ? RunFiles.EVALUATION_LIVE_GENERATOR : RunFiles.EVALUATION;
        if (truncation == null) return base;
        return base.replace(".json", String.format(java.util.Locale.ROOT, "-truncation-%s.json", truncation));
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
        var generated = sampler.generate(samples, seed, io.sparkgan.evaluation.EvaluationSamples.CHUNK);
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
