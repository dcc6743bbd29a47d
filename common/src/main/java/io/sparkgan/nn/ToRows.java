package io.sparkgan.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Flattens [n, d1, d2, ...] (e.g. NHWC images) into rows [n, d1*d2*...] in C order, so an image
 * row is channel-fastest NHWC; backward restores the last input's shape. Serves both as G's
 * output to data rows and as the flatten before D's final dense layer (whose weights then index
 * features in (h, w, c) order rather than PyTorch's (c, h, w): the same model up to a permutation).
 */
public final class ToRows extends ParameterFreeLayer {
    private long[] lastShape;

    @Override
    public INDArray forward(INDArray input, boolean training) {
        if (input.rank() < 2) {
            throw new IllegalArgumentException("ToRows expects at least [n, d], got rank " + input.rank());
        }
        lastShape = input.shape();
        return Ops.cOrder(input).reshape('c', input.size(0), input.length() / input.size(0));
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean accumulateParamGradients) {
        return Ops.cOrder(gradOutput).reshape('c', lastShape);
    }

    @Override
    public String toString() {
        return "ToRows";
    }

    @Override
    public LayerExport export() {
        return new LayerExport.ToRows();
    }
}
