package io.sparkgan.optim;

import java.io.Serializable;
import io.sparkgan.util.EnumNames;

/**
 * One network's optimiser.
 *
 * @param type ADAM or SGD
 * @param learningRate step size
 * @param beta1 Adam's first-moment decay (0.5 is the DCGAN choice)
 * @param beta2 Adam's second-moment decay
 * @param epsilon Adam's denominator guard
 */
public record OptimizerSettings(Type type, double learningRate, double beta1, double beta2, double epsilon)
        implements Serializable {

    public enum Type {
        ADAM, SGD;

        public static Type parse(String s) {
            return EnumNames.parse(Type.class, s, "optimizer");
        }
    }

    /** Values in the optimiser's state vector per parameter (Adam keeps m and v). */
    public int stateValuesPerParameter() {
        return type == Type.ADAM ? 2 : 0;
    }
}
