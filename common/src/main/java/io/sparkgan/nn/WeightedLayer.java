package io.sparkgan.nn;

/**
 * A layer whose parameter slice starts with one weight matrix (then, optionally, a bias): dense
 * and convolution layers. Seen as a matrix, the flat weight prefix read in C order is
 * [{@link #weightRows()}, {@link #weightColumns()}], and that matrix (or its transpose) is the
 * layer's linear map, so its largest singular value is the layer's spectral norm
 * ({@link SpectralNorm} uses this view).
 */
public interface WeightedLayer extends Layer {

    /** Rows of the weight matrix in C order of the flat weight prefix. */
    int weightRows();

    /** Columns of the weight matrix in C order of the flat weight prefix. */
    int weightColumns();

    /** Number of weights: the first {@code weightRows() * weightColumns()} values of the parameter slice. */
    default long weightCount() {
        return (long) weightRows() * weightColumns();
    }
}
