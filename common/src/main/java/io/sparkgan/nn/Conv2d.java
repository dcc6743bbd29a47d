package io.sparkgan.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * 2-D convolution (PyTorch {@code nn.Conv2d} semantics, square kernel, dilation 1) on NHWC
 * activations [n, h, w, inC], with libnd4j's {@code conv2d}/{@code conv2d_bp} ops. Weights are
 * [k, k, inC, outC] (libnd4j weight format 0), then the optional bias [outC], in the flat vector.
 *
 * <p>Backward avoids work conv2d_bp would do for nothing (it always computes both gradients):
 * <ul>
 * <li>frozen (D in the G phase): the input gradient alone is a transposed convolution of the
 *   output gradient with the SAME weight array ([k, k, inC, outC] is deconv2d's [k, k, oC, iC]),
 *   one deconv2d forward: half of conv2d_bp's work;
 * <li>one input channel (D's first layer): gemms on patch rows ({@link SingleChannelPatches}),
 *   and no input gradient at all in the D phase ({@link #backwardParamsOnly}).
 * </ul>
 */
public final class Conv2d extends ConvolutionLayer {
    private final SingleChannelPatches patches;

    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, boolean bias) {
        super(inChannels, outChannels, kernel, stride, padding, bias);
        patches = inChannels == 1 ? new SingleChannelPatches(kernel, stride, padding) : null;
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        return opForward(input); // oneDNN's forward is fast even for one channel (0.4 ms at batch 32)
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean accumulateParamGradients) {
        if (patches != null) return patchBackward(gradOutput, accumulateParamGradients, true);
        if (!accumulateParamGradients && transposeRestoresInputSize()) return inputGradientByTransposedConv(gradOutput);
        return opBackward(gradOutput, accumulateParamGradients);
    }

    @Override
    public void backwardParamsOnly(INDArray gradOutput) {
        if (patches != null) patchBackward(gradOutput, true, false);
        else opBackward(gradOutput, true);
    }

    /** True if a transposed conv of the output has the input's size (no input rows/columns were left over). */
    private boolean transposeRestoresInputSize() {
        return (lastInput().size(1) + 2L * padding - kernel) % stride == 0
                && (lastInput().size(2) + 2L * padding - kernel) % stride == 0;
    }

    private INDArray inputGradientByTransposedConv(INDArray gradOutput) {
        INDArray gradIn = lastInput().ulike();
        // kH, kW, sH, sW, pH, pW, dH, dW, explicit padding, NHWC (W [kH, kW, oC, iC] = ours)
        Ops.exec("deconv2d", new INDArray[] {Ops.cOrder(gradOutput), weights()}, new INDArray[] {gradIn},
                kernel, kernel, stride, stride, padding, padding, 1, 1, 0, 1);
        return gradIn;
    }

    private INDArray patchBackward(INDArray gradOutput, boolean accumulateParamGradients, boolean inputGradient) {
        INDArray x = lastInput();
        int gridH = (int) gradOutput.size(1);
        int gridW = (int) gradOutput.size(2);
        INDArray gradRows = Ops.cOrder(gradOutput).reshape('c', gradOutput.length() / outChannels, outChannels);
        if (accumulateParamGradients) {
            addWeightGradientTransposed(gradRows, patches.toRows(x, gridH, gridW));
            addBiasGradient(gradRows);
        }
        if (!inputGradient) return null;
        INDArray gradPatches = Ops.matmul(gradRows, weightMatrix(), false, true);
        return patches.toImages(gradPatches, x.size(0), (int) x.size(1), (int) x.size(2), gridH, gridW);
    }

    @Override
    String name() {
        return "Conv2d";
    }

    @Override
    String opName() {
        return "conv2d";
    }

    @Override
    int[] intArgs() {
        // kH, kW, sH, sW, pH, pW, dH, dW, 0 = explicit padding, 1 = NHWC, 0 = W [kH, kW, iC, oC]
        return new int[] {kernel, kernel, stride, stride, padding, padding, 1, 1, 0, 1, 0};
    }

    @Override
    long[] weightShape() {
        return new long[] {kernel, kernel, inChannels, outChannels};
    }

    @Override
    int biasFanIn() {
        return inChannels;
    }

    @Override
    public int outputSize(int in) {
        int span = in + 2 * padding - kernel;
        if (span < 0) {
            throw new IllegalArgumentException("Conv2d k" + kernel + " p" + padding + " does not fit an input of size " + in);
        }
        return span / stride + 1;
    }
}
