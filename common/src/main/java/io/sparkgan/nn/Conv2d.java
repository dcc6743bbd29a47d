package io.sparkgan.nn;

/**
 * 2-D convolution (PyTorch {@code nn.Conv2d} semantics, square kernel, dilation 1) on NHWC
 * activations [n, h, w, inC], with libnd4j's {@code conv2d}/{@code conv2d_bp} ops. Weights are
 * [k, k, inC, outC] (libnd4j weight format 0), then the optional bias [outC], in the flat vector.
 */
public final class Conv2d extends ConvolutionLayer {

    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, boolean bias) {
        super(inChannels, outChannels, kernel, stride, padding, bias);
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
