package io.sparkgan.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.data.VectorBlock;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Inception Score, class histogram KL and the Spark-side sums against answers known by hand. */
class QualityMetricsTest {

    @Test
    void uniformProbabilitiesScoreOne() {
        double[][] p = new double[50][10];
        for (double[] row : p) java.util.Arrays.fill(row, 0.1);
        assertEquals(1.0, byDefinition(p), 1e-12);
        assertEquals(1.0, sumsOf(p, null).inceptionScore(), 1e-6);
    }

    @Test
    void confidentBalancedPredictionsScoreTheNumberOfClasses() {
        double[][] p = new double[100][10];
        for (int i = 0; i < p.length; i++) p[i][i % 10] = 1;
        assertEquals(10.0, byDefinition(p), 1e-9);
        assertEquals(10.0, sumsOf(p, null).inceptionScore(), 1e-6);
    }

    @Test
    void confidentPredictionsOfOneClassScoreOne() {
        double[][] p = new double[20][10];
        for (double[] row : p) row[3] = 1;
        assertEquals(1.0, byDefinition(p), 1e-12);
        ClassifierSums s = sumsOf(p, null);
        assertEquals(1.0, s.inceptionScore(), 1e-6);
        assertEquals(Math.log(10), s.figures(null).klToUniform(), 1e-12);
    }

    /**
     * Two samples, two classes: p1 = (0.9, 0.1), p2 = (0.3, 0.7); marginal (0.6, 0.4).
     * KL1 = 0.9 ln 1.5 + 0.1 ln 0.25, KL2 = 0.3 ln 0.5 + 0.7 ln 1.75; IS = exp((KL1 + KL2)/2).
     */
    @Test
    void smallCaseMatchesHandComputation() {
        double kl1 = 0.9 * Math.log(1.5) + 0.1 * Math.log(0.25);
        double kl2 = 0.3 * Math.log(0.5) + 0.7 * Math.log(1.75);
        double expected = Math.exp((kl1 + kl2) / 2);
        double[][] p = {{0.9, 0.1}, {0.3, 0.7}};
        assertEquals(expected, byDefinition(p), 1e-12);
        assertEquals(expected, sumsOf(p, null).inceptionScore(), 1e-6);
    }

    @Test
    void klToUniformMatchesDefinition() {
        assertEquals(0.0, ClassHistogram.klToUniform(new long[] {5, 5, 5, 5}), 1e-15);
        assertEquals(Math.log(4), ClassHistogram.klToUniform(new long[] {0, 7, 0, 0}), 1e-15);
        // h = (1/2, 1/2, 0, 0): KL = 2 * 1/2 ln(1/2 * 4) = ln 2
        assertEquals(Math.log(2), ClassHistogram.klToUniform(new long[] {3, 3, 0, 0}), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> ClassHistogram.klToUniform(new long[] {0, 0}));
    }

    @Test
    void sumsGiveHistogramAccuracyAndTheSameMomentsAsTwoPass() {
        Random rnd = new Random(4);
        int n = 300;
        int k = 3;
        int f = 6;
        float[] probs = new float[n * k];
        float[] feats = new float[n * f];
        int[] labels = new int[n];
        long[] expectedHistogram = new long[k];
        int expectedCorrect = 0;
        for (int i = 0; i < n; i++) {
            int top = rnd.nextInt(k);
            for (int y = 0; y < k; y++) probs[i * k + y] = y == top ? 0.8f : 0.1f;
            expectedHistogram[top]++;
            labels[i] = rnd.nextInt(k);
            if (labels[i] == top) expectedCorrect++;
            for (int j = 0; j < f; j++) feats[i * f + j] = j % 3 == 0 ? 0f : (float) (5 + rnd.nextGaussian() * (j + 1));
        }
        // Two halves merged equal one pass over everything.
        ClassifierSums a = new ClassifierSums(k, f);
        a.add(java.util.Arrays.copyOfRange(probs, 0, 100 * k), java.util.Arrays.copyOfRange(feats, 0, 100 * f),
                java.util.Arrays.copyOfRange(labels, 0, 100), 100);
        ClassifierSums b = new ClassifierSums(k, f);
        b.add(java.util.Arrays.copyOfRange(probs, 100 * k, n * k), java.util.Arrays.copyOfRange(feats, 100 * f, n * f),
                java.util.Arrays.copyOfRange(labels, 100, n), n - 100);
        ClassifierSums merged = a.merge(b);
        assertEquals(n, merged.count());
        assertArrayEquals(expectedHistogram, merged.histogram());
        assertEquals((double) expectedCorrect / n, merged.accuracy(), 1e-15);

        GaussianMoments twoPass = FrechetDistance.moments(new VectorBlock(feats, n, f));
        GaussianMoments fromSums = merged.moments();
        assertArrayEquals(twoPass.mean(), fromSums.mean(), 1e-9);
        for (int j = 0; j < f; j++) assertArrayEquals(twoPass.covariance()[j], fromSums.covariance()[j], 1e-9);
        QualityFigures fig = merged.figures(twoPass);
        assertEquals(0.0, fig.fid(), 1e-8, "FID of identical moments");
        assertEquals(ClassHistogram.klToUniform(expectedHistogram), fig.klToUniform(), 1e-15);
    }

    @Test
    void unlabelledSumsHaveNoAccuracyAndRejectBadInput() {
        ClassifierSums s = sumsOf(new double[][] {{0.5, 0.5}, {1, 0}}, null);
        assertNull(s.accuracy());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ClassifierSums(2, 1).add(new float[] {0.5f, 0.5f}, new float[] {Float.NaN}, null, 1));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ClassifierSums(2, 1).add(new float[] {-3f, 4f}, new float[] {1}, null, 1));
        assertThrows(IllegalArgumentException.class, () -> new ClassifierSums(2, 1).merge(new ClassifierSums(3, 1)));
    }

    private static ClassifierSums sumsOf(double[][] p, int[] labels) {
        int k = p[0].length;
        float[] probs = new float[p.length * k];
        float[] feats = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            for (int y = 0; y < k; y++) probs[i * k + y] = (float) p[i][y];
            feats[i] = i;
        }
        ClassifierSums s = new ClassifierSums(k, 1);
        s.add(probs, feats, labels, p.length);
        return s;
    }

    /** IS straight from the definition, for rows of class probabilities: what the sums must agree with. */
    private static double byDefinition(double[][] probabilities) {
        int n = probabilities.length;
        if (n == 0) throw new IllegalArgumentException("inception score needs at least one sample");
        int k = probabilities[0].length;
        double[] marginal = new double[k];
        for (double[] p : probabilities) {
            if (p.length != k) throw new IllegalArgumentException("rows have different numbers of classes");
            for (int y = 0; y < k; y++) marginal[y] += p[y] / n;
        }
        double klSum = 0;
        for (double[] p : probabilities) {
            for (int y = 0; y < k; y++) {
                if (p[y] > 0) klSum += p[y] * Math.log(p[y] / marginal[y]);
            }
        }
        return Math.exp(klSum / n);
    }
}
