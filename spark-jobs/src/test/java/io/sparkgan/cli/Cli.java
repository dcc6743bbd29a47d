package io.sparkgan.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the sparkgan command line in this JVM and captures its exit code and output (tests of other packages use it too). */
public final class Cli {
    private Cli() {}

    /**
     * @param code the exit code
     * @param out what it printed on standard output
     * @param err what it printed on standard error
     */
    public record Result(int code, String out, String err) {
    }

    /** Runs {@code sparkgan args...}; no SparkContext may be active in this JVM if the command starts one. */
    public static Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Sparkgan.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
