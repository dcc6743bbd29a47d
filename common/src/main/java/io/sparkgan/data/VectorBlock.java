package io.sparkgan.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A partition's examples as one primitive block: {@code rows} vectors of {@code dim} floats,
 * row-major, optionally with one class label each. One object per partition, never one per
 * example, so a cached partition costs what its floats cost.
 */
public final class VectorBlock implements ExampleBlock, Serializable {
    private static final long serialVersionUID = 1L;

    private final float[] values;
    private final int rows;
    private final int dim;
    /** One label per row, or null. */
    private final int[] labels;
    /** Number of classes of the whole data set (not only this block's rows); 0 without labels. */
    private final int classes;

    /** An unlabelled block. */
    public VectorBlock(float[] values, int rows, int dim) {
        this(values, rows, dim, null, 0);
    }

    /**
     * A labelled block.
     *
     * @param values rows x dim floats, row-major
     * @param rows number of examples
     * @param dim size of an example
     * @param labels one class in [0, classes) per row (not copied), or null for an unlabelled block
     * @param classes number of classes of the data set the block belongs to (0 without labels)
     */
    public VectorBlock(float[] values, int rows, int dim, int[] labels, int classes) {
        Objects.requireNonNull(values, "values");
        if (dim <= 0) throw new IllegalArgumentException("dim must be positive, got " + dim);
        if (rows < 0) throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        if ((long) rows * dim != values.length) {
            throw new IllegalArgumentException("values holds " + values.length + " floats, expected rows*dim = "
                    + rows + "*" + dim);
        }
        if (labels != null) {
            if (labels.length != rows) {
                throw new IllegalArgumentException(labels.length + " labels for " + rows + " rows");
            }
            for (int i = 0; i < rows; i++) {
                if (labels[i] < 0 || labels[i] >= classes) {
                    throw new IllegalArgumentException("label " + labels[i] + " of row " + i + " is outside [0, "
                            + classes + ")");
                }
            }
        } else if (classes != 0) {
            throw new IllegalArgumentException("an unlabelled block has 0 classes, got " + classes);
        }
        this.values = values;
        this.rows = rows;
        this.dim = dim;
        this.labels = labels;
        this.classes = classes;
    }

    @Override
    public int rows() { return rows; }

    @Override
    public int dim() { return dim; }

    @Override
    public boolean labelled() { return labels != null; }

    @Override
    public int label(int i) {
        if (labels == null) throw new IllegalStateException("these examples have no labels");
        return labels[i];
    }

    /** Number of classes of the data set (0 without labels). */
    public int classes() { return classes; }

    /** Value {@code j} of row {@code i}. */
    public float get(int i, int j) { return values[i * dim + j]; }

    /** The backing array (row-major); callers must not modify it. */
    public float[] values() { return values; }

    /** Copies row {@code i} into {@code dst} at {@code offset}. */
    @Override
    public void copyRow(int i, float[] dst, int offset) {
        System.arraycopy(values, i * dim, dst, offset, dim);
    }

    /** Rows {@code [from, to)} as a new block. */
    public VectorBlock slice(int from, int to) {
        return new VectorBlock(Arrays.copyOfRange(values, from * dim, to * dim), to - from, dim,
                labels == null ? null : Arrays.copyOfRange(labels, from, to), classes);
    }
}
