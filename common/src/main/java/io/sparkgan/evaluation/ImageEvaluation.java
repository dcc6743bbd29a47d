package io.sparkgan.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sparkgan.metrics.ClassAgreement;

/**
 * evaluation.json of an image run (docs/quality.md): the generator's figures with the
 * evaluator's real-data figures beside them.
 *
 * @param dataSource data set name ("images")
 * @param samples generated images scored
 * @param seed seed of the evaluation's latent draws
 * @param latentTruncation truncation threshold of the latent draws (0 = plain N(0, I); samples.truncation
 *                         or {@code evaluate --truncation})
 * @param roundsDone rounds the generator was trained
 * @param evaluator evaluator directory URI
 * @param evaluatorTestAccuracy the evaluator's test accuracy
 * @param inceptionScore Inception Score of the generated images
 * @param fid FID of the generated images to the real test set
 * @param classHistogram generated images per predicted class
 * @param klToUniform KL(class histogram || uniform), nats
 * @param real the same figures for real images (IS of the test set, FID floor train vs test, ...)
 * @param seconds wall time of generating and scoring
 * @param classAgreement class-conditional runs: how often the evaluator's class is the requested one,
 *                       overall and per class (absent for unconditional runs)
 */
public record ImageEvaluation(String dataSource, int samples, long seed, double latentTruncation, int roundsDone, String evaluator,
                              double evaluatorTestAccuracy, double inceptionScore, double fid, long[] classHistogram,
                              double klToUniform, EvaluatorInfo.RealFigures real, double seconds,
                              @JsonInclude(JsonInclude.Include.NON_NULL) ClassAgreement classAgreement) {
}
