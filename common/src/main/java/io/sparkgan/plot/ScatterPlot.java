package io.sparkgan.plot;

import io.sparkgan.data.VectorBlock;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.xy.DefaultXYDataset;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A PNG scatter plot of generated 2-D samples over the true mode centres: the picture that
 * shows mode collapse at a glance. Axes share one range so circles look like circles on a
 * square image. Runs without a display (headless).
 */
public final class ScatterPlot {
    /** Fraction of the data span added on each side of the axis range. */
    static final double MARGIN = 0.05;
    /** Largest accepted image side, to keep a typo from allocating gigabytes. */
    static final int MAX_SIDE_PX = 16_384;

    static final Color SAMPLE_COLOR = new Color(30, 70, 230, 90);
    static final Color MODE_COLOR = new Color(220, 0, 0);

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ScatterPlot() {
    }

    /**
     * Writes a {@code widthPx x heightPx} PNG to {@code out} (which is not closed): samples as
     * small semi-transparent blue dots, {@code modeCentres} ({@code K x 2}, or null for none)
     * as red crosses on top, same range on both axes with a 5% margin. Samples with a NaN or
     * infinite coordinate cannot be drawn; they are left out and counted in the legend.
     *
     * @throws IllegalArgumentException if {@code samples.dim() != 2}, a centre is not a finite
     *                                  pair, or the size is not in [1, 16384]
     * @throws UncheckedIOException     if writing to {@code out} fails
     */
    public static void write(VectorBlock samples, double[][] modeCentres, String title, OutputStream out,
                             int widthPx, int heightPx) {
        write(samples, modeCentres, title, out, widthPx, heightPx, null);
    }

    /** As {@link #write(VectorBlock, double[][], String, OutputStream, int, int)}, filling {@code info}; returns the chart for tests. */
    static JFreeChart write(VectorBlock samples, double[][] modeCentres, String title, OutputStream out,
                            int widthPx, int heightPx, ChartRenderingInfo info) {
        Objects.requireNonNull(samples, "samples must not be null");
        Objects.requireNonNull(out, "out must not be null");
        if (samples.dim() != 2) {
            throw new IllegalArgumentException("samples have dim " + samples.dim()
                    + "; a scatter plot needs 2-D samples (project them to 2 dimensions first)");
        }
        checkSide("widthPx", widthPx);
        checkSide("heightPx", heightPx);
        double[][] centres = modeCentres == null ? null : checkedCentres(modeCentres);

        int n = samples.rows();
        double[] xs = new double[n];
        double[] ys = new double[n];
        int shown = 0;
        for (int i = 0; i < n; i++) {
            float x = samples.get(i, 0);
            float y = samples.get(i, 1);
            if (Float.isFinite(x) && Float.isFinite(y)) {
                xs[shown] = x;
                ys[shown] = y;
                shown++;
            }
        }
        xs = Arrays.copyOf(xs, shown);
        ys = Arrays.copyOf(ys, shown);

        DefaultXYDataset dataset = new DefaultXYDataset();
        String sampleKey = shown == n ? "generated (" + n + ")"
                : "generated (" + shown + "; " + (n - shown) + " non-finite omitted)";
        dataset.addSeries(sampleKey, new double[][] {xs, ys});
        double[][] centreXy = null;
        if (centres != null) {
            centreXy = new double[2][centres.length];
            for (int k = 0; k < centres.length; k++) {
                centreXy[0][k] = centres[k][0];
                centreXy[1][k] = centres[k][1];
            }
            dataset.addSeries("true modes", centreXy);
        }

        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesShape(0, new Ellipse2D.Double(-1.5, -1.5, 3, 3));
        renderer.setSeriesPaint(0, SAMPLE_COLOR);
        renderer.setLegendShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
        renderer.setSeriesShape(1, ShapeUtils.createDiagonalCross(5f, 1f));
        renderer.setSeriesPaint(1, MODE_COLOR);

        NumberAxis xAxis = new NumberAxis("x");
        NumberAxis yAxis = new NumberAxis("y");
        double[] range = squareRange(xs, ys, centreXy);
        xAxis.setRange(range[0], range[1]);
        yAxis.setRange(range[2], range[3]);

        XYPlot plot = new XYPlot(dataset, xAxis, yAxis, renderer);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD); // modes drawn after samples
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        plot.setDomainGridlineStroke(new BasicStroke(0.5f));
        plot.setRangeGridlineStroke(new BasicStroke(0.5f));

        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        try {
            ChartUtils.writeChartAsPNG(out, chart, widthPx, heightPx, info);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the scatter plot PNG: " + e.getMessage(), e);
        }
        return chart;
    }

    /** {xMin, xMax, yMin, yMax}: both axes get the larger data span plus the margin. */
    private static double[] squareRange(double[] xs, double[] ys, double[][] centreXy) {
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < xs.length; i++) {
            minX = Math.min(minX, xs[i]);
            maxX = Math.max(maxX, xs[i]);
            minY = Math.min(minY, ys[i]);
            maxY = Math.max(maxY, ys[i]);
        }
        if (centreXy != null) {
            for (int k = 0; k < centreXy[0].length; k++) {
                minX = Math.min(minX, centreXy[0][k]);
                maxX = Math.max(maxX, centreXy[0][k]);
                minY = Math.min(minY, centreXy[1][k]);
                maxY = Math.max(maxY, centreXy[1][k]);
            }
        }
        if (minX > maxX) { // nothing to draw
            return new double[] {-1, 1, -1, 1};
        }
        double span = Math.max(maxX - minX, maxY - minY);
        if (span == 0) span = 1.0; // a single point: show a unit window around it
        double half = span * (0.5 + MARGIN);
        double cx = 0.5 * (minX + maxX);
        double cy = 0.5 * (minY + maxY);
        return new double[] {cx - half, cx + half, cy - half, cy + half};
    }

    private static double[][] checkedCentres(double[][] centres) {
        double[][] copy = new double[centres.length][];
        for (int k = 0; k < centres.length; k++) {
            double[] c = centres[k];
            if (c == null || c.length != 2 || !Double.isFinite(c[0]) || !Double.isFinite(c[1])) {
                throw new IllegalArgumentException("mode centre " + k + " is "
                        + (c == null ? "null" : Arrays.toString(c))
                        + "; each centre must be a finite (x, y) pair, or pass null for no centres");
            }
            copy[k] = c.clone();
        }
        return copy;
    }

    private static void checkSide(String name, int px) {
        if (px < 1 || px > MAX_SIDE_PX) {
            throw new IllegalArgumentException(name + " is " + px + "; it must be between 1 and "
                    + MAX_SIDE_PX + " pixels (e.g. 800)");
        }
    }
}
