package io.sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.run.Checkpoint;
import io.sparkgan.util.Json;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver as a real child JVM ({@code io.sparkgan.cli.Sparkgan train} on Spark local[2]):
 * killed with kill -9 and resumed, or stopped with SIGTERM.
 */
class DriverProcessTest {
    private static final int EVERY = 5;
    private static final int ROUNDS = 30;

    @TempDir
    Path dir;

    @Test
    void killMinusNineLosesAtMostOneCheckpointIntervalAndResumeFinishes() throws Exception {
        Path run = dir.resolve("runs/ring8");
        Process driver = startDriver("--set", "train.rounds=" + ROUNDS, "--set", "checkpoint.every=" + EVERY);
        try {
            // Kill between checkpoints, so that rounds are really lost and trained again.
            waitFor(() -> newestCheckpoint(run), 2 * EVERY, driver);
            waitFor(() -> metricsRounds(run).size(), 2 * EVERY + 2, driver);
        } finally {
            driver.destroyForcibly(); // SIGKILL: no shutdown hook runs
        }
        assertTrue(driver.waitFor(20, TimeUnit.SECONDS));
        int done = metricsRounds(run).size();
        int checkpointed = newestCheckpoint(run);
        assertTrue(done < ROUNDS, "the kill came before the end");

        Cli.Result resumed = Cli.run("train", "--resume", run.toString(), "--master", "local[2]",
                "--spark-conf", "spark.ui.enabled=false");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(done - checkpointed <= EVERY, "lost " + (done - checkpointed) + " rounds (" + done
                + " done, newest checkpoint " + checkpointed + ")");
        Checkpoint model = Checkpoint.fromBytes(Files.readAllBytes(run.resolve("model.ckpt")), "model.ckpt");
        assertEquals(ROUNDS, model.roundsDone());
        assertEquals(ROUNDS, Checkpoint.fromBytes(Files.readAllBytes(
                run.resolve(String.format("checkpoints/round-%06d.ckpt", ROUNDS))), "last checkpoint").roundsDone());
        List<Integer> expected = new ArrayList<>();
        for (int r = 1; r <= ROUNDS; r++) expected.add(r);
        assertEquals(expected, metricsRounds(run), "metrics.jsonl holds every round once");
        System.out.printf("driver kill -9: %d rounds done, newest checkpoint round %d, %d rounds lost%n", done,
                checkpointed, done - checkpointed);
    }

    @Test
    void sigtermFinishesTheRoundWritesACheckpointAndSaysHowToResume() throws Exception {
        Path run = dir.resolve("runs/ring8");
        Process driver = startDriver("--set", "train.rounds=100000", "--set", "checkpoint.every=0");
        try {
            waitFor(() -> metricsRounds(run).size(), 5, driver);
            driver.destroy(); // SIGTERM
            assertTrue(driver.waitFor(60, TimeUnit.SECONDS), "the driver must exit after the round");
        } finally {
            driver.destroyForcibly();
        }
        String err = Files.readString(dir.resolve("driver.log"));
        assertEquals(143, driver.exitValue(), err);
        int done = metricsRounds(run).size();
        assertTrue(err.contains("Stopped after round " + done + " of 100000"), err);
        assertTrue(err.contains("--resume " + run), err);
        Checkpoint last = Checkpoint.fromBytes(Files.readAllBytes(
                run.resolve(String.format("checkpoints/round-%06d.ckpt", done))), "stop checkpoint");
        assertEquals(done, last.roundsDone(), "no round is lost on SIGTERM");
    }

    /** {@code sparkgan train} on ring8 in a child JVM with the test classpath and surefire's JVM options. */
    private Process startDriver(String... settings) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("-XX:+IgnoreUnrecognized") || arg.startsWith("-Djdk.")) {
                cmd.add(arg);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "io.sparkgan.cli.Sparkgan", "train", "-c", "ring8", "--master", "local[2]",
                "--spark-conf", "spark.ui.enabled=false", "--set", "run.output=" + dir.resolve("runs"),
                "--set", "data.examples=2000", "--set", "train.batch-per-partition=32",
                "--set", "model.generator-hidden=[32,32]", "--set", "model.discriminator-hidden=[32,32]"));
        cmd.addAll(List.of(settings));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("driver.log").toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb.start();
    }

    /** Polls until {@code value} reaches {@code target}; fails with the driver's log if it dies first. */
    private void waitFor(IntSupplier value, int target, Process driver) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (value.getAsInt() < target) {
            if (!driver.isAlive()) throw new AssertionError("driver exited early:\n" + log());
            if (System.nanoTime() > deadline) throw new AssertionError("driver too slow:\n" + log());
            Thread.sleep(50);
        }
    }

    private String log() throws Exception {
        return Files.readString(dir.resolve("driver.log"));
    }

    private static int newestCheckpoint(Path run) {
        File[] files = run.resolve("checkpoints").toFile().listFiles((d, n) -> n.matches("round-\\d+\\.ckpt"));
        int newest = 0;
        if (files != null) {
            for (File f : files) newest = Math.max(newest, Integer.parseInt(f.getName().replaceAll("\\D", "")));
        }
        return newest;
    }

    /** Rounds of the complete lines of metrics.jsonl (a line torn by the kill is left out). */
    private static List<Integer> metricsRounds(Path run) {
        List<Integer> rounds = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
                rounds.add(Json.mapper().readTree(line).get("round").asInt());
            }
        } catch (Exception e) {
            // not there yet, or a torn last line
        }
        return rounds;
    }
}
