package io.sparkgan.nn;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Class labels as the matrices conditional layers compute with: a one-hot matrix Y [n, K] turns a
 * per-class table E [K, d] into per-example rows (Y E, an embedding lookup as a gemm) and
 * per-example gradient rows G [n, d] into the table's gradient (Y^T G, a scatter-add).
 */
public final class ClassLabels {
    private ClassLabels() {}

    /**
     * The one-hot matrix [labels.length, classes] of {@code labels}.
     *
     * @param labels one class per row
     * @param classes number of classes K
     * @param type data type of the matrix
     * @param layer the layer asking, named in error messages
     * @throws IllegalArgumentException if a label is outside [0, classes)
     */
    public static INDArray oneHot(int[] labels, int classes, DataType type, String layer) {
        double[] v = new double[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            int y = labels[i];
            if (y < 0 || y >= classes) {
                throw new IllegalArgumentException(layer + ": label " + y + " of row " + i + " is outside [0, " + classes
                        + ")");
            }
            v[i * classes + y] = 1;
        }
        return Nd4j.create(v, new long[] {labels.length, classes}, 'c').castTo(type);
    }

    /**
     * The labels a conditional layer's forward pass on {@code rows} examples uses: those last set,
     * checked to be there and to have one per example.
     */
    static int[] require(int[] labels, long rows, String layer) {
        if (labels == null) {
            throw new IllegalStateException(layer + " is class-conditional: set the batch's labels (Network.setLabels)"
                    + " before its forward pass");
        }
        if (labels.length != rows) {
            throw new IllegalArgumentException(layer + ": " + labels.length + " labels set for a batch of " + rows
                    + " examples (labels " + Arrays.toString(Arrays.copyOf(labels, Math.min(labels.length, 8)))
                    + (labels.length > 8 ? "..." : "") + ")");
        }
        return labels;
    }
}
