package io.sparkgan.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An activation whose derivative is constant between kinks (ReLU, leaky ReLU). Why it matters:
 * the input gradient of a network of such activations and dense layers is then linear in every
 * weight matrix, so {@link InputGradientPenalty} can differentiate it exactly (almost everywhere).
 */
interface PiecewiseLinear {

    /** The activation's derivative at the last forward pass's input (a new array of its shape). */
    INDArray slopes();
}
