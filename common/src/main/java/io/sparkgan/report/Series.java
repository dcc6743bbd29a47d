package io.sparkgan.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One named curve read from a JSON-lines file: x and y per line, lines whose y is missing, null or
 * not finite left out. Long curves are drawn from {@link #buckets(int)}: consecutive points grouped
 * into at most N buckets, each with its mean and its min..max range, so a 100,000-round run draws
 * as fast as a 100-round one and a single spike still shows in the band.
 */
final class Series {
    final String name;
    final double[] x;
    final double[] y;

    Series(String name, double[] x, double[] y) {
        this.name = name;
        this.x = x;
        this.y = y;
    }

    /** The curve of field {@code yField} against field {@code xField} over {@code lines}. */
    static Series of(String name, List<JsonNode> lines, String xField, String yField) {
        return of(name, lines, xField, yField, 1.0);
    }

    /** As {@link #of(String, List, String, String)}, with x multiplied by {@code xScale}. */
    static Series of(String name, List<JsonNode> lines, String xField, String yField, double xScale) {
        double[] xs = new double[lines.size()];
        double[] ys = new double[lines.size()];
        int n = 0;
        for (JsonNode line : lines) {
            double xv = number(line, xField);
            double yv = number(line, yField);
            if (Double.isFinite(xv) && Double.isFinite(yv)) {
                xs[n] = xv * xScale;
                ys[n] = yv;
                n++;
            }
        }
        return new Series(name, java.util.Arrays.copyOf(xs, n), java.util.Arrays.copyOf(ys, n));
    }

    /** The number in {@code field} of {@code line}, or NaN when absent, null or not a number. */
    static double number(JsonNode line, String field) {
        JsonNode v = line.get(field);
        return v != null && v.isNumber() ? v.asDouble() : Double.NaN;
    }

    int size() {
        return x.length;
    }

    boolean isEmpty() {
        return x.length == 0;
    }

    double last() {
        return y[y.length - 1];
    }

    /** Points grouped into at most {@code maxBuckets} runs of consecutive points. */
    Buckets buckets(int maxBuckets) {
        int n = x.length;
        int buckets = Math.min(n, maxBuckets);
        double[] bx = new double[buckets];
        double[] mean = new double[buckets];
        double[] min = new double[buckets];
        double[] max = new double[buckets];
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            double sum = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = from; i < to; i++) {
                sum += y[i];
                lo = Math.min(lo, y[i]);
                hi = Math.max(hi, y[i]);
            }
            bx[b] = x[to - 1];
            mean[b] = sum / (to - from);
            min[b] = lo;
            max[b] = hi;
        }
        return new Buckets(bx, mean, min, max, buckets < n);
    }

    /** Bucketed points: the x of each bucket's last point, the mean, min and max of its y. */
    record Buckets(double[] x, double[] mean, double[] min, double[] max, boolean reduced) {
    }
}
