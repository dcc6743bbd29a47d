package io.sparkgan.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.List;
import java.util.function.Function;

/**
 * Typed reads of single keys with checks whose failures name the key, the value and the rule.
 * Wraps Typesafe Config's type errors in {@link ConfigError}.
 */
final class ConfigReader {
    private final Config config;

    ConfigReader(Config config) {
        this.config = config;
    }

    String string(String key) {
        return read(key, config::getString);
    }

    boolean bool(String key) {
        return read(key, config::getBoolean);
    }

    long anyLong(String key) {
        return read(key, config::getLong);
    }

    int positiveInt(String key) {
        int v = read(key, config::getInt);
        if (v <= 0) throw invalid(key, v, "must be a positive integer");
        return v;
    }

    int nonNegativeInt(String key) {
        int v = read(key, config::getInt);
        if (v < 0) throw invalid(key, v, "must be 0 or a positive integer");
        return v;
    }

    long positiveLong(String key) {
        long v = read(key, config::getLong);
        if (v <= 0) throw invalid(key, v, "must be a positive integer");
        return v;
    }

    double positiveDouble(String key) {
        double v = read(key, config::getDouble);
        if (!(v > 0) || Double.isInfinite(v)) throw invalid(key, v, "must be a positive finite number");
        return v;
    }

    /** A double in [low, high). */
    double doubleIn(String key, double low, double high) {
        double v = read(key, config::getDouble);
        if (!(v >= low && v < high)) throw invalid(key, v, "must be in [" + low + ", " + high + ")");
        return v;
    }

    int[] positiveInts(String key) {
        List<Integer> list = read(key, config::getIntList);
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
            if (out[i] <= 0) throw invalid(key, list, "must hold positive integers only");
        }
        return out;
    }

    /** Parses a string key with {@code parser}, turning its IllegalArgumentException into a ConfigError. */
    <T> T parsed(String key, Function<String, T> parser) {
        String raw = string(key);
        try {
            return parser.apply(raw);
        } catch (IllegalArgumentException e) {
            throw new ConfigError("config key '" + key + "': " + e.getMessage());
        }
    }

    static ConfigError invalid(String key, Object value, String rule) {
        return new ConfigError("config key '" + key + "' " + rule + ", got " + value);
    }

    private <T> T read(String key, Function<String, T> getter) {
        try {
            return getter.apply(key);
        } catch (ConfigException.Missing e) {
            throw new ConfigError("config key '" + key + "' is missing", e);
        } catch (ConfigException e) {
            throw new ConfigError("config key '" + key + "' has a wrong type: " + e.getMessage(), e);
        }
    }
}
