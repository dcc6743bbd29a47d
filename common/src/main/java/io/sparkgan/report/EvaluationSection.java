package io.sparkgan.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** evaluation.json: the generator's figures beside the real data's. */
final class EvaluationSection implements Section {

    @Override
    public String id() {
        return "evaluation";
    }

    @Override
    public String title() {
        return "Evaluation";
    }

    @Override
    public boolean present(RunData d) {
        return d.evaluation != null;
    }

    @Override
    public void write(Html h, RunData d) {
        h.section(id(), "Evaluation");
        h.paragraph("evaluation.json (sparkgan evaluate): the generator's figures, beside the same figures for"
                + " real held-out data where the file gives them.");
        JsonNode e = d.evaluation;
        JsonNode real = RealFigures.realObject(e);
        List<List<String>> rows = new ArrayList<>();
        boolean anyReal = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String key = f.getKey();
            if (f.getValue() == real || RealFigures.isRealPrefixed(key, e)) continue;
            if (key.equals("classAgreement") && f.getValue().isObject()) {
                rows.add(List.of("classAgreement: share of images of the requested class",
                        Cells.value(f.getValue().get("overall")), ""));
                rows.add(List.of("classAgreement per requested class", Cells.value(f.getValue().get("perClass")), ""));
                continue;
            }
            JsonNode realValue = RealFigures.realValue(e, key);
            anyReal |= realValue != null;
            rows.add(List.of(key, Cells.value(f.getValue()), realValue == null ? "" : Cells.value(realValue)));
        }
        if (anyReal) h.table("evaluation", List.of("figure", "generated", "real data"), rows);
        else h.table("evaluation", List.of("figure", "value"), rows.stream().map(r -> r.subList(0, 2)).toList());
        h.endSection();
    }
}
