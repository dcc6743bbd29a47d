package io.sparkgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.nn.FlatVector;
import io.sparkgan.nn.VectorEncoding;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * PhaseResult cut into slices, the slices of several results merged one slice at a time and the
 * merged slices concatenated: bit for bit the direct merge, in every encoding, for any slice count.
 */
class PhaseResultSlicingTest {

    @Test
    void sliceRangesCoverTheVectorWithLengthsDifferingByAtMostOne() {
        int[] starts = new int[4];
        for (int s = 0; s < 4; s++) starts[s] = SliceRanges.start(10, 3, s);
        assertArrayEquals(new int[] {0, 3, 6, 10}, starts);
        for (int length : new int[] {0, 2, 7, 1001}) {
            for (int slices : new int[] {1, 3, 5, 16}) {
                assertEquals(0, SliceRanges.start(length, slices, 0));
                assertEquals(length, SliceRanges.start(length, slices, slices), "the last slice ends at the end");
                for (int s = 0; s < slices; s++) {
                    int size = SliceRanges.start(length, slices, s + 1) - SliceRanges.start(length, slices, s);
                    assertTrue(size == length / slices || size == length / slices + 1,
                            "slice " + s + " of " + slices + " over " + length + " holds " + size);
                }
            }
        }
        assertEquals(0, SliceRanges.start(2, 5, 2), "more slices than values: some are empty");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SliceRanges.start(10, 0, 0));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    }

    /** Lengths 1001 (vector) and 2002 (optimiser state) into 1, 3, 7 or 1500 slices (some of them empty). */
    @ParameterizedTest(name = "{0}, {1} slices, {2} partitions")
    @CsvSource({"FLOAT32, 1, 3", "FLOAT32, 7, 5", "BFLOAT16, 3, 3", "FLOAT16, 7, 4", "FLOAT16, 1500, 2", "BFLOAT16, 3, 1"})
    void mergingSliceBySliceEqualsMergingWholeResults(VectorEncoding encoding, int slices, int partitions) {
        List<PhaseResult> direct = new ArrayList<>();
        List<PhaseResult> forSlicing = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            direct.add(taskResult(new Random(p), encoding));
            forSlicing.add(taskResult(new Random(p), encoding));
        }
        PhaseResult expected = new PhaseResult();
        for (PhaseResult r : direct) expected.merge(r);
        expected.decode();

        List<PhaseResult> merged = new ArrayList<>();
        for (int s = 0; s < slices; s++) {
            PhaseResult slice = new PhaseResult();
            for (PhaseResult r : forSlicing) slice.merge(r.slice(s, slices));
            merged.add(slice);
        }
        PhaseResult actual = PhaseResult.concatenate(merged);

        assertArrayEquals(expected.vector.floats(), actual.vector.floats());
        assertArrayEquals(expected.optimizerState.floats(), actual.optimizerState.floats());
        assertArrayEquals(expected.buffersG.floats(), actual.buffersG.floats());
        assertArrayEquals(expected.buffersD.floats(), actual.buffersD.floats());
        assertEquals(expected.stats.lossSum, actual.stats.lossSum);
        assertEquals(expected.stats.examples, actual.stats.examples);
        assertEquals(partitions, actual.partitions);
        assertEquals(expected.computeNanosSum, actual.computeNanosSum);
        assertEquals(expected.computeNanosMax, actual.computeNanosMax);
        assertEquals(expected.resultBytes, actual.resultBytes, "the slices carry exactly the whole results' bytes");
    }

    @Test
    void slicesOfDifferentMergesRefuseToBeJoined() {
        PhaseResult one = taskResult(new Random(1), VectorEncoding.FLOAT32);
        PhaseResult two = new PhaseResult().merge(taskResult(new Random(2), VectorEncoding.FLOAT32))
                .merge(taskResult(new Random(3), VectorEncoding.FLOAT32));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PhaseResult.concatenate(List.of(one.slice(0, 2), two.slice(1, 2))));
        assertTrue(e.getMessage().contains("same task results"), e.getMessage());
    }

    /** One task's result as PartitionWork leaves it: average-mode changes, statistics, timings, encoded. */
    private static PhaseResult taskResult(Random random, VectorEncoding encoding) {
        PhaseResult r = new PhaseResult();
        r.vector = FlatVector.wrap(values(random, 1001));
        r.optimizerState = FlatVector.wrap(values(random, 2002));
        r.differences = true;
        r.buffersG = FlatVector.wrap(values(random, 6));
        r.buffersD = FlatVector.wrap(values(random, 4));
        r.stats.examples = 32;
        r.stats.lossSum = random.nextDouble();
        r.partitions = 1;
        r.computeNanosMax = r.computeNanosSum = 1000 + random.nextInt(1000);
        r.encode(encoding);
        r.resultBytes = r.byteSize();
        return r;
    }

    private static float[] values(Random random, int n) {
        float[] v = new float[n];
        // Magnitudes spread over many binades, so rounding and float16's scale both matter.
        for (int i = 0; i < n; i++) v[i] = (float) (random.nextGaussian() * Math.pow(2, random.nextInt(20) - 10));
        return v;
    }
}
