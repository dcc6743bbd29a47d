package io.sparkgan.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The zero-centred gradient penalty (gamma / 2) * sum over rows of |d out / d x|^2 (R1 of
 * Mescheder et al. 2018 when x is real data) for a network of dense layers and piecewise-linear
 * activations with one output.
 *
 * <p>Why it is exact without autodiff: with the activations' slopes fixed (they only change at
 * kinks, a null set), d out / d x = 1 W_L^T S_{L-1} ... S_1 W_1^T is a product of matrices that
 * is linear in each W, and the biases drop out. So the penalty's gradient is one more backward
 * pass through that product: per dense layer, W gets delta^T u, where u is the product above it
 * and delta the penalty's gradient below it.
 */
public final class InputGradientPenalty {
    private InputGradientPenalty() {}

    /** Null if {@code net} qualifies, else why not (a person can read it). */
    public static String unsupportedReason(Network net) {
        List<Layer> layers = net.layers();
        for (Layer l : layers) {
            if (!(l instanceof Dense) && !(l instanceof PiecewiseLinear)) {
                return "the gradient penalty needs dense layers and relu or leaky-relu activations only, found "
                        + l.getClass().getSimpleName();
            }
        }
        if (!(layers.get(layers.size() - 1) instanceof Dense)) return "the network must end in a dense layer";
        return null;
    }

    /**
     * After {@code net.forward(x, ...)} on the penalised rows: adds {@code weight} times the gradient
     * of (gamma / 2) * sum_rows |d out / d x|^2 to the network's parameter gradients and returns
     * {@code weight} times that penalty.
     */
    public static double accumulate(Network net, double gamma, double weight) {
        String reason = unsupportedReason(net);
        if (reason != null) throw new IllegalArgumentException(reason);
        List<Layer> layers = net.layers();
        int count = layers.size();
        // Forward through the transposed chain from the output back to the input: u = d out / d(layer input).
        INDArray[] saved = new INDArray[count];
        INDArray u = null;
        for (int i = count - 1; i >= 0; i--) {
            Layer l = layers.get(i);
            if (l instanceof Dense d) {
                if (u == null) u = Nd4j.ones(net.dataType(), rowsOf(layers), d.weights().size(1));
                saved[i] = u;
                u = Nd4j.gemm(u, d.weights(), false, true);
            } else {
                saved[i] = ((PiecewiseLinear) l).slopes();
                u = u.mul(saved[i]);
            }
        }
        double penalty = 0.5 * gamma * weight * u.mul(u).sumNumber().doubleValue();
        // Backward: delta = d penalty / d(the chain's value after each layer), input side first.
        INDArray delta = u.mul(gamma * weight);
        for (int i = 0; i < count; i++) {
            Layer l = layers.get(i);
            if (l instanceof Dense d) {
                d.accumulateWeightGradient(delta, saved[i]);
                if (i < count - 1) delta = Nd4j.gemm(delta, d.weights(), false, false);
            } else {
                delta.muli(saved[i]);
            }
        }
        return penalty;
    }

    /** Rows of the last forward pass, from the output layer's input. */
    private static long rowsOf(List<Layer> layers) {
        return ((Dense) layers.get(layers.size() - 1)).lastRows();
    }
}
