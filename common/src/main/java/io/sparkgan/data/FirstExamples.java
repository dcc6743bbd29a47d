package io.sparkgan.data;

import io.sparkgan.images.ImageShape;
import java.io.Serializable;

/**
 * The first {@code n} examples of a data set, as a data set of its own: partition {@code p} of
 * {@code P} holds examples {@code [p*n/P, (p+1)*n/P)} of the source, so a quick look at a part of
 * a large set (e.g. its clusters) partitions it as a data set of that size would be.
 *
 * <p>A partition is read from the source's partition 0 of {@code C = size / to} partitions
 * ({@code to} the partition's end): by the contiguous rule that partition holds examples
 * {@code [0, size/C)}, which covers {@code [0, to)} and is less than twice as long, so no more
 * than about 2n examples are built for any partition (a prepared image set maps them, it does not
 * read them).
 *
 * @param source the whole data set
 * @param n how many of its first examples this set holds, in [1, source.size()]
 */
public record FirstExamples(DataSource source, long n) implements DataSource {
    public FirstExamples {
        if (n < 1 || n > source.size()) {
            throw new IllegalArgumentException("the first " + n + " examples of " + source.describe() + " must be"
                    + " between 1 and its " + source.size() + " examples");
        }
    }

    @Override
    public int dim() {
        return source.dim();
    }

    @Override
    public long size() {
        return n;
    }

    @Override
    public ExampleBlock partition(int index, int count) {
        long from = DataSource.partitionStart(n, index, count);
        long to = DataSource.partitionStart(n, index + 1, count);
        int covering = (int) Math.min(Integer.MAX_VALUE, source.size() / Math.max(1, to));
        ExampleBlock front = source.partition(0, covering);
        if (front.rows() < to) {
            throw new IllegalStateException("partition 0 of " + covering + " of " + source.describe() + " holds "
                    + front.rows() + " examples, not the first " + to);
        }
        // generated and in-memory rows are copied (the block built may be twice as long); image rows stay mapped
        return front instanceof VectorBlock rows ? rows.slice((int) from, (int) to) : new Rows(front, (int) from, (int) to);
    }

    @Override
    public ImageShape imageShape() {
        return source.imageShape();
    }

    @Override
    public int classes() {
        return source.classes();
    }

    @Override
    public String describe() {
        return "the first " + n + " examples of " + source.describe();
    }

    /** Rows {@code [from, to)} of {@code block}, labels and row names included. */
    private record Rows(ExampleBlock block, int from, int to) implements ExampleBlock, Serializable {
        @Override
        public int rows() {
            return to - from;
        }

        @Override
        public int dim() {
            return block.dim();
        }

        @Override
        public void copyRow(int i, float[] dst, int offset) {
            block.copyRow(from + i, dst, offset);
        }

        @Override
        public boolean labelled() {
            return block.labelled();
        }

        @Override
        public int label(int i) {
            return block.label(from + i);
        }

        @Override
        public String rowName(int i) {
            return block.rowName(from + i);
        }
    }
}
