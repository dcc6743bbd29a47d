package io.sparkgan.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgan.train.RoundMetrics;
import io.sparkgan.train.TrainingListener;
import io.sparkgan.train.TrainingState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends every round's metrics to metrics.jsonl (one JSON object a line), flushed each round. A
 * resumed run keeps the lines of the rounds up to its checkpoint and drops the rest: rounds a
 * killed run did after its last checkpoint are trained again, and their new lines replace them.
 */
public final class MetricsFileWriter implements TrainingListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsFileWriter.class);
    private final RunFiles run;
    private FSDataOutputStream out;

    public MetricsFileWriter(RunFiles run) {
        this.run = run;
    }

    @Override
    public void onStart(TrainingState state, int totalRounds) {
        List<String> kept = state.roundsDone() > 0 && run.exists(RunFiles.METRICS)
                ? linesUpTo(run.readText(RunFiles.METRICS), state.roundsDone()) : List.of();
        out = run.createStream(RunFiles.METRICS);
        for (String line : kept) append(line);
    }

    /** The lines of rounds 1..{@code rounds}; a torn last line or a later round is dropped. */
    static List<String> linesUpTo(String text, int rounds) {
        List<String> kept = new ArrayList<>();
        int dropped = 0;
        for (String line : text.split("\n")) {
            if (line.isBlank()) continue;
            JsonNode round = parse(line);
            if (round != null && round.asInt() <= rounds) kept.add(line);
            else dropped++;
        }
        if (dropped > 0) {
            LOG.info("metrics.jsonl: kept {} lines up to round {}, dropped {} written after it", kept.size(), rounds,
                    dropped);
        }
        return kept;
    }

    private static JsonNode parse(String line) {
        try {
            return Json.mapper().readTree(line).get("round");
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void onRound(RoundMetrics metrics, TrainingState state) {
        append(Json.line(metrics));
    }

    private void append(String line) {
        try {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
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
