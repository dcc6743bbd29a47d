package io.sparkgan.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.StackedXYAreaRenderer2;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The report's charts, drawn by JFreeChart and encoded as PNG. Curves longer than
 * {@link #MAX_POINTS} are bucketed ({@link Series#buckets(int)}): the line is the bucket mean and a
 * light band its min..max.
 */
final class Charts {
    static final int WIDTH = 900;
    static final int HEIGHT = 340;
    static final int MAX_POINTS = 600;
    static final Paint[] PALETTE = {new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44),
        new Color(255, 127, 14), new Color(148, 103, 189), new Color(140, 86, 75), new Color(127, 127, 127)};
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);

    static {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /** A horizontal reference line with a label (e.g. D = 1/2 at equilibrium). */
    record Marker(double value, String label) {
    }

    /** Curves against a shared x axis; empty curves are left out. Returns null if all are empty. */
    static byte[] lines(String title, String xLabel, String yLabel, List<Series> curves, List<Marker> markers) {
        XYPlot plot = linePlot(xLabel, yLabel, curves, 0);
        if (plot == null) return null;
        for (Marker m : markers) plot.addRangeMarker(marker(m));
        return png(chart(title, plot), HEIGHT);
    }

    /**
     * Two groups of curves on a left and a right y axis (e.g. IS and FID), each with an optional
     * reference line on its axis (e.g. the real data's figure), or null if all curves are empty.
     */
    static byte[] dualAxis(String title, String xLabel, String leftLabel, List<Series> left, Marker leftMarker,
                           String rightLabel, List<Series> right, Marker rightMarker) {
        XYPlot plot = linePlot(xLabel, leftLabel, left, 0);
        XYPlot rightPlot = linePlot(xLabel, rightLabel, right, left.size());
        if (plot == null) {
            if (rightPlot == null) return null;
            addMarker(rightPlot, 0, rightMarker);
            return png(chart(title, rightPlot), HEIGHT);
        }
        addMarker(plot, 0, leftMarker);
        if (rightPlot != null) {
            NumberAxis axis = (NumberAxis) rightPlot.getRangeAxis();
            plot.setRangeAxis(1, axis);
            plot.setDataset(1, rightPlot.getDataset());
            plot.setRenderer(1, rightPlot.getRenderer());
            plot.mapDatasetToRangeAxis(1, 1);
            addMarker(plot, 1, rightMarker);
        }
        return png(chart(title, plot), HEIGHT);
    }

    /** A reference line on the range axis of dataset {@code index}, the axis widened to show it. */
    private static void addMarker(XYPlot plot, int index, Marker m) {
        if (m == null || !Double.isFinite(m.value())) return;
        plot.addRangeMarker(index, marker(m), Layer.FOREGROUND);
        NumberAxis axis = (NumberAxis) plot.getRangeAxis(index);
        org.jfree.data.Range range = axis.getRange();
        double pad = 0.12 * Math.max(range.getLength(), Math.abs(m.value()) * 0.1 + 1e-9); // room for the label
        if (m.value() > range.getUpperBound() - pad || m.value() < range.getLowerBound() + pad) {
            axis.setRange(Math.min(range.getLowerBound(), m.value() - pad), Math.max(range.getUpperBound(), m.value() + pad));
        }
    }

    /**
     * Stacked areas: parts[k][i] is part k of point i at x[i] (e.g. the split of a round's time);
     * buckets of consecutive points are averaged, which keeps the stack's total the mean total.
     */
    static byte[] stacked(String title, String xLabel, String yLabel, double[] x, List<String> names,
                          double[][] parts) {
        int n = x.length;
        if (n == 0) return null;
        int buckets = Math.min(n, MAX_POINTS);
        DefaultTableXYDataset dataset = new DefaultTableXYDataset();
        for (int k = 0; k < names.size(); k++) {
            XYSeries s = new XYSeries(names.get(k), false, false);
            for (int b = 0; b < buckets; b++) {
                int from = (int) ((long) b * n / buckets);
                int to = (int) ((long) (b + 1) * n / buckets);
                double sum = 0;
                for (int i = from; i < to; i++) sum += parts[k][i];
                s.add(x[to - 1], sum / (to - from), false);
            }
            dataset.addSeries(s);
        }
        StackedXYAreaRenderer2 renderer = new StackedXYAreaRenderer2();
        for (int k = 0; k < names.size(); k++) renderer.setSeriesPaint(k, PALETTE[k % PALETTE.length]);
        NumberAxis xAxis = new NumberAxis(xLabel);
        xAxis.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(dataset, xAxis, new NumberAxis(yLabel), renderer);
        style(plot);
        return png(chart(title + (buckets < n ? " (means of " + (n + buckets - 1) / buckets + " rounds)" : ""),
                plot), HEIGHT);
    }

    /** Bars, one per category, with an optional reference line (e.g. the uniform share). */
    static byte[] bars(String title, String xLabel, String yLabel, List<String> categories, double[] values,
                       Marker marker) {
        if (categories.isEmpty()) return null;
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (int i = 0; i < categories.size(); i++) dataset.addValue(values[i], yLabel, categories.get(i));
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, PALETTE[0]);
        CategoryPlot plot = new CategoryPlot(dataset, new CategoryAxis(xLabel), new NumberAxis(yLabel), renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        if (marker != null) plot.addRangeMarker(marker(marker));
        JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return png(chart, 300);
    }

    private static XYPlot linePlot(String xLabel, String yLabel, List<Series> curves, int paletteOffset) {
        YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
        DeviationRenderer renderer = new DeviationRenderer(true, false);
        boolean reduced = false;
        int k = 0;
        for (Series curve : curves) {
            if (curve == null || curve.isEmpty()) continue;
            Series.Buckets b = curve.buckets(MAX_POINTS);
            reduced |= b.reduced();
            YIntervalSeries s = new YIntervalSeries(curve.name + (b.reduced() ? " (mean; band: min-max)" : ""),
                    false, true);
            for (int i = 0; i < b.x().length; i++) s.add(new org.jfree.data.xy.YIntervalDataItem(b.x()[i], b.mean()[i], b.min()[i], b.max()[i]), false);
            dataset.addSeries(s);
            Paint paint = PALETTE[(paletteOffset + k) % PALETTE.length];
            renderer.setSeriesPaint(k, paint);
            renderer.setSeriesFillPaint(k, paint);
            renderer.setSeriesStroke(k, new BasicStroke(1.6f));
            k++;
        }
        if (k == 0) return null;
        renderer.setAlpha(reduced ? 0.18f : 0f);
        if (curves.stream().anyMatch(c -> c != null && c.size() == 1)) {
            renderer.setDefaultShapesVisible(true); // a single point draws no line
        }
        NumberAxis xAxis = new NumberAxis(xLabel);
        xAxis.setAutoRangeIncludesZero(false);
        NumberAxis yAxis = new NumberAxis(yLabel);
        yAxis.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(dataset, xAxis, yAxis, renderer);
        style(plot);
        return plot;
    }

    private static ValueMarker marker(Marker m) {
        ValueMarker marker = new ValueMarker(m.value(), new Color(90, 90, 90),
                new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
        marker.setLabel(m.label());
        marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        marker.setLabelPaint(new Color(70, 70, 70));
        marker.setLabelBackgroundColor(new Color(255, 255, 255, 200));
        marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        return marker;
    }

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(225, 225, 225));
        plot.setRangeGridlinePaint(new Color(225, 225, 225));
    }

    private static JFreeChart chart(String title, XYPlot plot) {
        JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static byte[] png(JFreeChart chart, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, height);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw chart '" + chart.getTitle().getText() + "': " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
