package io.sparkgan.nn;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reshapes flat rows [n, h*w*c] (NHWC order: channel fastest, RGBRGB...) into images
 * [n, h, w, c]; backward reshapes the gradient back. No copy for C-order input.
 */
public final class ToImage extends ParameterFreeLayer {
    private final int height;
    private final int width;
    private final int channels;

    public ToImage(int height, int width, int channels) {
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException("image shape must be positive, got " + height + "x" + width + "x" + channels);
        }
        this.height = height;
        this.width = width;
        this.channels = channels;
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        if (input.rank() != 2 || input.size(1) != (long) height * width * channels) {
            throw new IllegalArgumentException("ToImage(" + height + "x" + width + "x" + channels + ") expects rows [n, "
                    + (long) height * width * channels + "], got " + Arrays.toString(input.shape()));
        }
        return Ops.cOrder(input).reshape('c', input.size(0), height, width, channels);
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean accumulateParamGradients) {
        return Ops.cOrder(gradOutput).reshape('c', gradOutput.size(0), (long) height * width * channels);
    }

    @Override
    public String toString() {
        return "ToImage(" + height + "x" + width + "x" + channels + ")";
    }

    @Override
    public LayerExport export() {
        return new LayerExport.ToImage(height, width, channels);
    }
}
