package io.sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.util.Json;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sparkgan train --resume} and checkpoint errors at the command line (reference trainer: no Spark needed). */
class ResumeCliTest {
    @TempDir
    Path dir;

    @Test
    void resumeWarnsAboutADamagedNewestCheckpointAndContinuesTheMetrics() throws Exception {
        Path run = dir.resolve("runs/ring8");
        Cli.Result first = train("--set", "train.rounds=4", "--set", "checkpoint.every=2");
        assertEquals(0, first.code(), first.err());
        Path newest = run.resolve("checkpoints/round-000004.ckpt");
        try (RandomAccessFile f = new RandomAccessFile(newest.toFile(), "rw")) {
            f.setLength(f.length() / 3);
        }

        Cli.Result resumed = Cli.run("train", "--reference", "--resume", run.toString(), "--set", "train.rounds=6");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("WARN") && resumed.err().contains("round-000004.ckpt"), resumed.err());
        assertTrue(resumed.out().contains("Trained 6 rounds"), resumed.out());
        List<Integer> rounds = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            rounds.add(Json.mapper().readTree(line).get("round").asInt());
        }
        assertEquals(List.of(1, 2, 3, 4, 5, 6), rounds);
        assertTrue(Files.exists(run.resolve("checkpoints/round-000004.ckpt.damaged")));
    }

    @Test
    void resumeRefusesAnotherModelOrDataSetNamingTheChange() {
        Path run = dir.resolve("runs/ring8");
        assertEquals(0, train("--set", "train.rounds=2").code());

        Cli.Result model = Cli.run("train", "--reference", "--resume", run.toString(), "--set", "train.rounds=4",
                "--set", "model.latent-dim=3");
        assertEquals(1, model.code());
        assertTrue(model.err().contains("cannot resume") && model.err().contains("model.latent-dim: 8 -> 3"),
                model.err());

        Cli.Result data = Cli.run("train", "--reference", "-c", "grid25", "--resume", run.toString(),
                "--set", "run.output=" + dir.resolve("runs"), "--set", "run.name=ring8", "--set", "data.examples=1000");
        assertEquals(1, data.code());
        assertTrue(data.err().contains("data.source: ring8 -> grid25"), data.err());

        Cli.Result nothing = Cli.run("train", "--reference", "--resume", dir.resolve("nowhere").toString());
        assertEquals(1, nothing.code());
        assertTrue(nothing.err().contains("nowhere"), nothing.err());
    }

    @Test
    void anUnwritableCheckpointDirectoryFailsBeforeTrainingNamingThePath() throws Exception {
        // A regular file as parent fails for root too (a chmod would not).
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        String ckpt = file.resolve("ckpt").toString();
        Cli.Result r = train("--set", "train.rounds=3", "--set", "checkpoint.dir=" + ckpt);
        assertEquals(1, r.code());
        assertTrue(r.err().contains(ckpt), r.err());
        assertTrue(!r.err().contains("\tat "), "a message, not a stack trace: " + r.err());
        assertTrue(!Files.exists(dir.resolve("runs/ring8/metrics.jsonl")), "no round may have run");
    }

    private Cli.Result train(String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--reference", "-c", "ring8",
                "--set", "run.output=" + dir.resolve("runs"), "--set", "data.examples=1000",
                "--set", "train.batch-per-partition=32"));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(new String[0]));
    }
}
