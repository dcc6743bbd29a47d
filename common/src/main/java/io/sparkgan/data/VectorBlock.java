package io.sparkgan.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A partition's examples as one primitive block: {@code rows} vectors of {@code dim} floats,
 * row-major. One object per partition, never one per example, so a cached partition costs
 * what its floats cost.
 */
public final class VectorBlock implements ExampleBlock, Serializable {
    private static final long serialVersionUID = 1L;

    private final float[] values;
    private final int rows;
    private final int dim;

    public VectorBlock(float[] values, int rows, int dim) {
        Objects.requireNonNull(values, "values");
        if (dim <= 0) throw new IllegalArgumentException("dim must be positive, got " + dim);
        if (rows < 0) throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        if ((long) rows * dim != values.length) {
            throw new IllegalArgumentException("values holds " + values.length + " floats, expected rows*dim = "
                    + rows + "*" + dim);
        }
        this.values = values;
        this.rows = rows;
        this.dim = dim;
    }

    @Override
    public int rows() { return rows; }

    @Override
    public int dim() { return dim; }

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
        return new VectorBlock(Arrays.copyOfRange(values, from * dim, to * dim), to - from, dim);
    }
}
