package io.sparkgan.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Per-class agreement of the classifier's arg max with the requested classes, from additive sums. */
class ClassAgreementTest {
    private static final int CLASSES = 4;
    private static final int FEATURES = 3;

    @Test
    void agreementPerClassIsCountedAndMergesLikeTheOtherSums() {
        SplittableRandom rng = new SplittableRandom(11);
        int n = 300;
        float[] p = new float[n * CLASSES];
        float[] f = new float[n * FEATURES];
        int[] labels = new int[n];
        long[] requested = new long[CLASSES];
        long[] agreed = new long[CLASSES];
        for (int r = 0; r < n; r++) {
            // class 3 is never requested; the arg max of a random softmax row agrees by chance or by a boost
            labels[r] = rng.nextInt(CLASSES - 1);
            double[] e = new double[CLASSES];
            double total = 0;
            for (int y = 0; y < CLASSES; y++) {
                e[y] = Math.exp(rng.nextGaussian() + (y == labels[r] ? labels[r] : 0));
                total += e[y];
            }
            int best = 0;
            for (int y = 0; y < CLASSES; y++) {
                p[r * CLASSES + y] = (float) (e[y] / total);
                if (p[r * CLASSES + y] > p[r * CLASSES + best]) best = y;
            }
            requested[labels[r]]++;
            if (best == labels[r]) agreed[labels[r]]++;
            for (int a = 0; a < FEATURES; a++) f[r * FEATURES + a] = (float) rng.nextGaussian();
        }
        ClassifierSums first = new ClassifierSums(CLASSES, FEATURES);
        ClassifierSums second = new ClassifierSums(CLASSES, FEATURES);
        int half = 130;
        first.add(p, f, labels, half);
        second.add(java.util.Arrays.copyOfRange(p, half * CLASSES, n * CLASSES),
                java.util.Arrays.copyOfRange(f, half * FEATURES, n * FEATURES),
                java.util.Arrays.copyOfRange(labels, half, n), n - half);
        ClassAgreement a = first.merge(second).classAgreement();
        assertArrayEquals(requested, a.requested());
        long totalAgreed = 0;
        for (int k = 0; k < CLASSES - 1; k++) {
            assertEquals((double) agreed[k] / requested[k], a.perClass()[k], 1e-15, "class " + k);
            totalAgreed += agreed[k];
        }
        assertNull(a.perClass()[CLASSES - 1], "a class never requested has no agreement");
        assertEquals((double) totalAgreed / n, a.overall(), 1e-15);
        assertEquals(a.overall(), first.accuracy(), 1e-15, "overall agreement is the accuracy against the labels");
        assertTrue(a.perClass()[2] > a.perClass()[0], "the boosted class agrees more often: " + a);
        assertEquals(0, a.worstClass(), "the least boosted class agrees least");
        assertEquals(a, new QualityFigures(0, 1, null, null, 0, null, a).classAgreement());
    }

    @Test
    void unlabelledImagesHaveNoAgreementAndLabelsOutsideTheClassesAreRefused() {
        ClassifierSums sums = new ClassifierSums(CLASSES, FEATURES);
        float[] p = {0.1f, 0.2f, 0.3f, 0.4f};
        float[] f = {1, 2, 3};
        sums.add(p, f, null, 1);
        assertNull(sums.classAgreement());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sums.add(p, f, new int[] {CLASSES}, 1));
        assertTrue(e.getMessage().contains("label " + CLASSES) && e.getMessage().contains("0..3"), e.getMessage());
    }
}
