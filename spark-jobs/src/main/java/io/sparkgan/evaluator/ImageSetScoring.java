package io.sparkgan.evaluator;

import io.sparkgan.dataset.PreparedDataset;
import io.sparkgan.dataset.ShardedImageSource;
import io.sparkgan.metrics.QualityFigures;
import io.sparkgan.run.EvaluatorFiles;
import io.sparkgan.run.ImageSetEvaluation;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/** {@code sparkgan evaluator score}: every image of a prepared data set scored on Spark with an evaluator. */
public final class ImageSetScoring {
    private ImageSetScoring() {}

    public static ImageSetEvaluation score(JavaSparkContext sc, String dataUri, String evaluatorUri) {
        long start = System.nanoTime();
        Configuration conf = sc.hadoopConfiguration();
        PreparedDataset data = PreparedDataset.open(dataUri, conf);
        EvaluatorFiles evaluator = EvaluatorFiles.open(evaluatorUri, conf);
        if (!evaluator.info().shape().equals(data.manifest().shape())) {
            throw new IllegalArgumentException("evaluator " + evaluatorUri + " classifies "
                    + evaluator.info().shape().describe() + " images but " + dataUri + " holds "
                    + data.manifest().shape().describe() + " images");
        }
        if (data.manifest().labelled() && !data.manifest().classes().equals(evaluator.info().classes())) {
            throw new IllegalArgumentException(dataUri + " is labelled with classes " + data.manifest().classes()
                    + " but evaluator " + evaluatorUri + " has classes " + evaluator.info().classes());
        }
        Broadcast<EvaluatorModel> model = sc.broadcast(EvaluatorModel.fromBytes(evaluator.model(), evaluator.info().shape()));
        QualityFigures f;
        try {
            f = Scoring.dataset(sc, model, new ShardedImageSource(data, conf), Math.max(1, sc.defaultParallelism()))
                    .figures(evaluator.testMoments());
        } finally {
            model.destroy();
        }
        return new ImageSetEvaluation(data.uri(), data.manifest().checksum(), f.samples(), evaluator.uri(),
                evaluator.info().testAccuracy(), f.inceptionScore(), f.fid(), f.classHistogram(), f.klToUniform(),
                f.accuracy(), evaluator.info().real(), (System.nanoTime() - start) / 1e9);
    }
}
