package io.sparkgan.evaluator;

import io.sparkgan.evaluation.EvaluatorFiles;
import io.sparkgan.evaluation.ImageEvaluation;
import io.sparkgan.metrics.QualityFigures;
import io.sparkgan.run.Sampler;
import org.apache.spark.api.java.JavaSparkContext;

/** {@code sparkgan evaluate} on an image run: generate and score N images on Spark (docs/quality.md). */
public final class ImageRunEvaluation {
    private ImageRunEvaluation() {}

    public static ImageEvaluation evaluate(JavaSparkContext sc, Sampler sampler, String evaluatorUri, int n, long seed) {
        long start = System.nanoTime();
        EvaluatorFiles evaluator = SparkSampleScorer.checkedEvaluator(evaluatorUri, sampler.imageShape(),
                sc.hadoopConfiguration());
        QualityFigures f;
        try (SparkSampleScorer scorer = new SparkSampleScorer(sc, evaluator)) {
            f = scorer.score(sampler.generatorSnapshot(), n, seed);
        }
        return new ImageEvaluation(sampler.config().data().source().configName(), n, seed, sampler.prior().truncation(),
                sampler.checkpoint().roundsDone(), evaluator.uri(), evaluator.info().testAccuracy(), f.inceptionScore(),
                f.fid(), f.classHistogram(), f.klToUniform(), evaluator.info().real(), (System.nanoTime() - start) / 1e9,
                f.classAgreement());
    }
}
