package io.sparkgan.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Statistics of one field over lines of a JSON-lines file (missing and non-finite values skipped). */
final class Columns {
    private Columns() {}

    static double zeroIfMissing(JsonNode line, String field) {
        double v = Series.number(line, field);
        return Double.isFinite(v) ? v : 0;
    }

    static double mean(List<JsonNode> lines, String field) {
        return lines.stream().mapToDouble(n -> Series.number(n, field)).filter(Double::isFinite).average()
                .orElse(Double.NaN);
    }

    static double median(List<JsonNode> lines, String field) {
        double[] v = lines.stream().mapToDouble(n -> Series.number(n, field)).filter(Double::isFinite).sorted()
                .toArray();
        if (v.length == 0) return Double.NaN;
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
