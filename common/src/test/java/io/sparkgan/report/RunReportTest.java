package io.sparkgan.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.dataset.DatasetManifest;
import io.sparkgan.dataset.PreparedDataset;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sparkgan report} over real tiny training runs: sections, embedded images, escaping. */
class RunReportTest {
    private static final Pattern IMG = Pattern.compile("<img\\b[^>]*>");
    private static final Pattern DATA_SRC = Pattern.compile(" src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");
    private static final Pattern CAPTION = Pattern.compile("<figcaption>([^<]*)</figcaption>");

    @TempDir
    Path dir;

    @Test
    void ring8ReportShowsTheTrainingDiagnosticsSnapshotsAndProvenance() throws Exception {
        Path run = TinyRuns.train(dir, "");
        String out = RunReport.write(run.toString(), null, TinyRuns.CONF);
        assertTrue(out.endsWith("/ring8/report.html"), out);
        String html = Files.readString(run.resolve("report.html"));

        for (String id : List.of("summary", "convergence", "timing", "snapshots", "final-samples", "provenance")) {
            assertTrue(html.contains("<section id=\"" + id + "\">"), "section " + id);
        }
        assertFalse(html.contains("<section id=\"quality\">"), "no quality.jsonl: no IS/FID section");
        assertFalse(html.contains("<section id=\"evaluation\">"), "no evaluation.json: no evaluation section");
        assertSelfContained(html);
        // 3 convergence charts + 2 timing charts + snapshots of rounds 0, 2, 4, 6 + the final scatter plot
        List<BufferedImage> images = images(html);
        assertEquals(10, images.size());
        assertEquals(List.of("round 0", "round 2", "round 4", "round 6", "after 6 rounds"), captions(html));
        for (String text : List.of("alt=\"D and G loss per round\"", "alt=\"mean D(x) and D(G(z)) per round\"",
                "alt=\"JSD estimate per round\"", "alt=\"time per round, stacked by part\"",
                "alt=\"examples per second\"", "<th>version: java</th>", "<th>seed</th><td>1</td>",
                "ring8: 8 Gaussians", "every-rounds=2", "<th>rounds done</th><td>6</td>")) {
            assertTrue(html.contains(text), "report lacks " + text);
        }
        assertTrue(Pattern.compile("<th>rounds in metrics.jsonl</th><td>6</td>").matcher(html).find());

        // The evaluator's files, when present, add their sections.
        Files.writeString(run.resolve("quality.jsonl"), """
                {"round":2,"examplesSeen":128,"elapsedSeconds":0.5,"inceptionScore":1.25,"fid":310.5,"classHistogram":[30,2,0,0,0,0,0,0,0,0],"klToUniform":1.9,"seconds":0.2}
                {"round":4,"examplesSeen":256,"elapsedSeconds":1.0,"inceptionScore":3.5,"fid":120.25,"classHistogram":[10,8,9,7,11,9,10,12,8,9],"klToUniform":0.01,"seconds":0.2}
                {"round":6,"examplesSeen":384,"elapsedSeconds":1.5,"inceptionScore":7.75,"fid":42.5,"classHistogram":[10,10,10,10,10,10,10,10,10,10],"klToUniform":0.0,"seconds":0.2}
                """);
        Files.writeString(run.resolve("evaluation.json"), """
                {"samples": 1000, "inceptionScore": 7.75, "fid": 42.5, "real": {"inceptionScore": 9.81, "fid": 0.5}}
                """);
        Path other = dir.resolve("elsewhere.html");
        RunReport.write(run.toString(), other.toString(), TinyRuns.CONF);
        String full = Files.readString(other);
        assertTrue(full.contains("<section id=\"quality\">"));
        assertTrue(full.contains("<section id=\"evaluation\">"));
        assertEquals(10 + 4, images(full).size(), "IS/FID over rounds and time, KL to uniform, class histogram");
        assertTrue(full.contains("<th>6</th><td>384</td><td>1.5 s</td><td>7.750</td><td>42.50</td>"), "quality table");
        assertTrue(full.contains("<th>figure</th><th>generated</th><th>real data</th>"));
        assertTrue(full.contains("<th>inceptionScore</th><td>7.750</td><td>9.810</td>"), "IS beside the real data's");
        assertTrue(full.contains("latest IS / FID (round 6)"));
    }

