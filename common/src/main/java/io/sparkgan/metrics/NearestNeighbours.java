package io.sparkgan.metrics;

import io.sparkgan.data.ExampleBlock;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Exact nearest neighbours in Euclidean (L2) distance between two sets of vectors, by blocks of
 * rows: for a block Q of queries and a block R of references the squared distances are
 * {@code |q|^2 + |r|^2 - 2 q r^T}, one gemm per block pair, and each query keeps the smallest.
 * Memory stays bounded by the block size whatever the set sizes: two blocks of {@code block x d}
 * floats and one {@code block x block} distance matrix (at 1024 rows and d = 12,288: 50 MB each
 * plus 4 MB), plus the same as Java arrays while a block is copied in.
 *
 * <p>Cost: {@code 2 * queries * references * d} floating-point operations, e.g. 10,000 generated
 * images against 6,768 training images of 64x64x3 is 1.7e12 (tens of seconds to a few minutes on
 * one core). Both sets are centred on the references' mean before the gemm (distances do not
 * change), which keeps the norms small and so the float rounding of {@code |q|^2 + |r|^2 - 2 q r^T}
 * small against the distances; squared distances that round below 0 are clamped to 0.
 */
public final class NearestNeighbours {
    /** Default rows per block. */
    public static final int DEFAULT_BLOCK = 1024;

    private NearestNeighbours() {}

    /**
     * For each query, its distance to the nearest reference and that reference's index.
     *
     * @param distance L2 distance per query
     * @param index index of the nearest reference per query (the lowest index among ties)
     */
    public record Result(double[] distance, int[] index) {
    }

    /**
     * Nearest reference of every query.
     *
     * @param queries the vectors to look up (rows)
     * @param references the vectors searched (rows), of the same dimension
     * @param block rows per block of either set (bounds memory; at least 1)
     * @return distances and indices, one per query row
     * @throws IllegalArgumentException when the dimensions differ, a set is empty or block is below 1
     */
    public static Result nearest(ExampleBlock queries, ExampleBlock references, int block) {
        Objects.requireNonNull(queries, "queries must not be null");
        Objects.requireNonNull(references, "references must not be null");
        if (queries.dim() != references.dim()) {
            throw new IllegalArgumentException("queries have dimension " + queries.dim() + " but references "
                    + references.dim() + "; both sets must have the same shape");
        }
        if (queries.rows() < 1 || references.rows() < 1) {
            throw new IllegalArgumentException("nearest neighbours need at least one query and one reference, got "
                    + queries.rows() + " and " + references.rows());
        }
        if (block < 1) throw new IllegalArgumentException("block must be at least 1 row, got " + block);
        int d = queries.dim();
        float[] mean = mean(references, block);
        double[] best = new double[queries.rows()];
        int[] bestIndex = new int[queries.rows()];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        for (int q0 = 0; q0 < queries.rows(); q0 += block) {
            int qn = Math.min(block, queries.rows() - q0);
            INDArray q = load(queries, q0, qn, mean);
            INDArray qNorms = squaredNorms(q, true);
            for (int r0 = 0; r0 < references.rows(); r0 += block) {
                int rn = Math.min(block, references.rows() - r0);
                INDArray r = load(references, r0, rn, mean);
                INDArray rNorms = squaredNorms(r, false);
                INDArray d2 = Nd4j.gemm(q, r, false, true).muli(-2.0).addiColumnVector(qNorms).addiRowVector(rNorms);
                float[] values = d2.data().asFloat();
                for (int i = 0; i < qn; i++) {
                    int row = i * rn;
                    float min = values[row];
                    int arg = 0;
                    for (int j = 1; j < rn; j++) {
                        if (values[row + j] < min) {
                            min = values[row + j];
                            arg = j;
                        }
                    }
                    if (min < best[q0 + i]) {
                        best[q0 + i] = min;
                        bestIndex[q0 + i] = r0 + arg;
                    }
                }
                release(r, rNorms, d2);
            }
            release(q, qNorms);
        }
        for (int i = 0; i < best.length; i++) best[i] = Math.sqrt(Math.max(0.0, best[i]));
        return new Result(best, bestIndex);
    }

    /** Row sums of squares of {@code m}, as a column ({@code n x 1}) or a row ({@code 1 x n}). */
    private static INDArray squaredNorms(INDArray m, boolean column) {
        INDArray squares = m.mul(m);
        INDArray sums = squares.sum(true, 1);
        release(squares);
        if (column) return sums;
        INDArray row = sums.reshape(1, m.rows()).dup();
        release(sums);
        return row;
    }

    /** Frees the native memory of arrays now, not at the next garbage collection (views are left alone). */
    private static void release(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a != null && a.closeable()) a.close();
        }
    }

    /** Per-dimension mean of a set, accumulated in double. */
    private static float[] mean(ExampleBlock set, int block) {
        int d = set.dim();
        double[] sum = new double[d];
        float[] row = new float[d];
        for (int i = 0; i < set.rows(); i++) {
            set.copyRow(i, row, 0);
            for (int j = 0; j < d; j++) sum[j] += row[j];
        }
        float[] mean = new float[d];
        for (int j = 0; j < d; j++) mean[j] = (float) (sum[j] / set.rows());
        return mean;
    }

    /** Rows [from, from + n) of a set, centred on {@code mean}, as an n x d float matrix. */
    private static INDArray load(ExampleBlock set, int from, int n, float[] mean) {
        int d = set.dim();
        float[] values = new float[n * d];
        for (int i = 0; i < n; i++) {
            set.copyRow(from + i, values, i * d);
            for (int j = 0, o = i * d; j < d; j++, o++) values[o] -= mean[j];
        }
        return Nd4j.create(values, new long[] {n, d}, 'c');
    }
}
