package io.sparkgan.rng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClassPriorTest {

    @Test
    void classesAreDrawnWithTheirCountsShareAndEmptyClassesNever() {
        long[] counts = {500, 0, 1500, 3000, 0};
        ClassPrior prior = new ClassPrior(counts);
        int n = 50_000;
        int[] seen = new int[counts.length];
        for (int y : prior.draw(new SplittableRandom(4), n)) seen[y]++;
        assertEquals(0, seen[1]);
        assertEquals(0, seen[4]);
        double chi2 = 0;
        for (int k : new int[] {0, 2, 3}) {
            double expected = n * prior.probability(k);
            chi2 += (seen[k] - expected) * (seen[k] - expected) / expected;
        }
        assertTrue(chi2 < 13.8, "chi-square " + chi2 + ", 2 degrees of freedom (p = 0.001 at 13.8)");
        assertEquals(0.1, prior.probability(0), 1e-12);
        assertArrayEquals(prior.draw(new SplittableRandom(9), 100), prior.draw(new SplittableRandom(9), 100));
    }

    @Test
    void badCountsAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ClassPrior(new long[] {3, -1}))
                .getMessage().contains("class 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ClassPrior(new long[] {0, 0}))
                .getMessage().contains("positive total"));
        assertThrows(IllegalArgumentException.class, () -> new ClassPrior(new long[0]));
    }
}
