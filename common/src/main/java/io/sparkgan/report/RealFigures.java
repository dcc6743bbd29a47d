package io.sparkgan.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The real data's figures in evaluation.json, whichever of its layouts the file uses. */
final class RealFigures {
    private RealFigures() {}

    /** The object of real-data figures in evaluation.json: "real", "realData" or "reference", or null. */
    static JsonNode realObject(JsonNode evaluation) {
        for (String key : List.of("real", "realData", "reference")) {
            if (evaluation.has(key) && evaluation.get(key).isObject()) return evaluation.get(key);
        }
        return null;
    }

    /** The real data's value of figure {@code key}: in the real-data object, else as "realKey"; or null. */
    static JsonNode realValue(JsonNode evaluation, String key) {
        JsonNode real = realObject(evaluation);
        return real != null ? real.get(key) : evaluation.get("real" + capitalised(key));
    }

    /** A reference line at the real data's value of {@code key} in evaluation.json, or null. */
    static Charts.Marker marker(JsonNode evaluation, String key, String label) {
        JsonNode v = evaluation == null ? null : realValue(evaluation, key);
        return v != null && v.isNumber() ? new Charts.Marker(v.asDouble(), label + " " + Cells.number(v.asDouble())) : null;
    }

    /** A key "realX" whose generated counterpart "x" is also in the object: shown in the real-data column. */
    static boolean isRealPrefixed(String key, JsonNode object) {
        if (!key.startsWith("real") || key.length() <= 4 || !Character.isUpperCase(key.charAt(4))) return false;
        String base = Character.toLowerCase(key.charAt(4)) + key.substring(5);
        return object.has(base);
    }

    private static String capitalised(String key) {
        return key.isEmpty() ? key : Character.toUpperCase(key.charAt(0)) + key.substring(1);
    }
}
