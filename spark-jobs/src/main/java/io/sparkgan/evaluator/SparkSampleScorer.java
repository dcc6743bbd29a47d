package io.sparkgan.evaluator;

import io.sparkgan.images.ImageShape;
import io.sparkgan.metrics.GaussianMoments;
import io.sparkgan.metrics.QualityFigures;
import io.sparkgan.run.EvaluatorFiles;
import io.sparkgan.run.GeneratorSnapshot;
import io.sparkgan.run.SampleScorer;
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

    /** Opens the evaluator at {@code uri}, refusing one for another image shape than {@code runShape}. */
    public static EvaluatorFiles checkedEvaluator(String uri, ImageShape runShape, org.apache.hadoop.conf.Configuration conf) {
        EvaluatorFiles evaluator = EvaluatorFiles.open(uri, conf);
        if (runShape != null && !runShape.equals(evaluator.info().shape())) {
            throw new IllegalArgumentException("evaluator " + uri + " classifies " + evaluator.info().shape().describe()
                    + " images but the run makes " + runShape.describe() + " images");
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

    @Override
    public void close() {
        model.destroy();
    }
}
