package io.sparkgan.evaluation;

import io.sparkgan.metrics.QualityFigures;
import io.sparkgan.run.GeneratorSnapshot;

/**
 * Scores generated images with an evaluation classifier (docs/quality.md): Inception Score, FID
 * against the evaluator's real test-set features, class histogram. The training listener runs on
 * the driver and only sees this interface; the Spark implementation (spark-jobs) generates and
 * scores on executors, another scores in one JVM.
 */
public interface SampleScorer {

    /** Generates {@code samples} images with {@code generator} from the latent draws of {@code seed} and scores them. */
    QualityFigures score(GeneratorSnapshot generator, int samples, long seed);
}
