package io.sparkgan.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgan.util.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A JSON-lines file of a run directory, written progressively: one object a line, flushed each line. */
final class JsonLines implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JsonLines.class);
    private final RunFiles run;
    private final String name;
    private FSDataOutputStream out;

    JsonLines(RunFiles run, String name) {
        this.run = run;
        this.name = name;
    }

    /** Creates (or truncates) the file. */
    void open() {
        out = run.createStream(name);
    }

    /**
     * Opens the file of a run that continues after {@code rounds} rounds: the lines of rounds
     * 1..{@code rounds} an earlier attempt wrote are kept, later ones (rounds a killed run did after
     * its last checkpoint, trained again now) and a torn last line are dropped. A new run
     * ({@code rounds} 0) starts an empty file.
     *
     * <p>The kept lines are written aside and renamed over the file, and new lines go on in that
     * same stream: a crash at any moment leaves either the earlier file or the kept lines, never a
     * truncated history. A filesystem that cannot rename an open file (an object store) gets the
     * kept lines in a new stream under the real name; such stores replace an object only when its
     * stream closes, so the history stays whole there too.
     */
    void openContinuing(int rounds) {
        if (rounds <= 0 || !run.exists(name)) {
            open();
            return;
        }
        List<String> kept = linesUpTo(run.readText(name), rounds);
        StringBuilder text = new StringBuilder();
        for (String line : kept) text.append(line).append('\n');
        out = run.replaceAndContinue(name, text.toString().getBytes(StandardCharsets.UTF_8));
        if (out == null) {
            open();
            for (String line : kept) appendLine(line);
        }
    }

    /** The lines whose "round" is 1..{@code rounds}; unreadable lines and later rounds are dropped. */
    List<String> linesUpTo(String text, int rounds) {
        List<String> kept = new ArrayList<>();
        int dropped = 0;
        for (String line : text.split("\n")) {
            if (line.isBlank()) continue;
            JsonNode round = roundOf(line);
            if (round != null && round.asInt() <= rounds) kept.add(line);
            else dropped++;
        }
        if (dropped > 0) {
            LOG.info("{}: kept {} lines up to round {}, dropped {} written after it", name, kept.size(), rounds, dropped);
        }
        return kept;
    }

    private static JsonNode roundOf(String line) {
        try {
            return Json.mapper().readTree(line).get("round");
        } catch (IOException e) {
            return null;
        }
    }

    /** Appends {@code value} as one JSON line and flushes it, so readers see it at once. */
    void append(Object value) {
        appendLine(Json.line(value));
    }

    /** Appends one line that is already JSON (e.g. kept from an earlier run) and flushes it. */
    void appendLine(String json) {
        try {
            out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
            out.hflush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + run.path(name) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (out == null) return;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + run.path(name), e);
        } finally {
            out = null;
        }
    }
}
