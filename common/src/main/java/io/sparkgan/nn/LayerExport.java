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

    /**
     * Inference-time conditional batch norm over the last axis:
     * (x - mean) / sqrt(var + eps) * gamma[y] + beta[y] for an example of class y.
     *
     * @param gamma per-class scales [classes, channels] (row k = class k's)
     * @param beta per-class shifts [classes, channels]
     */
    record ConditionalBatchNorm(int channels, int classes, INDArray gamma, INDArray beta, INDArray mean,
                                INDArray variance, double eps) implements LayerExport {
    }

    /**
     * Appends the class's learned embedding to each input row: [n, in] -&gt; [n, in + dim], row i
     * becoming [x_i, embedding[y_i]].
     *
     * @param embedding the table [classes, dim] (row k = class k's)
     */
    record ClassEmbedding(int in, int classes, int dim, INDArray embedding) implements LayerExport {
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
