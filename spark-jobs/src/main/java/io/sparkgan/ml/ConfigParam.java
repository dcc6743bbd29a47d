package io.sparkgan.ml;

import io.sparkgan.config.ConfigDefaults;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * A Spark ML {@link Param} that stands for one config key of sparkgan-defaults.conf: its name is
 * derived from the key, its documentation and default are the key's ({@link ConfigDefaults}).
 *
 * @param param the Spark ML param
 * @param key the config key, e.g. "train.rounds"
 * @param kind the Java type of its values
 */
public record ConfigParam(Param<?> param, String key, Kind kind) {

    /** The value types a config key can have as a param. */
    public enum Kind {
        INT, LONG, DOUBLE, BOOLEAN, STRING, INT_ARRAY
    }

    public ConfigParam {
        Objects.requireNonNull(param, "param");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * A new param of {@code parent} for {@code key}, documented with the key's comment in the defaults file.
     *
     * @param parent the params holder (its uid must be set already)
     * @param key the config key
     * @param name the param's name (see {@link #nameOf})
     * @param kind the type of its values
     */
    public static ConfigParam create(Params parent, String key, String name, Kind kind) {
        String doc = ConfigDefaults.doc(key) + " (config key " + key + ")";
        Param<?> param = switch (kind) {
            case INT -> new IntParam(parent, name, doc);
            case LONG -> new LongParam(parent, name, doc);
            case DOUBLE -> new DoubleParam(parent, name, doc);
            case BOOLEAN -> new BooleanParam(parent, name, doc);
            case STRING -> new Param<String>(parent, name, doc);
            case INT_ARRAY -> new IntArrayParam(parent, name, doc);
        };
        return new ConfigParam(param, key, kind);
    }

    /**
     * The param name of a config key: the key in camel case without its "train.", "model." or
     * "run." section ("train.batch-per-partition" is batchPerPartition, "samples.every-rounds" is
     * samplesEveryRounds), except model.type, which is modelType.
     */
    public static String nameOf(String key) {
        if (key.equals("model.type")) return "modelType";
        String rest = key;
        for (String section : List.of("train.", "model.", "run.")) {
            if (key.startsWith(section)) rest = key.substring(section.length());
        }
        StringBuilder s = new StringBuilder();
        boolean upper = false;
        for (char c : rest.toCharArray()) {
            if (c == '.' || c == '-') {
                upper = true;
            } else {
                s.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return s.toString();
    }

    /** The key's default from the defaults file, as this param's value type. */
    public Object defaultValue() {
        return paramValue(ConfigDefaults.value(key));
    }

    /** A config value (as Typesafe Config unwraps it) as this param's value type. */
    Object paramValue(Object configValue) {
        return switch (kind) {
            case INT -> ((Number) configValue).intValue();
            case LONG -> ((Number) configValue).longValue();
            case DOUBLE -> ((Number) configValue).doubleValue();
            case BOOLEAN -> (Boolean) configValue;
            case STRING -> configValue.toString();
            case INT_ARRAY -> ((List<?>) configValue).stream().mapToInt(v -> ((Number) v).intValue()).toArray();
        };
    }

    /** A value of this param as a config value (an int array becomes a list). */
    public Object configValue(Object paramValue) {
        if (kind != Kind.INT_ARRAY) return paramValue;
        List<Integer> list = new ArrayList<>();
        for (int v : (int[]) paramValue) list.add(v);
        return list;
    }
}
