package io.sparkgan.evaluator;

import io.sparkgan.dataset.PreparedDataset;
import io.sparkgan.dataset.ShardedImageSource;
import io.sparkgan.evaluation.EvaluatorFiles;
import io.sparkgan.evaluation.ImageSetEvaluation;
import io.sparkgan.metrics.QualityFigures;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;

/** {@code sparkgan evaluator score}: every image of a prepared data set scored on Spark with an evaluator. */
public final class ImageSetScoring {
    private ImageSetScoring() {}

    public static ImageSetEvaluation score(JavaSparkContext sc, String dataUri, String evaluatorUri) {
        long start = System.nanoTime();
        Configuration conf = sc.hadoopConfiguration();
        PreparedDataset data = PreparedDataset.open(dataUri, conf);
        EvaluatorFiles evaluator = SparkSampleScorer.checkedEvaluator(evaluatorUri, data.manifest().shape(), conf);
        if (data.manifest().labelled() && !data.manifest().classes().equals(evaluator.info().classes())) {
            throw new IllegalArgumentException(dataUri + " is labelled with classes " + data.manifest().classes()
                    + " but evaluator " + evaluatorUri + " has classes " + evaluator.info().classes());
        }
        QualityFigures f;
        try (SparkSampleScorer scorer = new SparkSampleScorer(sc, evaluator)) {
            f = scorer.score(new ShardedImageSource(data, conf));
        }
        return new ImageSetEvaluation(data.uri(), data.manifest().checksum(), f.samples(), evaluator.uri(),
                evaluator.info().testAccuracy(), f.inceptionScore(), f.fid(), f.classHistogram(), f.klToUniform(),
                f.accuracy(), evaluator.info().real(), (System.nanoTime() - start) / 1e9);
    }
}
