package io.sparkgan.plot;

import io.sparkgan.data.VectorBlock;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class ScatterPlotTest {
    private static final int W = 600;
    private static final int H = 600;

    /** 400 samples in a tight cluster (sd 0.02) around (-1, -1). */
    private static VectorBlock clusterAtMinusOne() {
        Random rnd = new Random(42);
        int n = 400;
        float[] v = new float[2 * n];
        for (int i = 0; i < n; i++) {
            v[2 * i] = (float) (-1 + 0.02 * rnd.nextGaussian());
            v[2 * i + 1] = (float) (-1 + 0.02 * rnd.nextGaussian());
        }
        return new VectorBlock(v, n, 2);
    }

    private static boolean isRed(int rgb) {
        int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
        return r > 150 && r > g + 80 && r > b + 80;
    }

    private static boolean isBlue(int rgb) {
        int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
        return b > 150 && b > r + 40 && b > g + 40;
    }

    private interface ColourTest {
        boolean matches(int rgb);
    }

    private static int countNear(BufferedImage img, double px, double py, int radius, ColourTest colour) {
        int count = 0;
        for (int x = (int) px - radius; x <= (int) px + radius; x++) {
            for (int y = (int) py - radius; y <= (int) py + radius; y++) {
                if (x >= 0 && y >= 0 && x < img.getWidth() && y < img.getHeight() && colour.matches(img.getRGB(x, y))) {
                    count++;
                }
            }
        }
        return count;
    }

    private static int countAll(BufferedImage img, ColourTest colour) {
        return countNear(img, img.getWidth() / 2.0, img.getHeight() / 2.0, Math.max(img.getWidth(), img.getHeight()), colour);
    }

    /** Renders and returns the image plus the pixel position of a data point. */
    private record Rendered(BufferedImage image, JFreeChart chart, Rectangle2D dataArea) {
        double px(double x) {
            XYPlot p = chart.getXYPlot();
            return p.getDomainAxis().valueToJava2D(x, dataArea, p.getDomainAxisEdge());
        }

        double py(double y) {
            XYPlot p = chart.getXYPlot();
            return p.getRangeAxis().valueToJava2D(y, dataArea, p.getRangeAxisEdge());
        }
    }

    private static Rendered render(VectorBlock samples, double[][] centres) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ChartRenderingInfo info = new ChartRenderingInfo();
        JFreeChart chart = ScatterPlot.write(samples, centres, "test", bytes, W, H, info);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
        assertNotNull(img, "output must be a decodable PNG");
        return new Rendered(img, chart, info.getPlotInfo().getDataArea());
    }

    @Test
    void publicWriteProducesPngOfRequestedSizeWithBothColours() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ScatterPlot.write(clusterAtMinusOne(), new double[][] {{1, 1}, {-1, -1}}, "ring", bytes, 640, 480);
        byte[] png = bytes.toByteArray();
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(640, img.getWidth());
        assertEquals(480, img.getHeight());
        assertTrue(countAll(img, ScatterPlotTest::isRed) > 10, "expected red mode crosses");
        assertTrue(countAll(img, ScatterPlotTest::isBlue) > 10, "expected blue sample dots");
    }

    @Test
    void coloursAppearWhereModesAndSamplesAreAndNowhereElse() throws IOException {
        Rendered r = render(clusterAtMinusOne(), new double[][] {{1, 1}, {-1, -1}});
        BufferedImage img = r.image();
        // Lonely mode at (1, 1): a red cross, no samples.
        assertTrue(countNear(img, r.px(1), r.py(1), 4, ScatterPlotTest::isRed) >= 3, "red cross at (1,1)");
        assertEquals(0, countNear(img, r.px(1), r.py(1), 10, ScatterPlotTest::isBlue), "no samples near (1,1)");
        // Dense cluster at (-1, -1): blue dots around it, red cross drawn on top at its centre.
        assertTrue(countNear(img, r.px(-1), r.py(-1), 10, ScatterPlotTest::isBlue) >= 20, "blue cluster at (-1,-1)");
        assertTrue(countNear(img, r.px(-1), r.py(-1), 3, ScatterPlotTest::isRed) >= 3, "red cross on top at (-1,-1)");
        // Empty corners of the data: neither colour.
        assertEquals(0, countNear(img, r.px(1), r.py(-1), 10, ScatterPlotTest::isBlue));
        assertEquals(0, countNear(img, r.px(-1), r.py(1), 10, ScatterPlotTest::isBlue));
        assertEquals(0, countNear(img, r.px(-1), r.py(1), 10, ScatterPlotTest::isRed));
    }

    @Test
    void axesShareOneRangeWithMargin() throws IOException {
        float[] v = {0, 0, 4, 1, 2, -1};   // x span 4, y span 2
        Rendered r = render(new VectorBlock(v, 3, 2), null);
        XYPlot p = r.chart().getXYPlot();
        double xLen = p.getDomainAxis().getRange().getLength();
        double yLen = p.getRangeAxis().getRange().getLength();
        assertEquals(xLen, yLen, 1e-12);
        assertEquals(4 * (1 + 2 * ScatterPlot.MARGIN), xLen, 1e-9);
        assertEquals(2.0, p.getDomainAxis().getRange().getCentralValue(), 1e-9);
        assertEquals(0.0, p.getRangeAxis().getRange().getCentralValue(), 1e-9);
    }

    @Test
    void withoutCentresThereIsNoRedAndLegendCountsSamples() throws IOException {
        Rendered r = render(clusterAtMinusOne(), null);
        assertEquals(0, countAll(r.image(), ScatterPlotTest::isRed));
        assertEquals(1, r.chart().getXYPlot().getDataset().getSeriesCount());
        assertEquals("generated (400)", r.chart().getXYPlot().getDataset().getSeriesKey(0));
    }

    @Test
    void nonFiniteSamplesAreOmittedAndCounted() throws IOException {
        float[] v = {0, 0, Float.NaN, 1, 1, Float.POSITIVE_INFINITY, 1, 1};
        Rendered r = render(new VectorBlock(v, 4, 2), new double[][] {{0, 0}});
        assertEquals("generated (2; 2 non-finite omitted)", r.chart().getXYPlot().getDataset().getSeriesKey(0));
        assertEquals("true modes", r.chart().getXYPlot().getDataset().getSeriesKey(1));
    }

    @Test
    void rejectsBadArguments() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IllegalArgumentException dim = assertThrows(IllegalArgumentException.class,
                () -> ScatterPlot.write(new VectorBlock(new float[3], 1, 3), null, "t", out, 100, 100));
        assertTrue(dim.getMessage().contains("dim 3"), dim.getMessage());
        VectorBlock ok = new VectorBlock(new float[2], 1, 2);
        assertThrows(IllegalArgumentException.class, () -> ScatterPlot.write(ok, null, "t", out, 0, 100));
        IllegalArgumentException centre = assertThrows(IllegalArgumentException.class,
                () -> ScatterPlot.write(ok, new double[][] {{1, 2, 3}}, "t", out, 100, 100));
        assertTrue(centre.getMessage().contains("mode centre 0"), centre.getMessage());
    }

    @Test
    void runsHeadless() throws ClassNotFoundException {
        Class.forName(ScatterPlot.class.getName(), true, ScatterPlot.class.getClassLoader());
        assertEquals("true", System.getProperty("java.awt.headless"));
    }
}
