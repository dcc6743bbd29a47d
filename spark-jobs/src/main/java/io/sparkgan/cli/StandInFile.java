package io.sparkgan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgan.train.ComputeStandIn;
import io.sparkgan.train.TrainingSettings;
import io.sparkgan.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a compute stand-in ({@code bench rounds --stand-in-from}) from the JSON of a measured
 * {@code bench rounds} run: its {@code computeMs}, after checking that the run did the same work per
 * task (mode, batch per partition, local steps) as the one it stands in for.
 */
final class StandInFile {
    private StandInFile() {}

    /**
     * @param file the {@code --out} of a {@code bench rounds} run without a stand-in
     * @param settings the settings of the run the stand-in is for
     */
    static ComputeStandIn read(Path file, TrainingSettings settings) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --stand-in-from " + file + ": " + e.getMessage(), e);
        }
        if (root.path("computeStandInMs").isNumber()) {
            throw new IllegalArgumentException("--stand-in-from " + file + " is itself a stand-in run (computeStandInMs "
                    + root.get("computeStandInMs") + "); give the --out of a run that computed, e.g. with --threads 1");
        }
        expect(file, root, "mode", settings.mode().name().toLowerCase());
        expect(file, root, "batchPerPartition", Integer.toString(settings.batchPerPartition()));
        expect(file, root, "localSteps", Integer.toString(settings.stepsPerPhase()));
        JsonNode computeMs = root.get("computeMs");
        if (computeMs == null || !computeMs.isNumber()) {
            throw new IllegalArgumentException("--stand-in-from " + file + " has no numeric field computeMs;"
                    + " give the --out of a sparkgan bench rounds run");
        }
        return new ComputeStandIn(computeMs.asDouble());
    }

    private static void expect(Path file, JsonNode root, String field, String wanted) {
        JsonNode value = root.get(field);
        if (value == null || !value.asText().equals(wanted)) {
            throw new IllegalArgumentException("--stand-in-from " + file + ": field " + field + " is "
                    + (value == null ? "missing" : value.asText()) + ", but this run has " + wanted
                    + "; measure the stand-in with the same mode, train.batch-per-partition and train.local-steps");
        }
    }
}
