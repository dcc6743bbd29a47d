package io.sparkgan.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sparkgan.metrics.ClassAgreement;

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
 * @param classAgreement class-conditional runs: how often the evaluator's class is the requested one,
 *                       overall and per class (absent for unconditional runs)
 */
public record QualityRecord(int round, long examplesSeen, double elapsedSeconds, double inceptionScore, Double fid,
                            long[] classHistogram, double klToUniform, double seconds,
                            @JsonInclude(JsonInclude.Include.NON_NULL) ClassAgreement classAgreement) {

    /** A record of an unconditional run. */
    public QualityRecord(int round, long examplesSeen, double elapsedSeconds, double inceptionScore, Double fid,
                         long[] classHistogram, double klToUniform, double seconds) {
        this(round, examplesSeen, elapsedSeconds, inceptionScore, fid, classHistogram, klToUniform, seconds, null);
    }
}
