package io.sparkgan.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.data.VectorBlock;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Nearest neighbours by blocked gemm against brute force, and the memorisation statistics. */
class MemorisationCheckTest {
    private static VectorBlock gaussian(Random rng, int rows, int dim, double scale, double offset) {
        float[] v = new float[rows * dim];
        for (int i = 0; i < v.length; i++) v[i] = (float) (offset + scale * rng.nextGaussian());
        return new VectorBlock(v, rows, dim);
    }

    /** Queries built as reference k(i) plus noise of known length: the answer is known by construction. */
    @Test
    void nearestNeighboursAreTheKnownOnesInEveryBlockSize() {
        Random rng = new Random(7);
        int dim = 300;
        int refs = 50;
        // offset 100: large norms, the case the centring is there for
        VectorBlock references = gaussian(rng, refs, dim, 1.0, 100.0);
        int queries = 23;
        float[] q = new float[queries * dim];
        int[] want = new int[queries];
        double[] wantDistance = new double[queries];
        for (int i = 0; i < queries; i++) {
            want[i] = (i * 17 + 3) % refs;
            double norm = 0;
            for (int j = 0; j < dim; j++) {
                float noise = (float) (0.01 * (i + 1) * rng.nextGaussian());
                q[i * dim + j] = references.get(want[i], j) + noise;
            }
            for (int j = 0; j < dim; j++) {
                double diff = (double) q[i * dim + j] - references.get(want[i], j);
                norm += diff * diff;
            }
            wantDistance[i] = Math.sqrt(norm);
        }
        VectorBlock queryBlock = new VectorBlock(q, queries, dim);
        for (int block : new int[] {1, 7, 16, 1024}) {
            NearestNeighbours.Result r = NearestNeighbours.nearest(queryBlock, references, block);
            assertArrayEquals(want, r.index(), "block " + block);
            for (int i = 0; i < queries; i++) {
                assertEquals(wantDistance[i], r.distance()[i], 2e-3 * wantDistance[i] + 1e-3,
                        "block " + block + ", query " + i);
            }
        }
    }

    @Test
    void distancesMatchBruteForceOnRandomSets() {
        Random rng = new Random(11);
        VectorBlock a = gaussian(rng, 40, 64, 1.0, 0.0);
        VectorBlock b = gaussian(rng, 33, 64, 1.0, 0.5);
        NearestNeighbours.Result r = NearestNeighbours.nearest(a, b, 8);
        for (int i = 0; i < a.rows(); i++) {
            double best = Double.POSITIVE_INFINITY;
            int arg = -1;
            for (int k = 0; k < b.rows(); k++) {
                double s = 0;
                for (int j = 0; j < 64; j++) {
                    double diff = a.get(i, j) - b.get(k, j);
                    s += diff * diff;
                }
                if (s < best) {
                    best = s;
                    arg = k;
                }
            }
            assertEquals(arg, r.index()[i], "query " + i);
            assertEquals(Math.sqrt(best), r.distance()[i], 1e-4 * Math.sqrt(best), "query " + i);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NearestNeighbours.nearest(a, gaussian(rng, 3, 65, 1, 0), 8));
        assertTrue(e.getMessage().contains("64") && e.getMessage().contains("65"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NearestNeighbours.nearest(a, b, 0));
    }

    @Test
    void quantilesInterpolateAsNumpy() {
        double[] s = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        // numpy.quantile(range(1, 12), [0.01, 0.05, 0.25, 0.5]) = 1.1, 1.5, 3.5, 6.0
        assertEquals(1.1, MemorisationCheck.quantile(s, 0.01), 1e-12);
        assertEquals(1.5, MemorisationCheck.quantile(s, 0.05), 1e-12);
        assertEquals(3.5, MemorisationCheck.quantile(s, 0.25), 1e-12);
        assertEquals(6.0, MemorisationCheck.quantile(s, 0.5), 1e-12);
        assertEquals(11.0, MemorisationCheck.quantile(s, 1.0), 1e-12);
    }

    @Test
    void aCopyingGeneratorIsFlaggedAndAnHonestOneIsNot() {
        Random rng = new Random(3);
        int dim = 32;
        VectorBlock training = gaussian(rng, 200, dim, 1.0, 0.0);
        VectorBlock test = gaussian(rng, 100, dim, 1.0, 0.0);
        // a "generator" that returns training images with tiny noise
        float[] copies = new float[100 * dim];
        for (int i = 0; i < 100; i++) {
            for (int j = 0; j < dim; j++) copies[i * dim + j] = training.get(i * 2, j) + (float) (1e-3 * rng.nextGaussian());
        }
        MemorisationCheck.Report copying = MemorisationCheck.run(new VectorBlock(copies, 100, dim), test, training, 64);
        assertEquals(1.0, copying.fractionBelowTestQ01(), 0, copying.table());
        assertTrue(copying.generated().q50() < 0.1 * copying.test().q01(), copying.table());
        assertEquals(200, copying.trainingImages());
        assertEquals(10, copying.closest().size());
        MemorisationCheck.Closest first = copying.closest().get(0);
        assertEquals(first.generated() * 2, first.training(), "the nearest training image of copy i is 2i");
        // a "generator" drawing fresh samples from the same distribution as the data
        MemorisationCheck.Report honest = MemorisationCheck.run(gaussian(rng, 1000, dim, 1.0, 0.0), test, training, 64);
        assertTrue(honest.fractionBelowTestQ01() < 0.05, honest.table());
        assertTrue(Math.abs(honest.generated().q50() - honest.test().q50()) < 0.1 * honest.test().q50(), honest.table());
        assertTrue(honest.table().contains("real test"), honest.table());
    }
}
