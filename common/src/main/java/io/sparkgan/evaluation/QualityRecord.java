package io.sparkgan.evaluation;

/**
 * One line of quality.jsonl: the generator scored during training.
 *
 * @param round rounds completed when it was scored
 * @param examplesSeen real examples drawn by D phases so far
 * @param elapsedSeconds wall time since training started (as in metrics.jsonl; includes earlier evaluations)
 * @param inceptionScore Inception Score with the evaluation classifier
 * @param fid FID to the real test set in the evaluator's feature space
 * @param classHistogram generated images per predicted class
 * @param klToUniform KL(class histogram || uniform), nats
 * @param seconds time this evaluation took
 */
public record QualityRecord(int round, long examplesSeen, double elapsedSeconds, double inceptionScore, Double fid,
                            long[] classHistogram, double klToUniform, double seconds) {
}
