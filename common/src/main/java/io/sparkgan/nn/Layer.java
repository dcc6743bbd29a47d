package io.sparkgan.nn;

import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One layer with a hand-written forward and backward pass over libnd4j ops (no autodiff:
 * SameDiff M2's autodiff is wrong for some graphs, see docs/compute-path.md).
 *
 * <p>A layer owns a slice of its network's flat parameter vector and the same slice of the
 * flat gradient vector. Backward passes ADD parameter gradients into that slice (sums over the
 * minibatch, never means), so several forward/backward passes accumulate one gradient.
 *
 * <p>Some layers also keep non-trainable state ("buffers", e.g. batch norm's running mean and
 * variance): it lives in a second flat vector of the network, is updated by training-mode
 * forward passes, is read in eval mode, and has no gradient. Layers without buffers need not
 * override the default methods.
 *
 * <p>Not thread safe: a layer keeps what its last forward pass needs for the backward pass.
 */
public interface Layer {

    /** Number of parameters this layer owns in the network's flat vector (0 for activations). */
    long numParams();

    /** Binds the layer to its slices (1-D views) of the flat parameter and gradient vectors. */
    void bind(INDArray paramSlice, INDArray gradientSlice);

    /** Writes initial parameter values into the bound parameter slice, drawing from {@code rng}. */
    void initialize(RandomGenerator rng);

    /** Forward pass; keeps what {@link #backward} needs. */
    INDArray forward(INDArray input, boolean training);

    /**
     * Backward pass: returns dLoss/dInput for {@code gradOutput} = dLoss/dOutput of the last
     * forward pass. When {@code accumulateParamGradients} is false (a frozen network, as D in a
     * G step) the parameter gradients are neither computed nor touched.
     */
    INDArray backward(INDArray gradOutput, boolean accumulateParamGradients);

    /**
     * Backward pass of a network's first layer with parameters, whose input needs no gradient
     * (the data, or z): accumulates the parameter gradients only. Layers that can skip the
     * input gradient (it is the larger half of a convolution's backward) override this.
     */
    default void backwardParamsOnly(INDArray gradOutput) {
        backward(gradOutput, true);
    }

    /** Number of non-trainable state values (buffers) this layer owns; 0 unless overridden. */
    default long numBuffers() {
        return 0;
    }

    /**
     * Binds the layer to its slice (1-D view) of the network's flat buffer vector and writes the
     * buffers' initial values into it (e.g. running variance 1). Only called if
     * {@link #numBuffers()} is positive.
     */
    default void bindBuffers(INDArray bufferSlice) {
        // no buffers
    }

    /** What this layer is, with views of its parameters, for export to another framework. */
    default LayerExport export() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be exported");
    }
}
