package io.sparkgan.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The run at a glance: model, data, rounds, the latest losses, D outputs, JSD estimate and speed; notes about damaged files. */
final class SummarySection implements Section {
    private static final double LOG2 = Math.log(2);

    @Override
    public String id() {
        return "summary";
    }

    @Override
    public String title() {
        return "Summary";
    }

    @Override
    public boolean present(RunData d) {
        return true;
    }

    @Override
    public void write(Html h, RunData d) {
        h.section(id(), "Summary");
        List<List<String>> rows = new ArrayList<>();
        JsonNode p = d.provenance;
        rows.add(List.of("run", d.runName()));
        if (p != null) {
            rows.add(List.of("model", Cells.text(p, "model")));
            rows.add(List.of("data", Cells.text(p, "data")));
            rows.add(List.of("master / partitions", Cells.text(p, "master") + " / " + Cells.text(p, "partitions")));
            rows.add(List.of("rounds done", Cells.text(p, "roundsDone")
                    + (p.hasNonNull("finished") ? "" : " (not finished: the run is going on, or it stopped early)")));
        }
        List<JsonNode> m = d.metrics;
        if (!m.isEmpty()) {
            JsonNode last = m.get(m.size() - 1);
            rows.add(List.of("rounds in metrics.jsonl", Integer.toString(m.size())));
            rows.add(List.of("training time", Cells.seconds(Series.number(last, "elapsedSeconds"))));
            rows.add(List.of("examples seen", Cells.number(Series.number(last, "examplesSeen"))));
            int window = Math.max(1, m.size() / 10);
            List<JsonNode> tail = m.subList(m.size() - window, m.size());
            String over = " (mean of the last " + window + " round" + (window == 1 ? "" : "s") + ")";
            rows.add(List.of("D loss / G loss" + over, Cells.number(Columns.mean(tail, "dLoss")) + " / " + Cells.number(Columns.mean(tail, "gLoss"))));
            rows.add(List.of("D(x) / D(G(z))" + over, Cells.number(Columns.mean(tail, "dReal")) + " / " + Cells.number(Columns.mean(tail, "dFake"))));
            rows.add(List.of("JSD estimate" + over, Cells.number(Columns.mean(tail, "jsd")) + "  (0 = indistinguishable, log 2 = "
                    + Cells.number(LOG2) + " = disjoint)"));
            rows.add(List.of("median round time / examples per second", Cells.number(Columns.median(m, "roundMs")) + " ms / "
                    + Cells.number(Columns.median(m, "examplesPerSecond"))));
        } else {
            rows.add(List.of("metrics", "no metrics.jsonl in the run directory"));
        }
        if (!d.quality.isEmpty()) {
            JsonNode q = d.quality.get(d.quality.size() - 1);
            rows.add(List.of("latest IS / FID (round " + Cells.text(q, "round") + ")",
                    Cells.number(Series.number(q, "inceptionScore")) + " / " + Cells.number(Series.number(q, "fid"))));
        }
        h.table("summary", List.of("", ""), rows);
        if (!d.notes.isEmpty()) {
            h.raw("<ul class=\"notes\">");
            for (String note : d.notes) h.element("li", note);
            h.raw("</ul>\n");
        }
        h.endSection();
    }
}
