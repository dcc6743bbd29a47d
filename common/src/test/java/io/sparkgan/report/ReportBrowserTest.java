package io.sparkgan.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a person sees it: Debian's headless Chromium opens the page, which must load with
 * no console error, no exception and no blocked or failed load, with every image decoded; a
 * full-page screenshot goes to target/report-screenshot.png. Skipped only where no chromium is
 * installed (.ci/run installs it).
 */
class ReportBrowserTest {
    /** What the page holds, measured in the browser after its load event. */
    private static final String PROBE = """
            ({
              images: Array.from(document.images).map(i => ({complete: i.complete, width: i.naturalWidth,
                  height: i.naturalHeight, alt: i.alt, data: i.src.startsWith('data:image/png;base64,')})),
              scripts: document.scripts.length,
              handlers: document.querySelectorAll('[onerror],[onload],[onmouseover],[onclick]').length,
              h1: document.querySelector('h1') ? document.querySelector('h1').textContent : null,
              sections: Array.from(document.querySelectorAll('section')).map(s => s.id),
              height: document.documentElement.scrollHeight
            })""";

    @TempDir
    Path dir;

    @Test
    void reportRendersInChromiumWithoutErrorsAndEveryImageLoads() throws Exception {
        Path chromium = HeadlessChromium.find();
        Assumptions.assumeTrue(chromium != null, "chromium is not installed (apt-get install chromium)");

        Path run = TinyRuns.train(dir.resolve("runs"), "");
        Files.writeString(run.resolve("quality.jsonl"), """
                {"round":3,"examplesSeen":192,"elapsedSeconds":0.4,"inceptionScore":2.5,"fid":150.0,"classHistogram":[5,1,0,2],"klToUniform":0.6,"seconds":0.1}
                {"round":6,"examplesSeen":384,"elapsedSeconds":0.8,"inceptionScore":3.5,"fid":90.0,"classHistogram":[2,2,2,2],"klToUniform":0.0,"seconds":0.1}
                """);
        Files.writeString(run.resolve("evaluation.json"), "{\"inceptionScore\": 3.5, \"realInceptionScore\": 3.9}");
        RunReport.write(run.toString(), null, TinyRuns.CONF);

        Path xssRun = TinyRuns.train(dir.resolve("xss"), "run.name = \"\\\"><img src=x onerror=alert(1)>\"\n"
                + "data.path = \"<script>alert(1)</script>\"\ntrain.rounds = 2\n");
        RunReport.write(xssRun.toString(), null, TinyRuns.CONF);

        Path broken = dir.resolve("broken.html");
        Files.writeString(broken, "<!DOCTYPE html><html><head><title>x</title></head><body>"
                + "<img src=\"data:image/png;base64,AAAA\"><img src=\"missing.png\">"
                + "<script>console.error('boom')</script></body></html>");

        try (HeadlessChromium browser = new HeadlessChromium(chromium, dir)) {
            // The checks can fail: a page with broken images and a console error is caught.
            HeadlessChromium.PageResult control = browser.open(broken, PROBE);
            assertTrue(control.errors().stream().anyMatch(e -> e.contains("boom")), "console.error is seen: "
                    + control.errors());
            assertEquals(List.of(false, false), loaded(control.evaluated()), "broken images are seen");

            HeadlessChromium.PageResult page = browser.open(run.resolve("report.html"), PROBE);
            assertEquals(List.of(), page.errors(), "console errors, exceptions or failed loads\n" + browser.stderr());
            JsonNode probe = page.evaluated();
            assertEquals(14, probe.get("images").size(), "5 diagnostics charts, 4 quality charts, 4 snapshots,"
                    + " the final samples");
            assertFalse(loaded(probe).contains(false), "every image decoded: " + probe.get("images"));
            for (JsonNode image : probe.get("images")) assertTrue(image.get("data").asBoolean(), image.toString());
            assertEquals(0, probe.get("scripts").asInt());
            assertEquals(List.of("summary", "convergence", "quality", "timing", "snapshots", "final-samples",
                    "evaluation", "provenance"), texts(probe.get("sections")));
            Path screenshot = Path.of("target", "report-screenshot.png");
            Files.createDirectories(screenshot.getParent());
            Files.write(screenshot, page.screenshot());
            BufferedImage shot = ImageIO.read(new ByteArrayInputStream(page.screenshot()));
            assertEquals(1280, shot.getWidth());
            assertTrue(shot.getHeight() >= Math.min(probe.get("height").asInt(), 16000) - 1,
                    "full page: " + shot.getHeight() + " of " + probe.get("height"));
            assertNotBlank(shot);

            HeadlessChromium.PageResult xss = browser.open(xssRun.resolve("report.html"), PROBE);
            assertEquals(List.of(), xss.errors(), "a blocked inline handler or script would log an error");
            JsonNode x = xss.evaluated();
            assertEquals("sparkgan run report: \"><img src=x onerror=alert(1)>", x.get("h1").asText(),
                    "the run name is shown as text");
            assertEquals(0, x.get("scripts").asInt());
            assertEquals(0, x.get("handlers").asInt(), "no element got an event handler from the run's strings");
            assertFalse(loaded(x).contains(false));
            for (JsonNode image : x.get("images")) assertTrue(image.get("data").asBoolean(), image.toString());
        }
    }

    private static List<Boolean> loaded(JsonNode probe) {
        List<Boolean> list = new ArrayList<>();
        for (JsonNode image : probe.get("images")) {
            list.add(image.get("complete").asBoolean() && image.get("width").asInt() > 0
                    && image.get("height").asInt() > 0);
        }
        return list;
    }

    private static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        for (JsonNode n : array) list.add(n.asText());
        return list;
    }

    /** A real page: many colours, and most of it not the background colour. */
    private static void assertNotBlank(BufferedImage image) {
        Map<Integer, Integer> counts = new HashMap<>();
        Set<Integer> colours = new HashSet<>();
        int samples = 0;
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                counts.merge(rgb, 1, Integer::sum);
                samples++;
            }
        }
        int background = counts.values().stream().max(Integer::compare).orElse(0);
        assertTrue(colours.size() > 200, "only " + colours.size() + " colours: a blank page?");
        assertTrue(background < 0.95 * samples, "the page is almost one colour");
    }
}
