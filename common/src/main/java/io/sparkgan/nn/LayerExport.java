package io.sparkgan.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a layer is, with views of its parameters, for exporting a trained network to another
 * framework (DL4J). Activations are NHWC, as everywhere in this package.
 */
public sealed interface LayerExport {

    /** y = x W + b; {@code weights} is [in, out], {@code bias} [out] or null. */
    record Dense(int in, int out, INDArray weights, INDArray bias) implements LayerExport {
    }

    /**
     * A (transposed) convolution with square kernel, stride and explicit padding. {@code weights}
     * is in the libnd4j op's layout: [k, k, in, out] for a convolution, [k, k, out, in] for a
     * transposed one; {@code bias} is [out] or null.
     */
    record Convolution(boolean transposed, int in, int out, int kernel, int stride, int padding, INDArray weights,
                       INDArray bias) implements LayerExport {
    }

    /** Inference-time batch norm over the last axis: (x - mean) / sqrt(var + eps) * gamma + beta. */
    record BatchNorm(int channels, INDArray gamma, INDArray beta, INDArray mean, INDArray variance, double eps)
            implements LayerExport {
    }

    /** An element-wise activation; {@code slope} is leaky ReLU's negative slope. */
    record Activation(io.sparkgan.nn.Activation kind, double slope) implements LayerExport {
    }

    /** Rows [n, h*w*c] to NHWC images. */
    record ToImage(int height, int width, int channels) implements LayerExport {
    }

    /** NHWC images to rows [n, h*w*c]. */
    record ToRows() implements LayerExport {
    }
}
