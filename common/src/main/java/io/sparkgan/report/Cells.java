package io.sparkgan.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** How the report writes values in table cells and captions: numbers, durations, JSON values. */
final class Cells {
    private Cells() {}

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString();
    }

    /** A JSON value for a table cell: numbers formatted, arrays shortened to 20 elements. */
    static String value(JsonNode v) {
        if (v == null || v.isNull()) return "";
        if (v.isNumber()) return v.isIntegralNumber() ? v.asText() : number(v.asDouble());
        if (v.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < Math.min(20, v.size()); i++) {
                if (i > 0) sb.append(", ");
                sb.append(value(v.get(i)));
            }
            if (v.size() > 20) sb.append(", ... (").append(v.size()).append(" values)");
            return sb.append(']').toString();
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    static String number(double v) {
        if (Double.isNaN(v)) return "n/a";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.format(Locale.ROOT, "%,d", (long) v);
        double a = Math.abs(v);
        if (a >= 1000) return String.format(Locale.ROOT, "%,.0f", v);
        if (a >= 0.01) return String.format(Locale.ROOT, "%.4g", v);
        return String.format(Locale.ROOT, "%.3e", v);
    }

    static String seconds(double s) {
        if (Double.isNaN(s)) return "n/a";
        if (s < 120) return String.format(Locale.ROOT, "%.1f s", s);
        if (s < 7200) return String.format(Locale.ROOT, "%.1f min", s / 60);
        return String.format(Locale.ROOT, "%.2f h", s / 3600);
    }
}
