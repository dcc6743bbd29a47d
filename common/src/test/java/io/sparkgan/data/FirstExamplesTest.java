package io.sparkgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The first N examples of a data set are partitioned as a data set of N examples would be, row for
 * row and label for label, whatever the source; N outside [1, size] is refused.
 */
class FirstExamplesTest {

    /** Row i of the whole source, read from its single partition. */
    private static float[] row(DataSource source, int i) {
        float[] r = new float[source.dim()];
        source.partition(0, 1).copyRow(i, r, 0);
        return r;
    }

    @Test
    void partitionsHoldTheFirstExamplesInOrderWithTheirLabels() {
        int n = 100;
        float[] values = new float[n * 3];
        int[] labels = new int[n];
        for (int i = 0; i < values.length; i++) values[i] = i;
        for (int i = 0; i < n; i++) labels[i] = i % 4;
        InMemorySource labelled = new InMemorySource(new VectorBlock(values, n, 3, labels, 4), "counting");
        DataSource generated = new GaussianMixtureSource("ring", new double[][] {{1, 0}, {0, 1}}, 0.1, 1000, 9);
        for (DataSource source : List.of(labelled, generated)) {
            FirstExamples first = new FirstExamples(source, 37);
            assertEquals(37, first.size());
            assertEquals(source.classes(), first.classes());
            List<ExampleBlock> parts = first.partitions(3);
            assertEquals(List.of(12, 12, 13), parts.stream().map(ExampleBlock::rows).toList());
            int i = 0;
            for (ExampleBlock part : parts) {
                for (int r = 0; r < part.rows(); r++, i++) {
                    float[] got = new float[source.dim()];
                    part.copyRow(r, got, 0);
                    assertArrayEquals(row(source, i), got, source.describe() + ", example " + i);
                    if (source.classes() > 0) assertEquals(i % 4, part.label(r), "label of example " + i);
                }
            }
            assertTrue(first.describe().startsWith("the first 37 examples of "), first.describe());
        }
    }

    @Test
    void aCountOutsideTheDataSetIsRefused() {
        InMemorySource five = new InMemorySource(new VectorBlock(new float[10], 5, 2), "five");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FirstExamples(five, 6));
        assertTrue(e.getMessage().contains("its 5 examples"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FirstExamples(five, 0));
    }
}
