package io.sparkgan.nn;

import java.util.Locale;

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

    /** Parses a config value such as "leaky-relu", "leaky_relu" or "tanh". */
    public static Activation parse(String name) {
        String key = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Activation a : values()) {
            if (a.name().equals(key)) return a;
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'; use one of identity, relu, leaky-relu, tanh");
    }

    /** The config spelling, e.g. "leaky-relu". */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
