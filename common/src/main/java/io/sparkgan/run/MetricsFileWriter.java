package io.sparkgan.run;

import io.sparkgan.train.RoundMetrics;
import io.sparkgan.train.TrainingListener;
import io.sparkgan.train.TrainingState;

/**
 * Appends every round's metrics to metrics.jsonl (one JSON object a line), flushed each round. A
 * resumed run keeps the lines of the rounds up to its checkpoint and drops the rest: rounds a
 * killed run did after its last checkpoint are trained again, and their new lines replace them.
 */
public final class MetricsFileWriter implements TrainingListener, AutoCloseable {
    private final JsonLines file;

    public MetricsFileWriter(RunFiles run) {
        this.file = new JsonLines(run, RunFiles.METRICS);
    }

    @Override
    public void onStart(TrainingState state, int totalRounds) {
        file.openContinuing(state.roundsDone());
    }

    @Override
    public void onRound(RoundMetrics metrics, TrainingState state) {
        file.append(metrics);
    }

    @Override
    public void onEnd(TrainingState state) {
        close();
    }

    @Override
    public void close() {
        file.close();
    }
}
