package io.sparkgan.run;

import io.sparkgan.train.RoundMetrics;
import io.sparkgan.train.TrainingListener;
import io.sparkgan.train.TrainingState;

/** Appends every round's metrics to metrics.jsonl (one JSON object a line), flushed each round. */
public final class MetricsFileWriter implements TrainingListener, AutoCloseable {
    private final JsonLines file;

    public MetricsFileWriter(RunFiles run) {
        this.file = new JsonLines(run, RunFiles.METRICS);
    }

    @Override
    public void onStart(TrainingState state, int totalRounds) {
        file.open();
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
