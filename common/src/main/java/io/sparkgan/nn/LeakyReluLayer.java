package io.sparkgan.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.same.Max;
import org.nd4j.linalg.factory.Nd4j;

/**
 * LeakyReLU. Forward is max(x, slope * x) (slope in [0, 1)): the legacy LeakyReLU scalar op
 * branches per element and took 2.4 ms on a 1.6 MB mixed-sign activation, the two branch-free
 * ops 0.15 ms. Backward multiplies by the legacy LeakyReLUDerivative mask in place: the custom
 * lrelu_bp op was measured 15-25x slower (docs/platform-notes.md, trap 3).
 */
final class LeakyReluLayer extends ParameterFreeLayer implements PiecewiseLinear {
    private final double slope;
    private INDArray lastInput;

    LeakyReluLayer(double slope) {
        if (!(slope >= 0 && slope < 1)) {
            throw new IllegalArgumentException("leaky ReLU slope must be in [0, 1), got " + slope);
        }
        this.slope = slope;
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        lastInput = input;
        INDArray out = input.mul(slope);
        return Nd4j.exec(new Max(input, out, out));
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean accumulateParamGradients) {
        return slopes().muli(gradOutput);
    }

    @Override
    public INDArray slopes() {
        return Nd4j.exec(new LeakyReLUDerivative(lastInput, lastInput.ulike(), slope));
    }

    @Override
    public LayerExport export() {
        return new LayerExport.Activation(Activation.LEAKY_RELU, slope);
    }
}
