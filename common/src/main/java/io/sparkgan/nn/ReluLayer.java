package io.sparkgan.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.ops.transforms.Transforms;

/** ReLU; backward is gradOut * step(x) (cheaper than the custom relu_bp op). */
final class ReluLayer extends ParameterFreeLayer implements PiecewiseLinear {
    private INDArray lastInput;

    @Override
    public INDArray forward(INDArray input, boolean training) {
        lastInput = input;
        return Transforms.relu(input, true);
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean accumulateParamGradients) {
        return slopes().muli(gradOutput);
    }

    @Override
    public INDArray slopes() {
        return Nd4j.exec(new Step(lastInput, lastInput.ulike(), 0.0));
    }

    @Override
    public LayerExport export() {
        return new LayerExport.Activation(Activation.RELU, 0);
    }
}
