package io.sparkgan.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Transposed 2-D convolution with PyTorch {@code nn.ConvTranspose2d} semantics (square kernel,
 * dilation 1, no output padding): out = (in - 1) * stride - 2 * padding + kernel; input pixel
 * (i, j) adds its channel vector times the kernel at output (i*s - p + a, j*s - p + b).
 * NHWC activations, libnd4j's {@code deconv2d}/{@code deconv2d_bp} ops. Weights are
 * [k, k, outC, inC] (libnd4j's deconv2d weight format 0), then the optional bias [outC].
 *
 * <p>Two shapes run as gemms instead of oneDNN, same parameters:
 * <ul>
 * <li>a 1x1 input without padding (G's first layer, z to k x k) is a dense layer: out [n, k*k*outC]
 *   = z W^T with W viewed as [k*k*outC, inC]; oneDNN ran it as a slow inner product with reorders;
 * <li>one output channel (G's last layer): patch rows x W^T summed into the image by col2im
 *   ({@link SingleChannelPatches}); oneDNN pads the channel to 16.
 * </ul>
 */
public final class ConvTranspose2d extends ConvolutionLayer {
    private final SingleChannelPatches patches;
    private boolean lastWasProjection;

    public ConvTranspose2d(int inChannels, int outChannels, int kernel, int stride, int padding, boolean bias) {
        super(inChannels, outChannels, kernel, stride, padding, bias);
        patches = outChannels == 1 ? new SingleChannelPatches(kernel, stride, padding) : null;
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        INDArray x = keepInput(input);
        long n = x.size(0);
        int h = (int) x.size(1);
        int w = (int) x.size(2);
        lastWasProjection = h == 1 && w == 1 && padding == 0;
        if (lastWasProjection) {
            INDArray out = Ops.matmul(x.reshape('c', n, inChannels), weightMatrix(), false, true);
            addBias(out.reshape('c', n * kernel * kernel, outChannels));
            return out.reshape('c', n, kernel, kernel, outChannels);
        }
        if (patches == null) return opForward(input);
        INDArray rows = Ops.matmul(x.reshape('c', n * h * w, inChannels), weightMatrix(), false, true);
        INDArray out = patches.toImages(rows, n, outputSize(h), outputSize(w), h, w);
        addBias(out.reshape('c', out.length(), 1));
        return out;
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean accumulateParamGradients) {
        return gemmBackward(gradOutput, accumulateParamGradients, true);
    }

    @Override
    public void backwardParamsOnly(INDArray gradOutput) {
        gemmBackward(gradOutput, true, false);
    }

    private INDArray gemmBackward(INDArray gradOutput, boolean accumulateParamGradients, boolean inputGradient) {
        if (!lastWasProjection && patches == null) return opBackward(gradOutput, accumulateParamGradients);
        INDArray x = lastInput();
        long n = x.size(0);
        INDArray inRows = x.reshape('c', x.length() / inChannels, inChannels);
        INDArray gradOut = Ops.cOrder(gradOutput);
        // Gradient rows aligned with inRows: [n, k*k*outC] for the projection, patch rows [n*h*w, k*k] otherwise.
        INDArray gradRows = lastWasProjection ? gradOut.reshape('c', n, gradOut.length() / n)
                : patches.toRows(gradOut, (int) x.size(1), (int) x.size(2));
        if (accumulateParamGradients) {
            addWeightGradientTransposed(inRows, gradRows);
            addBiasGradient(gradOut.reshape('c', gradOut.length() / outChannels, outChannels));
        }
        if (!inputGradient) return null;
        return Ops.matmul(gradRows, weightMatrix(), false, false).reshape('c', x.shape());
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
