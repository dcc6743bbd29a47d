package io.sparkgan.nn;

import io.sparkgan.util.EnumNames;

/** Element-wise activations available in model configs. */
public enum Activation {
    IDENTITY, RELU, LEAKY_RELU, TANH;

    /** The layer for this activation, or null for IDENTITY (no layer is needed). */
    public Layer newLayer(double leakySlope) {
        switch (this) {
            case RELU: return new ReluLayer();
            case LEAKY_RELU: return new LeakyReluLayer(leakySlope);
            case TANH: return new TanhLayer();
            default: return null;
        }
    }

    /** Parses a config value such as "leaky-relu" or "tanh". */
    public static Activation parse(String name) {
        return EnumNames.parse(Activation.class, name, "activation");
    }

    /** The config spelling, e.g. "leaky-relu". */
    public String configName() {
        return EnumNames.configName(this);
    }
}
