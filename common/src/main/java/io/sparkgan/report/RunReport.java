package io.sparkgan.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgan.dataset.DatasetManifest;
import io.sparkgan.run.RunFiles;
import io.sparkgan.run.Sampler;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code sparkgan report}: one self-contained HTML page about a run directory. Charts are PNGs
 * drawn by JFreeChart and embedded as data: URIs with the sample snapshots and final samples; the
 * page loads nothing from anywhere (its Content-Security-Policy forbids it) and runs no script.
 * Sections whose files are absent (quality.jsonl, evaluation.json, snapshots) are left out.
 */
public final class RunReport {
    /** At most this many snapshots are shown, evenly spaced, always the first and the last. */
    static final int MAX_SNAPSHOTS = 24;
    /** At most this many rows of quality.jsonl in the table. */
    static final int MAX_QUALITY_ROWS = 30;
    private static final double LOG2 = Math.log(2);
    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;\
            color:#1d1d1f;background:#fafafa;line-height:1.45}
            header{background:#24364b;color:#fff;padding:18px 32px}
            header h1{margin:0 0 4px 0;font-size:1.5em;overflow-wrap:anywhere}
            header p{margin:0;color:#c9d6e3;font-size:.9em;overflow-wrap:anywhere}
            nav{padding:8px 32px;background:#e9eef3;font-size:.9em}
            nav a{margin-right:14px;color:#24364b}
            main{padding:8px 32px 40px 32px;max-width:1200px}
            section{margin-top:28px}
            h2{border-bottom:1px solid #ccd;padding-bottom:4px;font-size:1.25em}
            p.note{color:#555;font-size:.92em;max-width:900px}
            img{max-width:100%;height:auto;background:#fff}
            img.chart{display:block;margin:10px 0;border:1px solid #dde}
            img.grid{image-rendering:pixelated}
            .snapshots{display:flex;flex-wrap:wrap;gap:14px}
            figure{margin:0;background:#fff;border:1px solid #dde;padding:6px}
            figcaption{font-size:.85em;color:#444;text-align:center;overflow-wrap:anywhere}
            table{border-collapse:collapse;margin:8px 0;font-size:.9em;background:#fff}
            th,td{border:1px solid #dde;padding:3px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
            thead th{background:#eef2f6}
            tbody th{font-weight:600;background:#f6f8fa}
            pre{background:#fff;border:1px solid #dde;padding:10px;overflow:auto;font-size:.82em;max-height:480px}
            ul.notes{color:#8a4b00}
            """;

    private RunReport() {}

    /** Writes the report of run directory {@code runUri} to {@code outUri} (null: RUN/report.html); returns where. */
    public static String write(String runUri, String outUri, Configuration conf) {
        RunFiles run = RunFiles.open(runUri, conf);
        String html = html(run, conf);
        if (outUri == null) {
            run.writeText(RunFiles.REPORT, html);
            return run.path(RunFiles.REPORT).toString();
        }
        Sampler.writeFile(html.getBytes(StandardCharsets.UTF_8), outUri, conf);
        return outUri;
    }

    /** The report page of {@code run}. */
    public static String html(RunFiles run, Configuration conf) {
        RunData data = RunData.read(run, conf);
        Html h = new Html();
        String name = data.runName();
        h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:;"
                        + " style-src 'unsafe-inline'\">\n")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .raw("<title>").text("sparkgan report: " + name).raw("</title>\n<style>\n").raw(CSS)
                .raw("</style>\n</head>\n<body>\n<header>\n<h1>").text("sparkgan run report: " + name).raw("</h1>\n<p>")
                .text(data.uri + " \u00b7 report written " + Instant.now().toString()).raw("</p>\n</header>\n");
        nav(h, data);
        h.raw("<main>\n");
        summary(h, data);
        convergence(h, data);
        quality(h, data);
        timing(h, data);
        snapshots(h, data);
        finalSamples(h, data);
        evaluation(h, data);
        provenance(h, data);
        h.raw("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void nav(Html h, RunData d) {
        h.raw("<nav>");
        h.raw("<a href=\"#summary\">Summary</a>");
        if (!d.metrics.isEmpty()) h.raw("<a href=\"#convergence\">Convergence</a>");
        if (!d.quality.isEmpty()) h.raw("<a href=\"#quality\">IS / FID</a>");
        if (!d.metrics.isEmpty()) h.raw("<a href=\"#timing\">Time per round</a>");
        if (!d.snapshots.isEmpty()) h.raw("<a href=\"#snapshots\">Samples over time</a>");
        if (d.finalSamples != null) h.raw("<a href=\"#final-samples\">Final samples</a>");
        if (d.evaluation != null) h.raw("<a href=\"#evaluation\">Evaluation</a>");
        h.raw("<a href=\"#provenance\">Provenance</a>");
        h.raw("</nav>\n");
    }

    private static void summary(Html h, RunData d) {
        h.section("summary", "Summary");
        List<List<String>> rows = new ArrayList<>();
        JsonNode p = d.provenance;
        rows.add(List.of("run", d.runName()));
        if (p != null) {
            rows.add(List.of("model", text(p, "model")));
            rows.add(List.of("data", text(p, "data")));
            rows.add(List.of("master / partitions", text(p, "master") + " / " + text(p, "partitions")));
            rows.add(List.of("rounds done", text(p, "roundsDone")
                    + (p.hasNonNull("finished") ? "" : " (not finished: the run is going on, or it stopped early)")));
        }
        List<JsonNode> m = d.metrics;
        if (!m.isEmpty()) {
            JsonNode last = m.get(m.size() - 1);
            rows.add(List.of("rounds in metrics.jsonl", Integer.toString(m.size())));
            rows.add(List.of("training time", seconds(Series.number(last, "elapsedSeconds"))));
            rows.add(List.of("examples seen", fmt(Series.number(last, "examplesSeen"))));
            int window = Math.max(1, m.size() / 10);
            List<JsonNode> tail = m.subList(m.size() - window, m.size());
            String over = " (mean of the last " + window + " round" + (window == 1 ? "" : "s") + ")";
            rows.add(List.of("D loss / G loss" + over, fmt(mean(tail, "dLoss")) + " / " + fmt(mean(tail, "gLoss"))));
            rows.add(List.of("D(x) / D(G(z))" + over, fmt(mean(tail, "dReal")) + " / " + fmt(mean(tail, "dFake"))));
            rows.add(List.of("JSD estimate" + over, fmt(mean(tail, "jsd")) + "  (0 = indistinguishable, log 2 = "
                    + fmt(LOG2) + " = disjoint)"));
            rows.add(List.of("median round time / examples per second", fmt(median(m, "roundMs")) + " ms / "
                    + fmt(median(m, "examplesPerSecond"))));
        } else {
            rows.add(List.of("metrics", "no metrics.jsonl in the run directory"));
        }
        if (!d.quality.isEmpty()) {
            JsonNode q = d.quality.get(d.quality.size() - 1);
            rows.add(List.of("latest IS / FID (round " + text(q, "round") + ")",
                    fmt(Series.number(q, "inceptionScore")) + " / " + fmt(Series.number(q, "fid"))));
        }
        h.table("summary", List.of("", ""), rows);
        if (!d.notes.isEmpty()) {
            h.raw("<ul class=\"notes\">");
            for (String note : d.notes) h.element("li", note);
            h.raw("</ul>\n");
        }
        h.endSection();
    }

    private static void convergence(Html h, RunData d) {
        if (d.metrics.isEmpty()) return;
        List<JsonNode> m = d.metrics;
        h.section("convergence", "Convergence diagnostics");
        h.note("How to read these: docs/diagnostics.md. D's loss is its binary cross-entropy"
                + " on real (target 1) and generated (target 0) examples; G's loss is its own objective (non-saturating:"
                + " -log D(G(z))). At the equilibrium D(x) = D(G(z)) = 1/2, D's loss is log 4 = "
                + fmt(Math.log(4)) + " and the JSD estimate is 0. D(x) near 1 with D(G(z)) near 0, the JSD estimate"
                + " near log 2 and G's loss climbing mean D separates real from generated: training is diverging or"
                + " collapsing.");
        chart(h, Charts.lines("Losses", "round", "loss", List.of(Series.of("D loss", m, "round", "dLoss"),
                Series.of("G loss", m, "round", "gLoss")), List.of(new Charts.Marker(Math.log(4),
                "D loss at equilibrium: log 4"))), "D and G loss per round");
        chart(h, Charts.lines("Discriminator outputs", "round", "mean D", List.of(
                Series.of("D(x), real", m, "round", "dReal"), Series.of("D(G(z)), generated", m, "round", "dFake")),
                List.of(new Charts.Marker(0.5, "equilibrium 1/2"))), "mean D(x) and D(G(z)) per round");
        Series jsd = Series.of("JSD estimate", m, "round", "jsd");
        if (jsd.isEmpty()) {
            h.paragraph("No JSD estimate: the least-squares loss has none.");
        } else {
            chart(h, Charts.lines("Jensen-Shannon divergence estimate (a lower bound)", "round", "nats",
                    List.of(jsd), List.of(new Charts.Marker(LOG2, "log 2: disjoint"),
                            new Charts.Marker(0, "0: indistinguishable"))), "JSD estimate per round");
        }
        h.endSection();
    }

    private static void quality(Html h, RunData d) {
        if (d.quality.isEmpty()) return;
        List<JsonNode> q = d.quality;
        h.section("quality", "Sample quality: Inception Score and FID");
        h.note("From quality.jsonl: the evaluator classifier's Inception Score (higher is"
                + " better; at most the number of classes) and the Frechet distance in its feature space (lower is"
                + " better; 0 = the real data's statistics). IS stuck or falling while FID rises, or the class"
                + " histogram concentrating on few classes, is mode collapse.");
        Charts.Marker realIs = realMarker(d.evaluation, "inceptionScore", "real data IS");
        Charts.Marker realFid = realMarker(d.evaluation, "fid", "real data FID");
        chart(h, Charts.dualAxis("IS and FID over rounds", "round", "Inception Score",
                List.of(Series.of("IS", q, "round", "inceptionScore")), realIs, "FID",
                List.of(Series.of("FID", q, "round", "fid")), realFid), "IS and FID over rounds");
        double maxSeconds = q.stream().mapToDouble(n -> Series.number(n, "elapsedSeconds")).filter(Double::isFinite)
                .max().orElse(0);
        boolean minutes = maxSeconds > 600;
        String timeLabel = minutes ? "wall-clock minutes since the start of training" : "wall-clock seconds since"
                + " the start of training";
        double scale = minutes ? 1 / 60.0 : 1;
        chart(h, Charts.dualAxis("IS and FID over wall-clock time", timeLabel, "Inception Score",
                List.of(Series.of("IS", q, "elapsedSeconds", "inceptionScore", scale)), realIs, "FID",
                List.of(Series.of("FID", q, "elapsedSeconds", "fid", scale)), realFid), "IS and FID over wall-clock time");
        Series kl = Series.of("KL(class histogram || uniform)", q, "round", "klToUniform");
        chart(h, Charts.lines("Class histogram's KL divergence to uniform", "round", "nats", List.of(kl),
                List.of(new Charts.Marker(0, "0: every class equally often"))), "KL to uniform over rounds");
        classHistogram(h, d, q.get(q.size() - 1));
        classAgreement(h, d, q);
        List<List<String>> rows = new ArrayList<>();
        for (int i : spread(q.size(), MAX_QUALITY_ROWS)) {
            JsonNode n = q.get(i);
            rows.add(List.of(text(n, "round"), fmt(Series.number(n, "examplesSeen")),
                    seconds(Series.number(n, "elapsedSeconds")), fmt(Series.number(n, "inceptionScore")),
                    fmt(Series.number(n, "fid")), fmt(Series.number(n, "klToUniform")),
                    seconds(Series.number(n, "seconds"))));
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
        chart(h, Charts.bars("Class histogram of generated samples at round " + text(last, "round"), "class",
                "share of samples", names, values, new Charts.Marker(1.0 / values.length, "uniform")),
                "class histogram of generated samples");
    }

    /** Class-conditional runs: how often the evaluator's class is the requested one, over rounds and per class. */
    private static void classAgreement(Html h, RunData d, List<JsonNode> q) {
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
        Series curve = new Series("share of images of the requested class", java.util.Arrays.copyOf(rounds, n),
                java.util.Arrays.copyOf(overall, n));
        chart(h, Charts.lines("Evaluator agrees with the requested class", "round", "share of images", List.of(curve),
                List.of(new Charts.Marker(1, "1: always"))), "class agreement over rounds");
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
        chart(h, Charts.bars("Agreement per requested class at round " + text(q.get(q.size() - 1), "round"),
                "requested class", "share of images of that class", names, values, null), "class agreement per class");
    }

    private static void timing(Html h, RunData d) {
        if (d.metrics.isEmpty()) return;
        List<JsonNode> m = d.metrics;
        h.section("timing", "Time per round and throughput");
        h.note("Where a round's time goes: broadcast (driver publishes parameters),"
                + " compute (the slowest task's gradient work, per phase; its data part is drawing real"
                + " minibatches), aggregate (the rest of the Spark jobs: scheduling, (de)serialisation, tree"
                + " aggregation), update (the driver's optimiser step); other is the rest of the round's wall time"
                + " (driver bookkeeping between phases). Work between rounds (metrics, logging, sample snapshots)"
                + " counts in the wall-clock time, not here.");
        int n = m.size();
        double[] x = new double[n];
        double[][] parts = new double[6][n];
        for (int i = 0; i < n; i++) {
            JsonNode r = m.get(i);
            x[i] = Series.number(r, "round");
            double broadcast = zeroIfMissing(r, "broadcastMs");
            double compute = zeroIfMissing(r, "computeMs");
            double dataPart = Math.min(compute, zeroIfMissing(r, "dataMs"));
            double aggregate = zeroIfMissing(r, "aggregateMs");
            double update = zeroIfMissing(r, "updateMs");
            parts[0][i] = broadcast;
            parts[1][i] = compute - dataPart;
            parts[2][i] = dataPart;
            parts[3][i] = aggregate;
            parts[4][i] = update;
            parts[5][i] = Math.max(0, zeroIfMissing(r, "roundMs") - broadcast - compute - aggregate - update);
        }
        chart(h, Charts.stacked("Time per round, split", "round", "milliseconds", x, List.of("broadcast",
                "compute (model)", "compute (data path)", "aggregate", "update", "other"), parts),
                "time per round, stacked by part");
        chart(h, Charts.lines("Throughput", "round", "real examples per second",
                List.of(Series.of("examples/s", m, "round", "examplesPerSecond")), List.of()), "examples per second");
        h.endSection();
    }

    private static void snapshots(Html h, RunData d) {
        if (d.snapshots.isEmpty()) return;
        h.section("snapshots", "Samples over time (fixed latent vectors)");
        int shown = d.snapshots.size();
        int total = d.snapshotCount;
        h.note("Each picture is what the generator made of the SAME latent vectors z at that"
                + " round (samples/round-NNNNNN.png, written every samples.every-rounds rounds)"
                + (shown < total ? "; " + shown + " of " + total + " snapshots shown, evenly spaced" : "")
                + ". A tile that keeps its look while others change is a z whose sample has settled; many tiles"
                + " turning into the same picture is mode collapse.");
        h.raw("<div class=\"snapshots\">\n");
        for (RunData.Picture p : d.snapshots) {
            figure(h, p, "round " + p.round(), "generated samples at round " + p.round());
        }
        h.raw("</div>\n");
        h.endSection();
    }

    private static void finalSamples(Html h, RunData d) {
        if (d.finalSamples == null) return;
        h.section("final-samples", "Final samples");
        h.paragraph("final-samples.png: samples of the trained generator (the moving average of G's parameters"
                + " when train.generator-ema-decay is set), drawn from the seed's sampling stream"
                + " (for 2-D data: a scatter plot over the true modes, red crosses).");
        figure(h, d.finalSamples, "after " + (d.provenance != null ? text(d.provenance, "roundsDone") + " rounds"
                : "training"), "final generated samples");
        h.endSection();
    }

    private static void figure(Html h, RunData.Picture p, String caption, String alt) {
        boolean grid = p.width() < 400 && p.height() < 400; // image grids: enlarge with sharp pixels
        int scale = grid ? Math.max(1, Math.min(3, 300 / Math.max(p.width(), p.height()))) : 1;
        h.raw("<figure>");
        h.png(p.png(), alt, p.width() * scale, p.height() * scale, grid ? "grid" : "plot");
        h.raw("<figcaption>").text(caption).raw("</figcaption></figure>\n");
    }

    private static void evaluation(Html h, RunData d) {
        if (d.evaluation == null) return;
        h.section("evaluation", "Evaluation");
        h.paragraph("evaluation.json (sparkgan evaluate): the generator's figures, beside the same figures for"
                + " real held-out data where the file gives them.");
        JsonNode e = d.evaluation;
        JsonNode real = realObject(e);
        List<List<String>> rows = new ArrayList<>();
        boolean anyReal = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String key = f.getKey();
            if (f.getValue() == real || isRealPrefixed(key, e)) continue;
            if (key.equals("classAgreement") && f.getValue().isObject()) {
                rows.add(List.of("classAgreement: share of images of the requested class",
                        value(f.getValue().get("overall")), ""));
                rows.add(List.of("classAgreement per requested class", value(f.getValue().get("perClass")), ""));
                continue;
            }
            JsonNode realValue = realValue(e, key);
            anyReal |= realValue != null;
            rows.add(List.of(key, value(f.getValue()), realValue == null ? "" : value(realValue)));
        }
        if (anyReal) h.table("evaluation", List.of("figure", "generated", "real data"), rows);
        else h.table("evaluation", List.of("figure", "value"), rows.stream().map(r -> r.subList(0, 2)).toList());
        h.endSection();
    }

    /** The object of real-data figures in evaluation.json: "real", "realData" or "reference", or null. */
    private static JsonNode realObject(JsonNode evaluation) {
        for (String key : List.of("real", "realData", "reference")) {
            if (evaluation.has(key) && evaluation.get(key).isObject()) return evaluation.get(key);
        }
        return null;
    }

    /** The real data's value of figure {@code key}: in the real-data object, else as "realKey"; or null. */
    private static JsonNode realValue(JsonNode evaluation, String key) {
        JsonNode real = realObject(evaluation);
        return real != null ? real.get(key) : evaluation.get("real" + capitalised(key));
    }

    /** A reference line at the real data's value of {@code key} in evaluation.json, or null. */
    private static Charts.Marker realMarker(JsonNode evaluation, String key, String label) {
        JsonNode v = evaluation == null ? null : realValue(evaluation, key);
        return v != null && v.isNumber() ? new Charts.Marker(v.asDouble(), label + " " + fmt(v.asDouble())) : null;
    }

    /** A key "realX" whose generated counterpart "x" is also in the object: shown in the real-data column. */
    private static boolean isRealPrefixed(String key, JsonNode object) {
        if (!key.startsWith("real") || key.length() <= 4 || !Character.isUpperCase(key.charAt(4))) return false;
        String base = Character.toLowerCase(key.charAt(4)) + key.substring(5);
        return object.has(base);
    }

    private static void provenance(Html h, RunData d) {
        h.section("provenance", "Provenance");
        JsonNode p = d.provenance;
        if (p == null) {
            h.paragraph("No provenance.json in the run directory.");
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (String key : List.of("runName", "seed", "data", "model", "partitions", "master", "host", "user",
                    "started", "finished", "roundsDone")) {
                rows.add(List.of(key, text(p, key)));
            }
            JsonNode versions = p.get("versions");
            if (versions != null && versions.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = versions.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> v = it.next();
                    rows.add(List.of("version: " + v.getKey(), v.getValue().asText()));
                }
            }
            h.table("provenance", List.of("", ""), rows);
        }
        dataset(h, d);
        if (d.configText != null) {
            h.element("h3", "Config (complete, resolved: config.conf)").raw("\n");
            h.pre(d.configText);
        }
        h.endSection();
    }

    private static void dataset(Html h, RunData d) {
        DatasetManifest m = d.manifest;
        if (m == null) return;
        h.element("h3", "Training data set").raw("\n");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("path", d.dataPath));
        rows.add(List.of("images", m.describe()));
        rows.add(List.of("checksum (SHA-256 of shape and shards)", m.checksum()));
        String inProvenance = d.provenance != null ? text(d.provenance, "data") : "";
        if (!inProvenance.isEmpty() && !inProvenance.contains(m.checksum())) {
            rows.add(List.of("WARNING", "the data set's checksum differs from the one recorded when the run"
                    + " started (" + inProvenance + "): it was prepared again since"));
        }
        if (m.labelled() && !m.classes().isEmpty()) {
            StringBuilder counts = new StringBuilder();
            for (int i = 0; i < m.classes().size(); i++) {
                if (i > 0) counts.append(", ");
                counts.append(m.classes().get(i));
                if (i < m.classCounts().size()) counts.append(": ").append(m.classCounts().get(i));
            }
            rows.add(List.of("classes", counts.toString()));
        }
        rows.add(List.of("pixel mean / std per channel", Arrays.toString(m.channelMean()) + " / "
                + Arrays.toString(m.channelStd())));
        rows.add(List.of("sources", String.join(", ", m.sources())));
        rows.add(List.of("shards / rejected inputs", m.shards().size() + " / " + m.rejected()));
        rows.add(List.of("prepared", m.created() + " by sparkgan " + m.sparkgan()));
        h.table("dataset", List.of("", ""), rows);
    }

    private static void chart(Html h, byte[] png, String alt) {
        if (png == null) return;
        h.png(png, alt, Charts.WIDTH, png.length > 0 ? heightOf(png) : Charts.HEIGHT, "chart").raw("\n");
    }

    /** The height stored in a PNG's IHDR chunk. */
    private static int heightOf(byte[] png) {
        return ((png[20] & 0xff) << 24) | ((png[21] & 0xff) << 16) | ((png[22] & 0xff) << 8) | (png[23] & 0xff);
    }

    /** {@code k} indices spread evenly over {@code 0..n-1}, always the first and the last ({@code n} if fewer). */
    static int[] spread(int n, int k) {
        if (n <= k) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            return all;
        }
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) idx[i] = (int) Math.round((double) i * (n - 1) / (k - 1));
        return idx;
    }

    private static double zeroIfMissing(JsonNode line, String field) {
        double v = Series.number(line, field);
        return Double.isFinite(v) ? v : 0;
    }

    private static double mean(List<JsonNode> lines, String field) {
        return lines.stream().mapToDouble(n -> Series.number(n, field)).filter(Double::isFinite).average()
                .orElse(Double.NaN);
    }

    private static double median(List<JsonNode> lines, String field) {
        double[] v = lines.stream().mapToDouble(n -> Series.number(n, field)).filter(Double::isFinite).sorted()
                .toArray();
        if (v.length == 0) return Double.NaN;
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString();
    }

    /** A JSON value for a table cell: numbers formatted, arrays shortened to 20 elements. */
    private static String value(JsonNode v) {
        if (v == null || v.isNull()) return "";
        if (v.isNumber()) return v.isIntegralNumber() ? v.asText() : fmt(v.asDouble());
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

    private static String capitalised(String key) {
        return key.isEmpty() ? key : Character.toUpperCase(key.charAt(0)) + key.substring(1);
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) return "n/a";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.format(Locale.ROOT, "%,d", (long) v);
        double a = Math.abs(v);
        if (a >= 1000) return String.format(Locale.ROOT, "%,.0f", v);
        if (a >= 0.01) return String.format(Locale.ROOT, "%.4g", v);
        return String.format(Locale.ROOT, "%.3e", v);
    }

    private static String seconds(double s) {
        if (Double.isNaN(s)) return "n/a";
        if (s < 120) return String.format(Locale.ROOT, "%.1f s", s);
        if (s < 7200) return String.format(Locale.ROOT, "%.1f min", s / 60);
        return String.format(Locale.ROOT, "%.2f h", s / 3600);
    }
}
