package io.sparkgan.rng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class LatentPriorTest {
    @Test
    void untruncatedDrawsAreTheStandardNormalsOfTheStream() {
        float[] z = LatentPrior.STANDARD.draw(new SplittableRandom(7), 3, 5, DataType.FLOAT).data().asFloat();
        SplittableRandom rng = new SplittableRandom(7);
        for (float v : z) assertEquals((float) rng.nextGaussian(), v);
    }

    @Test
    void truncatedComponentsStayWithinTheThresholdAndKeepTheRestOfTheDistribution() {
        double t = 0.8;
        double[] z = new LatentPrior(t).draw(new SplittableRandom(3), 2000, 50, DataType.DOUBLE).data().asDouble();
        double max = 0, sumSq = 0;
        for (double v : z) {
            max = Math.max(max, Math.abs(v));
            sumSq += v * v;
        }
        assertTrue(max <= t, "largest |z_i| " + max);
        assertTrue(max > 0.99 * t, "the draws reach close to the threshold, largest " + max);
        // Variance of N(0,1) truncated to [-t, t]: 1 - 2 t phi(t) / (2 Phi(t) - 1); at 0.8: 0.19165.
        double phi = Math.exp(-t * t / 2) / Math.sqrt(2 * Math.PI);
        double mass = erf(t / Math.sqrt(2));
        double expected = 1 - 2 * t * phi / mass;
        assertEquals(expected, sumSq / z.length, 0.005);
    }

    @Test
    void theSameRowsWhateverTheChunking() {
        LatentPrior prior = new LatentPrior(1.0);
        float[] whole = prior.draw(new SplittableRandom(9), 6, 4, DataType.FLOAT).data().asFloat();
        SplittableRandom rng = new SplittableRandom(9);
        float[] first = prior.draw(rng, 2, 4, DataType.FLOAT).data().asFloat();
        float[] rest = prior.draw(rng, 4, 4, DataType.FLOAT).data().asFloat();
        float[] joined = new float[whole.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(rest, 0, joined, first.length, rest.length);
        assertArrayEquals(whole, joined);
    }

    @Test
    void thresholdsThatCannotWorkAreRefusedWithTheValue() {
        for (double bad : new double[] {-1, 0.01, Double.POSITIVE_INFINITY, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LatentPrior(bad));
            assertTrue(e.getMessage().contains("got " + bad), e.getMessage());
        }
    }

    /** erf by its Taylor series (converges fast for the |x| < 1 used here). */
    private static double erf(double x) {
        double sum = 0, term = x;
        for (int n = 0; n < 60; n++) {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }
}
