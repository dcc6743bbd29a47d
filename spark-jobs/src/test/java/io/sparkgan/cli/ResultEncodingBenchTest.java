package io.sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgan.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train.result-encoding} seen from the command line: bench rounds' byte counts, and --reference's refusal. */
class ResultEncodingBenchTest {
    @TempDir
    Path dir;

    private JsonNode rounds(String name, String encoding) throws Exception {
        Cli.Result r = Cli.run("bench", "rounds", "-c", "ring8", "--rounds", "4", "--warmup", "1",
                "--master", "local[2]", "--spark-conf", "spark.ui.enabled=false",
                "--set", "data.examples=2000", "--set", "data.partitions=2", "--set", "train.batch-per-partition=32",
                "--set", "train.result-encoding=" + encoding, "--set", "run.output=" + dir.resolve("runs-" + name),
                "--out", dir.resolve(name + ".json").toString());
        assertEquals(0, r.code(), r.err());
        return Json.mapper().readTree(Files.readString(dir.resolve(name + ".json")));
    }

    @Test
    void bfloat16ResultsAreHalfTheResultBytes() throws Exception {
        JsonNode float32 = rounds("float32", "float32");
        JsonNode bfloat16 = rounds("bfloat16", "bfloat16");
        assertEquals("bfloat16", bfloat16.get("resultEncoding").asText());
        long full = float32.get("resultBytesPerRound").asLong();
        long half = bfloat16.get("resultBytesPerRound").asLong();
        assertTrue(full > 0, float32.toString());
        // The MLP has no batch-norm statistics (which stay float): exactly half.
        assertEquals(full, 2 * half, "float32 " + full + " bytes, bfloat16 " + half);
        // The broadcasts (parameters, float) are the same; only the results shrink.
        assertEquals(float32.get("bytesPerRound").asLong() - full, bfloat16.get("bytesPerRound").asLong() - half);
    }

    @Test
    void theReferenceTrainerRefusesA16BitEncodingBeforeWritingAnything() {
        Cli.Result r = Cli.run("train", "--reference", "-c", "ring8", "--set", "train.rounds=2",
                "--set", "train.result-encoding=bfloat16", "--set", "run.output=" + dir.resolve("runs"));
        assertTrue(r.code() != 0, "refused");
        assertTrue(r.err().contains("train.result-encoding") && r.err().contains("float32"), r.err());
        assertFalse(Files.exists(dir.resolve("runs/ring8")), "no run directory");
    }
}
