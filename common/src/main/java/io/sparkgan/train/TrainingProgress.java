package io.sparkgan.train;

/**
 * How far a run has come in examples and training time, across every process that trained it:
 * carried in checkpoints so that metrics.jsonl and quality.jsonl continue after a resume instead
 * of starting again at zero.
 *
 * @param examplesSeen real examples drawn by D phases since the start of the run
 * @param elapsedSeconds wall time spent in {@link GanTrainer#train} since the start of the run,
 *                       summed over processes (the time between a stop and its resume is not counted)
 */
public record TrainingProgress(long examplesSeen, double elapsedSeconds) {
    /** A run that has not trained yet. */
    public static final TrainingProgress START = new TrainingProgress(0, 0);

    public TrainingProgress {
        if (examplesSeen < 0 || !(elapsedSeconds >= 0)) {
            throw new IllegalArgumentException("examplesSeen and elapsedSeconds must be non-negative, got "
                    + examplesSeen + " and " + elapsedSeconds);
        }
    }

    /** This progress after one more round of {@code examples} real examples that ended at {@code elapsedSeconds}. */
    public TrainingProgress after(long examples, double elapsedSeconds) {
        return new TrainingProgress(examplesSeen + examples, elapsedSeconds);
    }
}
