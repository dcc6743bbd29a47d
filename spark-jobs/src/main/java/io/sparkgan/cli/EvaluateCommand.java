package io.sparkgan.cli;

import io.sparkgan.evaluator.ImageRunEvaluation;
import io.sparkgan.run.Evaluation;
import io.sparkgan.run.Evaluator;
import io.sparkgan.run.Json;
import io.sparkgan.run.RunFiles;
import io.sparkgan.run.Sampler;
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
                + " with the evaluation classifier, generated and scored on Spark. Writes RUN/evaluation.json.")
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

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() {
        Configuration conf = new Configuration();
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
}
