package io.sparkgan.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgan.train.TrainingProgress;
import io.sparkgan.util.Json;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training progress of a checkpoint written before checkpoints kept it (format 4 or 5): the
 * examplesSeen and elapsedSeconds that metrics.jsonl recorded for the checkpoint's round, which
 * are exactly what the run had reached then. Without that line the run continues from zero,
 * with a warning.
 */
final class ProgressFromMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressFromMetrics.class);

    private ProgressFromMetrics() {}

    /**
     * @param run the run directory whose metrics.jsonl is read
     * @param round the checkpoint's rounds done (1 or more)
     */
    static TrainingProgress at(RunFiles run, int round) {
        if (round > 0 && run.exists(RunFiles.METRICS)) {
            for (String line : run.readText(RunFiles.METRICS).split("\n")) {
                TrainingProgress p = progressOf(line, round);
                if (p != null) return p;
            }
        }
        if (round > 0) {
            LOG.warn("The checkpoint of round {} predates checkpoints keeping examplesSeen and elapsedSeconds, and {}"
                    + " has no line for that round: both restart from 0 in metrics.jsonl and quality.jsonl", round,
                    run.path(RunFiles.METRICS));
        }
        return TrainingProgress.START;
    }

    private static TrainingProgress progressOf(String line, int round) {
        try {
            JsonNode n = line.isBlank() ? null : Json.mapper().readTree(line);
            if (n == null || n.path("round").asInt(-1) != round) return null;
            JsonNode examples = n.get("examplesSeen");
            JsonNode seconds = n.get("elapsedSeconds");
            if (examples == null || !examples.isNumber() || seconds == null || !seconds.isNumber()) return null;
            return new TrainingProgress(examples.asLong(), seconds.asDouble());
        } catch (IOException | IllegalArgumentException e) {
            return null; // a torn or foreign line: look further
        }
    }
}
