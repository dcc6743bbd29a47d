package io.sparkgan.evaluator;

import io.sparkgan.dataset.ShardedImageSource;
import io.sparkgan.evaluation.EvaluatorFiles;
import io.sparkgan.evaluation.SampleScorer;
import io.sparkgan.images.ImageShape;
import io.sparkgan.metrics.GaussianMoments;
import io.sparkgan.metrics.QualityFigures;
import io.sparkgan.run.GeneratorSnapshot;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Scores generated images on Spark: the classifier is broadcast once, each evaluation broadcasts
 * the generator, and executors generate and score their chunks; FID is against the evaluator's
 * real test-set moments, computed on the driver from the merged sums.
 */
public final class SparkSampleScorer implements SampleScorer, AutoCloseable {
    private final JavaSparkContext sc;
    private final Broadcast<EvaluatorModel> model;
    private final GaussianMoments reference;

    public SparkSampleScorer(JavaSparkContext sc, EvaluatorFiles evaluator) {
        this.sc = sc;
        this.model = sc.broadcast(EvaluatorModel.fromBytes(evaluator.model(), evaluator.info().shape()));
        this.reference = evaluator.testMoments();
    }

    /** Opens the evaluator at {@code uri} and checks it classifies images of the run's shape (before any job). */
    public static SparkSampleScorer open(JavaSparkContext sc, String uri, ImageShape runShape) {
        return new SparkSampleScorer(sc, checkedEvaluator(uri, runShape, sc.hadoopConfiguration()));
    }

    /** Opens the evaluator at {@code uri}, refusing one for another image shape than {@code shape}. */
    public static EvaluatorFiles checkedEvaluator(String uri, ImageShape shape, org.apache.hadoop.conf.Configuration conf) {
        EvaluatorFiles evaluator = EvaluatorFiles.open(uri, conf);
        if (shape != null && !shape.equals(evaluator.info().shape())) {
            throw new IllegalArgumentException("evaluator " + uri + " classifies " + evaluator.info().shape().describe()
                    + " images, not the " + shape.describe() + " images given to it");
        }
        return evaluator;
    }

    @Override
    public QualityFigures score(GeneratorSnapshot generator, int samples, long seed) {
        Broadcast<GeneratorSnapshot> g = sc.broadcast(generator);
        try {
            return Scoring.generated(sc, model, g, samples, seed).figures(reference);
        } finally {
            g.destroy();
        }
    }

    /** Every image of a prepared data set, scored on Spark (with accuracy when it is labelled). */
    public QualityFigures score(ShardedImageSource source) {
        return Scoring.dataset(sc, model, source, Math.max(1, sc.defaultParallelism())).figures(reference);
    }

    @Override
    public void close() {
        model.destroy();
    }
}
