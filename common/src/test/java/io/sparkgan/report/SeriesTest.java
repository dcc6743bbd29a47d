package io.sparkgan.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgan.run.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Long curves are bucketed for drawing without losing their mean or their spikes. */
class SeriesTest {
    @Test
    void bucketsKeepTheMeanAndTheExtremes() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        double[] lossAt = new double[10_001]; // by round, 1-based
        for (int r = 1; r <= 10_000; r++) {
            double loss = r == 7_777 ? 50.0 : 1.0 + (r % 2 == 0 ? 0.1 : -0.1);
            lossAt[r] = loss;
            lines.add(Json.mapper().readTree("{\"round\":" + r + ",\"dLoss\":" + loss + (r == 5 ? ",\"jsd\":null" : "")
                    + "}"));
        }
        lines.add(Json.mapper().readTree("{\"round\":10001,\"dLoss\":\"NaN\"}"));
        Series s = Series.of("D loss", lines, "round", "dLoss");
        assertEquals(10_000, s.size(), "a non-number is left out");
        Series.Buckets b = s.buckets(600);
        assertTrue(b.reduced());
        assertEquals(600, b.x().length);
        assertEquals(10_000, b.x()[599], 0, "the last bucket ends at the last round");
        double max = 0;
        for (int i = 0; i < 600; i++) {
            max = Math.max(max, b.max()[i]);
            assertTrue(b.min()[i] <= b.mean()[i] && b.mean()[i] <= b.max()[i]);
        }
        assertEquals(50.0, max, 0, "a one-round spike survives in the band");
        // Each bucket's mean is the mean of exactly its rounds (from the previous bucket's last
        // round, exclusive, to its own), and weighting the buckets by their rounds gives back the
        // curve's mean: the one-round spike's 49.1 / 10,000 above 1 is kept, not averaged away.
        double total = 0;
        double weighted = 0;
        int previous = 0;
        for (int i = 0; i < 600; i++) {
            int last = (int) b.x()[i];
            double sum = 0;
            for (int r = previous + 1; r <= last; r++) sum += lossAt[r];
            assertEquals(sum / (last - previous), b.mean()[i], 1e-12, "bucket " + i);
            weighted += b.mean()[i] * (last - previous);
            previous = last;
        }
        for (int r = 1; r <= 10_000; r++) total += lossAt[r];
        assertEquals(1.0 + 49.1 / 10_000, total / 10_000, 1e-12);
        assertEquals(total / 10_000, weighted / 10_000, 1e-12);
        assertFalse(s.buckets(20_000).reduced(), "short curves are drawn as they are");
        assertEquals(0, Series.of("jsd", lines, "round", "jsd").size(), "absent and null values are left out");
    }

    @Test
    void spreadPicksEvenlySpacedIndicesWithTheEnds() {
        assertEquals(List.of(0, 1, 2), toList(RunReport.spread(3, 24)));
        int[] idx = RunReport.spread(101, 5);
        assertEquals(List.of(0, 25, 50, 75, 100), toList(idx));
    }

    private static List<Integer> toList(int[] a) {
        List<Integer> l = new ArrayList<>();
        for (int v : a) l.add(v);
        return l;
    }
}
