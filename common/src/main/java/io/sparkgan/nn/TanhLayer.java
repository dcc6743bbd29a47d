package io.sparkgan.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** tanh; backward uses the saved output: dx = g * (1 - y^2). */
final class TanhLayer extends ParameterFreeLayer {
    private INDArray lastOutput;

    @Override
    public INDArray forward(INDArray input, boolean training) {
        lastOutput = Transforms.tanh(input, true);
        return lastOutput;
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean accumulateParamGradients) {
        INDArray d = lastOutput.mul(lastOutput).rsubi(1.0);
        return d.muli(gradOutput);
    }

    @Override
    public LayerExport export() {
        return new LayerExport.Activation(Activation.TANH, 0);
    }
}
