package io.sparkgan.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the repository's deploy scripts (deploy/standalone-cluster, deploy/yarn/sparkgan-yarn,
 * ...) with bash, as a user would, for the cluster tests: loopback addresses, no SPARK_HOME from the
 * test's environment, output into a log file.
 */
final class DeployScript {
    private DeployScript() {}

    /** A finished script: its exit code (-1 if it was killed at its timeout) and its output. */
    record Run(int code, String log) {
    }

    /**
     * Starts {@code cmd} (its first word a script path relative to {@code root}) in {@code work}.
     *
     * @param root the repository
     * @param work the working directory
     * @param cmd the script and its arguments
     * @param env extra environment
     * @param log where stdout and stderr go
     */
    static Process start(Path root, Path work, List<String> cmd, Map<String, String> env, Path log) throws IOException {
        List<String> full = new ArrayList<>(cmd);
        full.set(0, root.resolve(cmd.get(0)).toString());
        full.add(0, "bash");
        ProcessBuilder pb = new ProcessBuilder(full).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().remove("SPARK_HOME");
        return pb.start();
    }

    /** As {@link #start}, waiting at most {@code timeoutSeconds} for the script to end. */
    static Run run(Path root, Path work, List<String> cmd, Map<String, String> env, Path log, int timeoutSeconds)
            throws Exception {
        Process p = start(root, work, cmd, env, log);
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly();
        return new Run(done ? p.exitValue() : -1, Files.readString(log));
    }
}
