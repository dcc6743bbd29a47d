package io.sparkgan.nn;

/**
 * Transposed 2-D convolution with PyTorch {@code nn.ConvTranspose2d} semantics (square kernel,
 * dilation 1, no output padding): out = (in - 1) * stride - 2 * padding + kernel; input pixel
 * (i, j) adds its channel vector times the kernel at output (i*s - p + a, j*s - p + b).
 * NHWC activations, libnd4j's {@code deconv2d}/{@code deconv2d_bp} ops. Weights are
 * [k, k, outC, inC] (libnd4j's deconv2d weight format 0), then the optional bias [outC].
 */
public final class ConvTranspose2d extends ConvolutionLayer {

    public ConvTranspose2d(int inChannels, int outChannels, int kernel, int stride, int padding, boolean bias) {
        super(inChannels, outChannels, kernel, stride, padding, bias);
    }

    @Override
    String name() {
        return "ConvTranspose2d";
    }

    @Override
    String opName() {
        return "deconv2d";
    }

    @Override
    int[] intArgs() {
        // kH, kW, sH, sW, pH, pW, dH, dW, 0 = explicit padding, 1 = NHWC (W format defaults to [kH, kW, oC, iC])
        return new int[] {kernel, kernel, stride, stride, padding, padding, 1, 1, 0, 1};
    }

    @Override
    long[] weightShape() {
        return new long[] {kernel, kernel, outChannels, inChannels};
    }

    @Override
    int biasFanIn() {
        // PyTorch takes fan_in from the weight's second axis, which is outC for a transposed conv.
        return outChannels;
    }

    @Override
    public int outputSize(int in) {
        int out = (in - 1) * stride - 2 * padding + kernel;
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("ConvTranspose2d k" + kernel + " s" + stride + " p" + padding
                    + " gives no output for an input of size " + in);
        }
        return out;
    }
}