    @Test
    void aConditionalRunsReportShowsHowOftenTheEvaluatorAgreesWithTheRequestedClass() throws Exception {
        Path run = TinyRuns.train(dir, "");
        RunReport.write(run.toString(), null, TinyRuns.CONF);
        int plain = images(Files.readString(run.resolve("report.html"))).size();
        Files.writeString(run.resolve("quality.jsonl"), """
                {"round":2,"examplesSeen":128,"elapsedSeconds":0.5,"inceptionScore":1.5,"fid":300.0,"classHistogram":[6,4],"klToUniform":0.02,"seconds":0.2,"classAgreement":{"overall":0.55,"perClass":[0.6,0.5],"requested":[5,5]}}
                {"round":4,"examplesSeen":256,"elapsedSeconds":1.0,"inceptionScore":1.9,"fid":100.0,"classHistogram":[5,5],"klToUniform":0.0,"seconds":0.2,"classAgreement":{"overall":0.85,"perClass":[1.0,0.7],"requested":[5,5]}}
                """);
        Files.writeString(run.resolve("evaluation.json"), """
                {"samples": 10, "inceptionScore": 1.9, "fid": 100.0, "classAgreement": {"overall": 0.85, "perClass": [1.0, 0.7], "requested": [5, 5]}}
                """);
        RunReport.write(run.toString(), null, TinyRuns.CONF);
        String html = Files.readString(run.resolve("report.html"));
        assertSelfContained(html);
        assertEquals(plain + 4 + 2, images(html).size(),
                "IS/FID over rounds and time, KL to uniform, class histogram; agreement over rounds and per class");
        assertTrue(html.contains("alt=\"class agreement over rounds\""), "agreement over rounds");
        assertTrue(html.contains("alt=\"class agreement per class\""), "per-class agreement chart");
        assertTrue(html.contains("<th>classAgreement: share of images of the requested class</th><td>0.8500</td>"),
                "overall agreement in the evaluation table");
        assertTrue(html.contains("<th>classAgreement per requested class</th><td>[1, 0.7000]</td>"),
                "per class in the evaluation table");
    }

    @Test
    void imageRunReportShowsImageGridsAndTheDataSetManifest() throws Exception {
        Path prepared = TinyRuns.preparedImages(dir);
        Path run = TinyRuns.train(dir.resolve("runs"), "data { source = images, path = \"" + prepared + "\" }\n"
                + "model.generator-output = tanh\ntrain { rounds = 4, batch-per-partition = 4 }\n");
        RunReport.write(run.toString(), null, TinyRuns.CONF);
        String html = Files.readString(run.resolve("report.html"));
        assertSelfContained(html);
        assertEquals(List.of("round 0", "round 2", "round 4", "after 4 rounds"), captions(html));
        List<BufferedImage> images = images(html);
        assertEquals(5 + 4, images.size());
        BufferedImage snapshot = images.get(5);
        assertEquals(8 * (8 + 2) + 2, snapshot.getWidth(), "64 images of 8x8 in an 8-column grid");
        assertEquals(4, count(html, "class=\"grid\""), "3 snapshots and the final grid are image grids");
        DatasetManifest manifest = PreparedDataset.open(prepared.toString(), TinyRuns.CONF).manifest();
        assertTrue(html.contains("<th>checksum (SHA-256 of shape and shards)</th><td>" + manifest.checksum()
                + "</td>"), "the data set's checksum");
        assertTrue(html.contains("<th>classes</th><td>dark: 6, light: 6</td>"), "class counts");
        assertTrue(html.contains("12 images 8x8x1, 2 classes"));
        assertFalse(html.contains("WARNING"), "the data set did not change since the run");
    }

