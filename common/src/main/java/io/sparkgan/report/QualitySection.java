package io.sparkgan.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Inception Score, FID and the class histogram over rounds and wall-clock time, from quality.jsonl. */
final class QualitySection implements Section {
    /** At most this many rows of quality.jsonl in the table. */
    static final int MAX_QUALITY_ROWS = 30;

    @Override
    public String id() {
        return "quality";
    }

    @Override
    public String title() {
        return "IS / FID";
    }

    @Override
    public boolean present(RunData d) {
        return !d.quality.isEmpty();
    }

    @Override
    public void write(Html h, RunData d) {
        List<JsonNode> q = d.quality;
        h.section(id(), "Sample quality: Inception Score and FID");
        h.note("From quality.jsonl: the evaluator classifier's Inception Score (higher is"
                + " better; at most the number of classes) and the Frechet distance in its feature space (lower is"
                + " better; 0 = the real data's statistics). IS stuck or falling while FID rises, or the class"
                + " histogram concentrating on few classes, is mode collapse.");
        Charts.Marker realIs = RealFigures.marker(d.evaluation, "inceptionScore", "real data IS");
        Charts.Marker realFid = RealFigures.marker(d.evaluation, "fid", "real data FID");
        Figures.chart(h, Charts.dualAxis("IS and FID over rounds", "round", "Inception Score",
                List.of(Series.of("IS", q, "round", "inceptionScore")), realIs, "FID",
                List.of(Series.of("FID", q, "round", "fid")), realFid), "IS and FID over rounds");
        double maxSeconds = q.stream().mapToDouble(n -> Series.number(n, "elapsedSeconds")).filter(Double::isFinite)
                .max().orElse(0);
        boolean minutes = maxSeconds > 600;
        String timeLabel = minutes ? "wall-clock minutes since the start of training" : "wall-clock seconds since"
                + " the start of training";
        double scale = minutes ? 1 / 60.0 : 1;
        Figures.chart(h, Charts.dualAxis("IS and FID over wall-clock time", timeLabel, "Inception Score",
                List.of(Series.of("IS", q, "elapsedSeconds", "inceptionScore", scale)), realIs, "FID",
                List.of(Series.of("FID", q, "elapsedSeconds", "fid", scale)), realFid), "IS and FID over wall-clock time");
        Series kl = Series.of("KL(class histogram || uniform)", q, "round", "klToUniform");
        Figures.chart(h, Charts.lines("Class histogram's KL divergence to uniform", "round", "nats", List.of(kl),
                List.of(new Charts.Marker(0, "0: every class equally often"))), "KL to uniform over rounds");
        classHistogram(h, d, q.get(q.size() - 1));
        ClassAgreementCharts.write(h, d, q);
        List<List<String>> rows = new ArrayList<>();
        for (int i : RunReport.spread(q.size(), MAX_QUALITY_ROWS)) {
            JsonNode n = q.get(i);
            rows.add(List.of(Cells.text(n, "round"), Cells.number(Series.number(n, "examplesSeen")),
                    Cells.seconds(Series.number(n, "elapsedSeconds")), Cells.number(Series.number(n, "inceptionScore")),
                    Cells.number(Series.number(n, "fid")), Cells.number(Series.number(n, "klToUniform")),
                    Cells.seconds(Series.number(n, "seconds"))));
        }
        h.table("quality", List.of("round", "examples seen", "training time", "IS", "FID", "KL to uniform",
                "evaluation took"), rows);
        h.endSection();
    }

    private static void classHistogram(Html h, RunData d, JsonNode last) {
        JsonNode hist = last.get("classHistogram");
        if (hist == null || !hist.isArray() || hist.isEmpty()) return;
        double[] values = new double[hist.size()];
        double total = 0;
        for (int i = 0; i < values.length; i++) {
            values[i] = hist.get(i).asDouble();
            total += values[i];
        }
        if (!(total > 0)) return;
        for (int i = 0; i < values.length; i++) values[i] /= total;
        List<String> names = new ArrayList<>();
        List<String> classes = d.manifest != null ? d.manifest.classes() : List.of();
        for (int i = 0; i < values.length; i++) names.add(classes.size() == values.length ? classes.get(i) : "" + i);
        Figures.chart(h, Charts.bars("Class histogram of generated samples at round " + Cells.text(last, "round"), "class",
                "share of samples", names, values, new Charts.Marker(1.0 / values.length, "uniform")),
                "class histogram of generated samples");
    }
}
