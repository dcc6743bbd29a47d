package io.sparkgan.train;

/**
 * Hooks into the training loop (metrics files, progress, sample grids, checkpoints) so the loop
 * itself carries no flags for them.
 */
public interface TrainingListener {

    /** Before the first round; {@code totalRounds} is the round count the run aims for. */
    default void onStart(TrainingState state, int totalRounds) {
    }

    /** After each round. */
    default void onRound(RoundMetrics metrics, TrainingState state) {
    }

    /** After the last round, or after the round in which a stop was requested (not called when training fails). */
    default void onEnd(TrainingState state) {
    }

    /** Asked before each round: true ends training cleanly before it (a shutdown signal, say). */
    default boolean stopRequested() {
        return false;
    }
}
