package io.sparkgan.ml;

import io.sparkgan.data.ExampleBlock;
import io.sparkgan.data.GrowableFloatArray;
import io.sparkgan.data.VectorBlock;
import java.util.Arrays;
import org.apache.spark.sql.Row;

/** A vector or array column as a {@link VectorBlock} of floats; every example of a partition has one length. */
final class VectorColumn implements ExampleColumn {
    private static final long serialVersionUID = 1L;

    private final FeatureKind kind;
    private final String column;

    /**
     * @param kind the column's type (a vector kind)
     * @param column its name, for messages
     */
    VectorColumn(FeatureKind kind, String column) {
        if (kind.isImage()) throw new IllegalArgumentException(kind + " is an image kind; use ImageColumn");
        this.kind = kind;
        this.column = column;
    }

    @Override
    public Collector collector(int partition) {
        return new Collector() {
            private final GrowableFloatArray values = new GrowableFloatArray();
            private int dim = -1;

            @Override
            public void add(Row row, int n) {
                String where = RowErrors.where(column, n, partition);
                float[] x = kind.read(row, 0, where);
                if (dim < 0) {
                    dim = x.length;
                } else if (x.length != dim) {
                    throw RowErrors.bad(where, "has " + x.length + " values, but row 0 of this partition has " + dim
                            + " (every example must have the same length)", Arrays.toString(x));
                }
                for (float v : x) values.add(v);
            }

            @Override
            public ExampleBlock build(int n, int[] labels, int classes) {
                return labels == null ? new VectorBlock(values.toArray(), n, dim)
                        : new VectorBlock(values.toArray(), n, dim, labels, classes);
            }
        };
    }
}
