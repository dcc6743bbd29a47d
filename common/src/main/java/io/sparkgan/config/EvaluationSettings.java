package io.sparkgan.config;

/**
 * Quality evaluation during training (image runs).
 *
 * @param everyRounds score the generator every this many rounds and after the last; 0 = off
 * @param evaluator evaluator directory URI ({@code sparkgan evaluator train}); blank when off
 * @param samples generated images per evaluation
 */
public record EvaluationSettings(int everyRounds, String evaluator, int samples) {

    public boolean enabled() {
        return everyRounds > 0;
    }
}
