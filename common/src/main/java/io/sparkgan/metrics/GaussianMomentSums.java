package io.sparkgan.metrics;

import io.sparkgan.data.ExampleBlock;
import io.sparkgan.data.VectorBlock;
import java.io.Serializable;
import java.util.Objects;

/**
 * Additive sums from which the mean and unbiased covariance of a set of vectors follow: the count,
 * sum_i (x_i - s) and the upper triangle of sum_i (x_i - s)(x_i - s)^T, in double. Each partition
 * of a distributed data set fills its own instance; only these O(d²) sums travel, and
 * {@link #merge} adds them up in any order (equal up to rounding).
 *
 * <p>Shift s ({@link #aboutFirstRow}): the first row this instance saw. Raw sums (s = 0) lose
 * digits to cancellation in sum x x^T - n mean mean^T when the mean is large beside the spread
 * (CSV columns such as 10,000 ± 1 keep about 8 of double's 16 digits, fewer as n grows); sums
 * about a data row are of the spread's size, like the two-pass {@link FrechetDistance#moments}.
 * Every partition keeps its own first row, and {@link #merge} re-centres the other instance's sums
 * on this one's shift exactly (the difference of two shifts is of the data's spread, not of its
 * offset), so no pass over the data is needed to agree on a shift first.
 *
 * <p>{@link #aboutOrigin} keeps s = 0, for data whose values are mostly exactly 0 and of the
 * spread's size otherwise (ReLU features: the evaluator's FID): there a 0 skips its row of the
 * triangle (most of the work, with 500 features), and the sums are the raw ones FID always used.
 */
