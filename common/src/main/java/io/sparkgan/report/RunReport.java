package io.sparkgan.report;

import io.sparkgan.run.RunFiles;
import io.sparkgan.run.Sampler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code sparkgan report}: one self-contained HTML page about a run directory. Charts are PNGs
 * drawn by JFreeChart and embedded as data: URIs with the sample snapshots and final samples; the
 * page loads nothing from anywhere (its Content-Security-Policy forbids it) and runs no script.
 * Each section is a {@link Section}; those whose files are absent (quality.jsonl, evaluation.json,
 * snapshots) are left out. The style sheet is the resource report.css, inlined.
 */
public final class RunReport {
    /** At most this many snapshots are shown, evenly spaced, always the first and the last. */
    static final int MAX_SNAPSHOTS = 24;
    /** The sections in page order. */
    private static final List<Section> SECTIONS = List.of(new SummarySection(), new ConvergenceSection(),
            new QualitySection(), new TimingSection(), new SnapshotsSection(), new FinalSamplesSection(),
            new EvaluationSection(), new ProvenanceSection());
    private static final String CSS = resource("report.css");

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
        List<Section> present = SECTIONS.stream().filter(s -> s.present(data)).toList();
        Html h = new Html();
        String name = data.runName();
        h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:;"
                        + " style-src 'unsafe-inline'\">\n")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .raw("<title>").text("sparkgan report: " + name).raw("</title>\n<style>\n").raw(CSS)
                .raw("</style>\n</head>\n<body>\n<header>\n<h1>").text("sparkgan run report: " + name).raw("</h1>\n<p>")
                .text(data.uri + " \u00b7 report written " + Instant.now().toString()).raw("</p>\n</header>\n");
        h.raw("<nav>");
        for (Section s : present) h.raw("<a href=\"#" + s.id() + "\">").text(s.title()).raw("</a>");
        h.raw("</nav>\n<main>\n");
        for (Section s : present) s.write(h, data);
        h.raw("</main>\n</body>\n</html>\n");
        return h.toString();
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

    private static String resource(String name) {
        try (InputStream in = RunReport.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("resource " + name + " missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
