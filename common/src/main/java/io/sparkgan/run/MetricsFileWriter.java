package io.sparkgan.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgan.train.RoundMetrics;
import io.sparkgan.train.TrainingListener;
import io.sparkgan.train.TrainingState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
    private final JsonLines file;

    public MetricsFileWriter(RunFiles run) {
        this.run = run;
        this.file = new JsonLines(run, RunFiles.METRICS);
    }

    @Override
    public void onStart(TrainingState state, int totalRounds) {
        List<String> kept = state.roundsDone() > 0 && run.exists(RunFiles.METRICS)
                ? linesUpTo(run.readText(RunFiles.METRICS), state.roundsDone()) : List.of();
        file.open();
        for (String line : kept) file.appendLine(line);
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
