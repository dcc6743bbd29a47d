package io.sparkgan.ml;

import io.sparkgan.data.ExampleBlock;
import io.sparkgan.data.VectorBlock;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Row;

/**
 * Turns one DataFrame partition (rows of the example column and, for a conditional model, the
 * label column) into one training block, on the executor that holds the partition: a
 * {@link io.sparkgan.data.VectorBlock} of vectors or an {@link ImageBlock} of images, as the
 * {@link ExampleColumn} makes it. Every row is checked; the first bad one fails the task with its
 * column, partition, row and value (or file) named.
 */
final class BlockBuilder implements Function2<Integer, Iterator<Row>, Iterator<ExampleBlock>> {
    private static final long serialVersionUID = 1L;

    private final ExampleColumn examples;
    private final String labelCol;
    private final int numClasses;

    /**
     * @param examples how the example column (field 0 of each row) becomes a block
     * @param labelCol the label column's name (field 1 of each row), or null without labels
     * @param numClasses labels must be below this; 0: any label from 0 up
     */
    BlockBuilder(ExampleColumn examples, String labelCol, int numClasses) {
        this.examples = examples;
        this.labelCol = labelCol;
        this.numClasses = numClasses;
    }

    @Override
    public Iterator<ExampleBlock> call(Integer partition, Iterator<Row> rows) {
        ExampleColumn.Collector collector = examples.collector(partition);
        int[] labels = labelCol == null ? null : new int[64];
        int maxLabel = -1;
        int n = 0;
        while (rows.hasNext()) {
            Row row = rows.next();
            if (n == Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("DataFrame partition " + partition + " holds more than " + n
                        + " rows; repartition the DataFrame into more, smaller partitions");
            }
            collector.add(row, n);
            if (labels != null) {
                if (n == labels.length) labels = Arrays.copyOf(labels, labels.length * 2);
                labels[n] = label(row, n, partition);
                maxLabel = Math.max(maxLabel, labels[n]);
            }
            n++;
        }
        // An empty partition has no example length; it is left out of training (DataFrameBlocks).
        if (n == 0) return Collections.<ExampleBlock>singletonList(new VectorBlock(new float[0], 0, 1)).iterator();
        ExampleBlock block = collector.build(n, labels == null ? null : Arrays.copyOf(labels, n),
                numClasses > 0 ? numClasses : maxLabel + 1);
        return Collections.<ExampleBlock>singletonList(block).iterator();
    }

    private int label(Row row, int n, int partition) {
        String where = RowErrors.where(labelCol, n, partition);
        if (row.isNullAt(1)) throw RowErrors.bad(where, "is null", null);
        double y = ((Number) row.get(1)).doubleValue();
        if (!(y >= 0) || y != Math.rint(y) || y >= Integer.MAX_VALUE) {
            throw RowErrors.bad(where, "holds the label " + y + ", not a class number 0, 1, ..., K-1", null);
        }
        if (numClasses > 0 && y >= numClasses) {
            throw RowErrors.bad(where, "holds the label " + (long) y + ", outside the " + numClasses
                    + " classes 0.." + (numClasses - 1) + " of numClasses", null);
        }
        return (int) y;
    }
}
