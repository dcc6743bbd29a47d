package io.sparkgan.evaluation;


/**
 * {@code sparkgan evaluator score}: the image-quality figures (docs/quality.md) of a prepared image set (real images, or the
 * samples of another tool such as the PyTorch peer) with an evaluator, the real-data figures beside
 * them, on the same scale as {@link ImageEvaluation}.
 *
 * @param data the prepared data set's URI
 * @param dataChecksum its manifest checksum
 * @param images images scored (all of the set)
 * @param evaluator evaluator directory URI
 * @param evaluatorTestAccuracy the evaluator's test accuracy
 * @param inceptionScore Inception Score of the set
 * @param fid FID of the set to the real test set
 * @param classHistogram images per predicted class
 * @param klToUniform KL(class histogram || uniform), nats
 * @param accuracy fraction classified as labelled (null for an unlabelled set)
 * @param real the evaluator's real-data figures (IS of the test set, FID floor train vs test, ...)
 * @param seconds wall time of scoring
 */
public record ImageSetEvaluation(String data, String dataChecksum, long images, String evaluator,
                                 double evaluatorTestAccuracy, double inceptionScore, double fid, long[] classHistogram,
                                 double klToUniform, Double accuracy, EvaluatorInfo.RealFigures real, double seconds) {
}
