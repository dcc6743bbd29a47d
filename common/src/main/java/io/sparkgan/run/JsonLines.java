package io.sparkgan.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FSDataOutputStream;

/** A JSON-lines file of a run directory, written progressively: one object a line, flushed each line. */
final class JsonLines implements AutoCloseable {
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