public final class GaussianMomentSums implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int dim;
    private long count;
    /** The first row seen (null while nothing has been added), or the origin for {@link #aboutOrigin}. */
    private double[] shift;
    /** sum_i (x_i - shift). */
    private final double[] sums;
    /** Upper triangle of sum_i (x_i - shift)(x_i - shift)^T, row by row: (a, b) for a <= b. */
    private final double[] outerSums;
    /** Scratch row x - shift (not state: rebuilt after deserialisation). */
    private transient double[] centred;

    private GaussianMomentSums(int dim, boolean aboutOrigin) {
        if (dim < 1) throw new IllegalArgumentException("dim must be at least 1, got " + dim);
        this.dim = dim;
        this.shift = aboutOrigin ? new double[dim] : null;
        this.sums = new double[dim];
        this.outerSums = new double[dim * (dim + 1) / 2];
    }

    /**
     * Empty sums about the first row they will see: for data of any offset (CSV columns).
     *
     * @param dim length of the vectors that will be added, at least 1
     */
    public static GaussianMomentSums aboutFirstRow(int dim) {
        return new GaussianMomentSums(dim, false);
    }

    /**
     * Empty sums about the origin: for sparse non-negative values of the spread's size (ReLU features), where a 0
     * costs nothing.
     *
     * @param dim length of the vectors that will be added, at least 1
     */
    public static GaussianMomentSums aboutOrigin(int dim) {
        return new GaussianMomentSums(dim, true);
    }

    /** Length of the vectors. */
    public int dim() {
        return dim;
    }

    /** Number of vectors added (here and in merged sums). */
    public long count() {
        return count;
    }

    /**
     * Adds the first {@code rows} vectors of {@code values} (row-major, {@link #dim()} floats each).
     *
     * @param values the vectors
     * @param rows   how many to add
     * @return this
     * @throws IllegalArgumentException naming the row and column of the first value that is not finite
     *                                  (nothing of that row is added), or if {@code values} holds fewer rows
     */
    public GaussianMomentSums add(float[] values, int rows) {
        Objects.requireNonNull(values, "values must not be null");
        if (rows < 0 || (long) rows * dim > values.length) {
            throw new IllegalArgumentException(rows + " rows of " + dim + " values need " + (long) rows * dim
                    + " floats; got " + values.length);
        }
        for (int i = 0; i < rows; i++) addRow(values, i * dim, i, null);
        return this;
    }

    /**
     * Adds every row of {@code block}.
     *
     * @param block examples of length {@link #dim()}
     * @return this
     * @throws IllegalArgumentException naming the row (for blocks other than a {@link VectorBlock}, by the
     *                                  block's {@link ExampleBlock#rowName}) and column of the first value
     *                                  that is not finite, or if the block's dimension differs
     */
    public GaussianMomentSums add(ExampleBlock block) {
        Objects.requireNonNull(block, "block must not be null");
        if (block.dim() != dim) {
            throw new IllegalArgumentException("block has examples of " + block.dim() + " values; these sums are of "
                    + dim + "-vectors");
        }
        if (block instanceof VectorBlock v) return add(v.values(), v.rows());
        float[] row = new float[dim];
        for (int i = 0; i < block.rows(); i++) {
            block.copyRow(i, row, 0);
            addRow(row, 0, i, block);
        }
        return this;
    }

    private void addRow(float[] values, int base, int row, ExampleBlock from) {
        for (int j = 0; j < dim; j++) {
            float x = values[base + j];
            if (!Float.isFinite(x)) {
                throw new IllegalArgumentException((from == null ? "row " + row : from.rowName(row)) + ", column " + j
                        + " is " + x + "; Gaussian moments need finite values (filter or fix diverged outputs first)");
            }
        }
        if (shift == null) {
            shift = new double[dim];
            for (int j = 0; j < dim; j++) shift[j] = values[base + j];
        }
        if (centred == null) centred = new double[dim];
        double[] c = centred;
        for (int j = 0; j < dim; j++) {
            c[j] = values[base + j] - shift[j];
            sums[j] += c[j];
        }
        int idx = 0;
        for (int a = 0; a < dim; a++) {
            double ca = c[a];
            if (ca == 0) { // e.g. a ReLU feature at 0 (about the origin): its row of the triangle adds nothing
                idx += dim - a;
                continue;
            }
            for (int b = a; b < dim; b++) outerSums[idx++] += ca * c[b];
        }
        count++;
    }

    /**
     * Adds {@code other}'s sums to these. With t = other's shift - this shift (0 when this is empty and about
     * its first row: it takes other's shift), sum (x - s) = sum (x - t') + n t and sum (x - s)(x - s)^T = sum (x - t')(x - t')^T
     * + t S^T + S t^T + n t t^T, where t' is other's shift and S its sums.
     *
     * @param other sums of vectors of the same length (not changed)
     * @return this
     */
    public GaussianMomentSums merge(GaussianMomentSums other) {
        Objects.requireNonNull(other, "other must not be null");
        if (other.dim != dim) {
            throw new IllegalArgumentException("cannot merge sums of " + other.dim + "-vectors into sums of " + dim
                    + "-vectors");
        }
        if (other.count == 0) return this;
        if (shift == null) shift = other.shift.clone();
        double[] t = new double[dim];
        for (int j = 0; j < dim; j++) t[j] = other.shift[j] - shift[j];
        double n = other.count;
        int idx = 0;
        for (int a = 0; a < dim; a++) {
            for (int b = a; b < dim; b++) {
                outerSums[idx] += other.outerSums[idx] + t[a] * other.sums[b] + other.sums[a] * t[b] + n * t[a] * t[b];
                idx++;
            }
        }
        for (int j = 0; j < dim; j++) sums[j] += other.sums[j] + n * t[j];
        count += other.count;
        return this;
    }

    /**
     * Mean and unbiased (n - 1) covariance of the vectors added, as {@link FrechetDistance#moments} gives them.
     *
     * @throws IllegalStateException if fewer than 2 vectors were added
     */
    public GaussianMoments toMoments() {
        if (count < 2) {
            throw new IllegalStateException(count + " vectors added; an unbiased covariance needs at least 2");
        }
        double[] centredMean = new double[dim];
        double[] mean = new double[dim];
        for (int j = 0; j < dim; j++) {
            centredMean[j] = sums[j] / count;
            mean[j] = shift[j] + centredMean[j];
        }
        double[][] cov = new double[dim][dim];
        int idx = 0;
        for (int a = 0; a < dim; a++) {
            for (int b = a; b < dim; b++) {
                double c = (outerSums[idx++] - count * centredMean[a] * centredMean[b]) / (count - 1);
                cov[a][b] = c;
                cov[b][a] = c;
            }
        }
        return new GaussianMoments(mean, cov);
    }
}