    @Test
    void stringsFromTheRunAreShownAsTextNeverAsMarkup() throws Exception {
        String name = "\"><img src=x onerror=alert(1)>";
        String path = "<script>alert(1)</script>";
        Path run = TinyRuns.train(dir, "run.name = \"\\\"><img src=x onerror=alert(1)>\"\n"
                + "data.path = \"<script>alert(1)</script>\"\ntrain.rounds = 2\n");
        assertTrue(run.endsWith(name), run.toString());
        Files.writeString(run.resolve("evaluation.json"), """
                {"dataSource": "<script>alert(2)</script>", "<b onmouseover=alert(3)>key</b>": "it's \\"quoted\\" & <i>x</i>"}
                """);
        RunReport.write(run.toString(), null, TinyRuns.CONF);
        String html = Files.readString(run.resolve("report.html"));

        assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), "no script element, escaped or not");
        assertFalse(html.contains("<img src=x"));
        assertFalse(html.contains("<b onmouseover"));
        assertFalse(html.contains("<i>x</i>"));
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "data.path shown as text");
        assertTrue(html.contains("&lt;script&gt;alert(2)&lt;/script&gt;"), "evaluation.json value shown as text");
        assertTrue(html.contains("&lt;b onmouseover=alert(3)&gt;key&lt;/b&gt;"), "evaluation.json key shown as text");
        assertTrue(html.contains("<h1>sparkgan run report: &quot;&gt;&lt;img src=x onerror=alert(1)&gt;</h1>"),
                "run name shown as text");
        // Every <img> in the page is one of the report's own embedded PNGs.
        Matcher img = IMG.matcher(html);
        int tags = 0;
        while (img.find()) {
            tags++;
            assertTrue(DATA_SRC.matcher(img.group()).find(), img.group());
        }
        assertEquals(tags, images(html).size());
        assertSelfContained(html);
    }

    @Test
    void manySnapshotsAreThinnedEvenlyKeepingTheFirstAndTheLast() throws Exception {
        Path run = TinyRuns.train(dir, "train.rounds = 2\nsamples.every-rounds = 1\n");
        Path samples = run.resolve("samples");
        byte[] png = Files.readAllBytes(samples.resolve("round-000002.png"));
        for (int round = 3; round <= 100; round++) {
            Files.write(samples.resolve(io.sparkgan.run.SampleSnapshots.fileName(round)), png);
        }
        Files.write(samples.resolve("notes.png"), png); // not a snapshot name: ignored
        RunReport.write(run.toString(), null, TinyRuns.CONF);
        String html = Files.readString(run.resolve("report.html"));
        List<String> captions = captions(html);
        assertEquals(RunReport.MAX_SNAPSHOTS + 1, captions.size(), "24 snapshots and the final samples");
        assertEquals("round 0", captions.get(0));
        assertEquals("round 100", captions.get(RunReport.MAX_SNAPSHOTS - 1));
        assertTrue(html.contains("24 of 101 snapshots shown, evenly spaced"));
    }

    @Test
    void aRunWithoutMetricsStillGetsAReport() throws Exception {
        Path run = TinyRuns.train(dir, "train.rounds = 2\n");
        Files.delete(run.resolve("metrics.jsonl"));
        Files.writeString(run.resolve("quality.jsonl"), "{\"round\": 2, \"inceptionScore\": 1.5, \"fid\": 9}\n{\"round\": 4, \"incep");
        RunReport.write(run.toString(), null, TinyRuns.CONF);
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains("no metrics.jsonl in the run directory"));
        assertTrue(html.contains("quality.jsonl: 1 unreadable line skipped"));
        assertFalse(html.contains("<section id=\"convergence\">"));
        assertTrue(html.contains("<section id=\"quality\">"));
        images(html); // every embedded image decodes
    }

    /** No reference to anything outside the page: every src is a data: URI, no link, script, url() or @import. */
    static void assertSelfContained(String html) {
        Matcher src = Pattern.compile("\\b(src|href)=\"([^\"]*)\"").matcher(html);
        while (src.find()) {
            String value = src.group(2);
            boolean ok = src.group(1).equals("src") ? value.startsWith("data:image/png;base64,") : value.startsWith("#");
            assertTrue(ok, "external reference " + src.group());
        }
        String lower = html.toLowerCase(Locale.ROOT);
        for (String bad : List.of("<link", "<script", "url(", "@import", "<iframe", "<object")) {
            assertFalse(lower.contains(bad), "page contains " + bad);
        }
    }

    /** Every embedded PNG, decoded (fails if one does not decode). */
    static List<BufferedImage> images(String html) throws Exception {
        List<BufferedImage> images = new ArrayList<>();
        Matcher m = DATA_SRC.matcher(html);
        while (m.find()) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            assertNotNull(image, "an embedded image does not decode");
            images.add(image);
        }
        return images;
    }

    private static List<String> captions(String html) {
        List<String> list = new ArrayList<>();
        Matcher m = CAPTION.matcher(html);
        while (m.find()) list.add(m.group(1));
        return list;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
        return n;
    }
}
