package io.sparkgan.run;

import io.sparkgan.train.RoundMetrics;
import io.sparkgan.train.TrainingListener;
import io.sparkgan.train.TrainingState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FSDataOutputStream;

/** Appends every round's metrics to metrics.jsonl (one JSON object a line), flushed each round. */
public final class MetricsFileWriter implements TrainingListener, AutoCloseable {
    private final RunFiles run;
    private FSDataOutputStream out;

    public MetricsFileWriter(RunFiles run) {
        this.run = run;
    }

    @Override
    public void onStart(TrainingState state, int totalRounds) {
        out = run.createStream(RunFiles.METRICS);
    }

    @Override
    public void onRound(RoundMetrics metrics, TrainingState state) {
        try {
            out.write((Json.line(metrics) + "\n").getBytes(StandardCharsets.UTF_8));
            out.hflush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + run.path(RunFiles.METRICS) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onEnd(TrainingState state) {
        close();
    }

    @Override
    public void close() {
        if (out == null) return;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + run.path(RunFiles.METRICS), e);
        } finally {
            out = null;
        }
    }
}
