package io.sparkgan.spark;

import io.sparkgan.data.DataSource;
import io.sparkgan.data.ExampleBlock;
import io.sparkgan.data.VectorBlock;
import java.util.Collections;
import java.util.Iterator;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * Builds training partition p of a CSV input from the chunks the shuffle brought it, sorted by
 * their first row: rows [p*n/P, (p+1)*n/P) in file order, one {@link VectorBlock}, copied into
 * place as the chunks stream in.
 */
final class CsvBlockAssembler implements Function2<Integer, Iterator<Tuple2<Long, VectorBlock>>,
        Iterator<ExampleBlock>> {
    private static final long serialVersionUID = 1L;

    private final long size;
    private final int partitions;
    private final int dim;
    private final boolean labelled;

    /**
     * @param size number of examples n
     * @param partitions number of training partitions P
     * @param dim values per example
     * @param labelled whether examples carry labels
     */
    CsvBlockAssembler(long size, int partitions, int dim, boolean labelled) {
        this.size = size;
        this.partitions = partitions;
        this.dim = dim;
        this.labelled = labelled;
    }

    @Override
    public Iterator<ExampleBlock> call(Integer p, Iterator<Tuple2<Long, VectorBlock>> chunks) {
        long from = DataSource.partitionStart(size, p, partitions);
        long to = DataSource.partitionStart(size, p + 1, partitions);
        if ((to - from) * dim > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("training partition " + p + " would hold " + (to - from) + " examples of "
                    + dim + " values, more than one Java array holds; raise data.partitions");
        }
        int rows = (int) (to - from);
        float[] values = new float[rows * dim];
        int[] labels = labelled ? new int[rows] : null;
        int maxLabel = -1;
        long next = from;
        while (chunks.hasNext()) {
            Tuple2<Long, VectorBlock> chunk = chunks.next();
            VectorBlock b = chunk._2();
            if (chunk._1() != next || next + b.rows() > to) {
                throw new IllegalStateException("training partition " + p + " got rows from " + chunk._1() + " where"
                        + " row " + next + " was due (rows " + from + " to " + to + ")");
            }
            int at = (int) (next - from);
            System.arraycopy(b.values(), 0, values, at * dim, b.rows() * dim);
            for (int i = 0; labels != null && i < b.rows(); i++) {
                labels[at + i] = b.label(i);
                maxLabel = Math.max(maxLabel, labels[at + i]);
            }
            next += b.rows();
        }
        if (next != to) {
            throw new IllegalStateException("training partition " + p + " got rows " + from + " to " + next + " of "
                    + from + " to " + to);
        }
        VectorBlock block = new VectorBlock(values, rows, dim, labels, labels == null ? 0 : maxLabel + 1);
        return Collections.<ExampleBlock>singletonList(block).iterator();
    }
}
