package io.sparkgan.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.run.RunFiles;
import io.sparkgan.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Time to quality from a quality.jsonl the test writes, in the exact format training writes. */
class TimeToQualityTest {
    @TempDir
    Path dir;

    /** Four evaluations of 30, 40, 50 and 60 s; IS 4.0, 8.5, 9.1, 8.9 (the best is not the last). */
    private Path qualityFile() throws Exception {
        List<QualityRecord> records = List.of(
                new QualityRecord(500, 32_000, 120.0, 4.0, 150.0, new long[] {1, 2}, 0.2, 30.0),
                new QualityRecord(1000, 64_000, 270.0, 8.5, 80.0, new long[] {1, 2}, 0.1, 40.0),
                new QualityRecord(1500, 96_000, 420.0, 9.1, 60.0, new long[] {1, 2}, 0.05, 50.0),
                new QualityRecord(2000, 128_000, 600.0, 8.9, 55.0, new long[] {1, 2}, 0.04, 60.0));
        StringBuilder sb = new StringBuilder();
        // written out of order, with a blank line, as a reader must cope with
        for (int i : new int[] {1, 0, 3, 2}) sb.append(Json.line(records.get(i))).append('\n').append(i == 0 ? "\n" : "");
        return Files.writeString(dir.resolve(RunFiles.QUALITY), sb.toString());
    }

    @Test
    void firstEvaluationReachingEachThresholdWithWallAndTrainingMinutes() throws Exception {
        Path file = qualityFile();
        List<TimeToQuality.Point> points = TimeToQuality.parse(Files.readString(file), file.toString());
        assertEquals(List.of(500, 1000, 1500, 2000), points.stream().map(TimeToQuality.Point::round).toList());
        TimeToQuality.Result r = TimeToQuality.of(points, TimeToQuality.parseThresholds("8, 9,9.3,3"), file.toString());
        assertEquals(4, r.evaluations());

        TimeToQuality.Threshold eight = r.thresholds().get(0);
        assertTrue(eight.reached());
        assertEquals(1000, eight.round());
        assertEquals(64_000L, eight.examplesSeen());
        assertEquals(270.0 / 60, eight.wallMinutes(), 1e-12);
        assertEquals((270.0 - 30.0) / 60, eight.trainingMinutes(), 1e-12, "less the first evaluation's 30 s");

        TimeToQuality.Threshold nine = r.thresholds().get(1);
        assertEquals(1500, nine.round());
        assertEquals(96_000L, nine.examplesSeen());
        assertEquals(7.0, nine.wallMinutes(), 1e-12);
        assertEquals((420.0 - 30.0 - 40.0) / 60, nine.trainingMinutes(), 1e-12, "less the two earlier evaluations");
        assertEquals(9.1, nine.inceptionScore(), 0);

        TimeToQuality.Threshold notReached = r.thresholds().get(2);
        assertFalse(notReached.reached());
        assertNull(notReached.round());
        assertEquals(9.1, notReached.bestInceptionScore(), 0);
        assertEquals(1500, notReached.bestRound());

        TimeToQuality.Threshold first = r.thresholds().get(3);
        assertEquals(500, first.round());
        assertEquals(2.0, first.trainingMinutes(), 1e-12, "nothing to subtract before the first evaluation");

        String table = r.table();
        assertTrue(table.contains("not reached in 4 evaluations; best IS 9.100 at round 1500"), table);
        assertTrue(table.contains("96,000"), table);
        String json = Json.pretty(r);
        assertTrue(json.contains("\"trainingMinutes\" : 4.0") || json.contains("\"trainingMinutes\" : 4.0000"), json);
    }

    @Test
    void badLinesAndThresholdsAreRefusedNamingThem() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> TimeToQuality.parse(
                "{\"round\":1,\"examplesSeen\":2,\"elapsedSeconds\":3,\"inceptionScore\":4,\"seconds\":5}\n"
                        + "{\"round\":2,\"examplesSeen\":2,\"elapsedSeconds\":3,\"seconds\":5}\n", "q.jsonl"));
        assertEquals("q.jsonl line 2: field \"inceptionScore\" is missing; a number is needed", missing.getMessage());
        IllegalArgumentException torn = assertThrows(IllegalArgumentException.class,
                () -> TimeToQuality.parse("{\"round\":1,\"exam", "q.jsonl"));
        assertTrue(torn.getMessage().startsWith("q.jsonl line 1 is not JSON"), torn.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> TimeToQuality.parse("\n", "q.jsonl"));
        assertTrue(empty.getMessage().startsWith("q.jsonl has no evaluations"), empty.getMessage());
        IllegalArgumentException word = assertThrows(IllegalArgumentException.class,
                () -> TimeToQuality.parseThresholds("8,nine"));
        assertTrue(word.getMessage().contains("'nine'"), word.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> TimeToQuality.parseThresholds("8,-1"));
        assertTrue(negative.getMessage().contains("-1"), negative.getMessage());
    }
}
