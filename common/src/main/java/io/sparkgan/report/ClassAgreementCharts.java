package io.sparkgan.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Class-conditional runs: how often the evaluator's class is the requested one, over rounds and per class. */
final class ClassAgreementCharts {
    private ClassAgreementCharts() {}

    /** Writes both charts when the last quality.jsonl line has a classAgreement (conditional runs only). */
    static void write(Html h, RunData d, List<JsonNode> q) {
        JsonNode last = q.get(q.size() - 1).get("classAgreement");
        if (last == null || !last.isObject()) return;
        double[] rounds = new double[q.size()];
        double[] overall = new double[q.size()];
        int n = 0;
        for (JsonNode line : q) {
            JsonNode a = line.get("classAgreement");
            double round = Series.number(line, "round");
            double v = a == null ? Double.NaN : Series.number(a, "overall");
            if (Double.isFinite(round) && Double.isFinite(v)) {
                rounds[n] = round;
                overall[n++] = v;
            }
        }
        Series curve = new Series("share of images of the requested class", Arrays.copyOf(rounds, n),
                Arrays.copyOf(overall, n));
        Figures.chart(h, Charts.lines("Evaluator agrees with the requested class", "round", "share of images",
                List.of(curve), List.of(new Charts.Marker(1, "1: always"))), "class agreement over rounds");
        JsonNode perClass = last.get("perClass");
        if (perClass == null || !perClass.isArray() || perClass.isEmpty()) return;
        double[] values = new double[perClass.size()];
        List<String> names = new ArrayList<>();
        List<String> classes = d.manifest != null ? d.manifest.classes() : List.of();
        for (int k = 0; k < values.length; k++) {
            JsonNode v = perClass.get(k);
            values[k] = v != null && v.isNumber() ? v.asDouble() : 0;
            names.add(classes.size() == values.length ? classes.get(k) : "" + k);
        }
        Figures.chart(h, Charts.bars("Agreement per requested class at round " + Cells.text(q.get(q.size() - 1), "round"),
                "requested class", "share of images of that class", names, values, null), "class agreement per class");
    }
}
