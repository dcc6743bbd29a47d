package io.sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgan.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench rounds --compute-stand-in-ms / --stand-in-from}: tasks wait instead of computing,
 * while the vectors that travel keep the model's true size; no run is written; and the stand-in's
 * source is checked against the run it stands in for.
 */
class StandInBenchTest {
    // Long enough that wake-up delays of a niced test JVM on a loaded machine (tens of ms a phase) stay small.
    private static final double STAND_IN_MS = 400;

    @TempDir
    Path dir;

    private List<String> bench(String name, String... more) {
        List<String> args = new ArrayList<>(List.of("bench", "rounds", "-c", "ring8", "--rounds", "6", "--warmup", "2",
                "--set", "data.examples=2000", "--set", "train.batch-per-partition=32", "--set", "train.mode=average",
                "--set", "train.local-steps=2", "--set", "train.critic-steps=3",
                "--set", "run.output=" + dir.resolve("runs-" + name), "--out", dir.resolve(name + ".json").toString()));
        args.addAll(List.of(more));
        return args;
    }

    private JsonNode run(String name, String... more) throws Exception {
        Cli.Result r = Cli.run(bench(name, more).toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return Json.mapper().readTree(Files.readString(dir.resolve(name + ".json")));
    }

    @Test
    void tasksWaitWhileTheVectorsKeepTheirTrueSize() throws Exception {
        JsonNode real = run("real", "--master", "local[2]", "--spark-conf", "spark.ui.enabled=false");
        JsonNode standIn = run("stand-in", "--master", "local[2]", "--spark-conf", "spark.ui.enabled=false",
                "--compute-stand-in-ms", Double.toString(STAND_IN_MS));
        assertEquals(STAND_IN_MS, standIn.get("computeStandInMs").asDouble());
        assertTrue(real.get("computeStandInMs").isNull(), real.toString());
        // The round's compute (its 4 phases' slowest tasks) is the stand-in's wait, spread over the
        // phases (4 x 400 ms if it were not).
        double compute = standIn.get("computeMs").asDouble();
        assertTrue(compute >= STAND_IN_MS && compute < STAND_IN_MS * 2, "computeMs " + compute);
        assertTrue(standIn.get("roundMs").asDouble() >= compute, standIn.toString());
        assertEquals(real.get("bytesPerRound").asLong(), standIn.get("bytesPerRound").asLong(),
                "broadcasts and results of the model's true size");
        assertTrue(Files.exists(dir.resolve("runs-real/ring8/model.ckpt")), "the real bench run is a run");
        assertFalse(Files.exists(dir.resolve("runs-stand-in")), "a stand-in run writes no run directory");
    }

    @Test
    void inSyncModeTheParametersChangeAndAreBroadcastEveryPhase() throws Exception {
        String[] sync = {"--master", "local[2]", "--spark-conf", "spark.ui.enabled=false", "--set", "train.mode=sync",
            "--set", "train.local-steps=1", "--set", "train.critic-steps=1"};
        JsonNode real = run("real-sync", sync);
        List<String> withStandIn = new ArrayList<>(List.of(sync));
        withStandIn.addAll(List.of("--compute-stand-in-ms", "40"));
        JsonNode standIn = run("stand-in-sync", withStandIn.toArray(String[]::new));
        assertEquals(real.get("bytesPerRound").asLong(), standIn.get("bytesPerRound").asLong(),
                "both networks broadcast and one gradient a partition returned every phase, as in training");
    }

    @Test
    void standInFromAMeasuredThreadsRun() throws Exception {
        JsonNode measured = run("threads", "--threads", "1");
        JsonNode standIn = run("from", "--threads", "2", "--stand-in-from", dir.resolve("threads.json").toString());
        assertEquals(measured.get("computeMs").asDouble(), standIn.get("computeStandInMs").asDouble());
        assertEquals(measured.get("bytesPerRound").asLong(), standIn.get("bytesPerRound").asLong());
    }

    @Test
    void aStandInMeasuredWithOtherWorkIsRefused() throws Exception {
        run("threads", "--threads", "1");
        Cli.Result r = Cli.run(bench("other", "--threads", "1", "--set", "train.mode=sync", "--set",
                "train.local-steps=1", "--stand-in-from", dir.resolve("threads.json").toString()).toArray(String[]::new));
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("field mode is average, but this run has sync"), r.err());
        Cli.Result steps = Cli.run(bench("steps", "--threads", "1", "--set", "train.local-steps=4", "--stand-in-from",
                dir.resolve("threads.json").toString()).toArray(String[]::new));
        assertTrue(steps.err().contains("field localSteps is 2, but this run has 4"), steps.err());
        Cli.Result both = Cli.run(bench("both", "--threads", "1", "--compute-stand-in-ms", "5", "--stand-in-from",
                dir.resolve("threads.json").toString()).toArray(String[]::new));
        assertTrue(both.code() != 0 && both.err().contains("not both"), both.err());
    }
}
