package io.sparkgan.nn;

import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Parameter initialisers. Values are drawn in Java from the caller's RNG so they are reproducible. */
public final class Init {
    private Init() {}

    /** Fills {@code target} with U(-bound, bound). */
    public static void uniform(INDArray target, RandomGenerator rng, double bound) {
        double[] v = new double[(int) target.length()];
        for (int i = 0; i < v.length; i++) v[i] = (rng.nextDouble() * 2 - 1) * bound;
        assign(target, v);
    }

    /** Fills {@code target} with N(mean, std^2). */
    public static void normal(INDArray target, RandomGenerator rng, double mean, double std) {
        double[] v = new double[(int) target.length()];
        for (int i = 0; i < v.length; i++) v[i] = mean + std * rng.nextGaussian();
        assign(target, v);
    }

    /** Fills {@code target} with a constant. */
    public static void constant(INDArray target, double value) {
        target.assign(value);
    }

    private static void assign(INDArray target, double[] values) {
        // Values are in C order of the target's shape regardless of its storage order.
        INDArray src = Nd4j.create(values, target.shape(), 'c').castTo(target.dataType());
        target.assign(src);
    }
}
