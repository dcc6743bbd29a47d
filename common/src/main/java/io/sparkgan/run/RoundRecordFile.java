package io.sparkgan.run;

/**
 * A JSON-lines file of per-round records in a run directory (quality.jsonl), for writers outside
 * this package: on resume it keeps the records up to the checkpoint's round, like metrics.jsonl.
 */
public final class RoundRecordFile implements AutoCloseable {
    private final JsonLines lines;

    public RoundRecordFile(RunFiles run, String name) {
        this.lines = new JsonLines(run, name);
    }

    /** Opens the file of a run that has done {@code roundsDone} rounds (0: a new, empty file). */
    public void openContinuing(int roundsDone) {
        lines.openContinuing(roundsDone);
    }

    /** Appends {@code record} as one JSON line, flushed. */
    public void append(Object record) {
        lines.append(record);
    }

    @Override
    public void close() {
        lines.close();
    }
}
