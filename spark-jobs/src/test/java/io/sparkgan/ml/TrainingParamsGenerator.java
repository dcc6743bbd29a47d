package io.sparkgan.ml;

import io.sparkgan.config.ConfigDefaults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code GanTrainingParams.java}, the Spark ML params of {@link GanEstimator} that stand for
 * config keys, from sparkgan-defaults.conf: one param per key (name by {@link ConfigParam#nameOf},
 * type from the default's type and from how GanConfig reads the key), its Javadoc the key's comment. {@link TrainingParamsDriftTest}
 * fails when the committed file differs from what this writes; regenerate with
 * {@code ./mvnw -o -pl spark-jobs test -Dtest=TrainingParamsDriftTest -Dsparkgan.writeParams=true}.
 */
final class TrainingParamsGenerator {
    /** Where the generated source lives, relative to the spark-jobs module. */
    static final Path SOURCE = Path.of("src/main/java/io/sparkgan/ml/GanTrainingParams.java");

    /** Keys of the defaults file that are not params, and why. */
    static final Map<String, String> NOT_PARAMS = new LinkedHashMap<>();

    static {
        NOT_PARAMS.put("run.name", "the run directory is GanEstimator's outputDir");
        NOT_PARAMS.put("run.output", "the run directory is GanEstimator's outputDir");
        for (String key : ConfigDefaults.keys()) {
            if (key.startsWith("data.")) {
                NOT_PARAMS.put(key, "the DataFrame is the data: featuresCol, labelCol, and its partitions are the blocks");
            }
        }
        NOT_PARAMS.put("log.progress", "the console progress bar of the command line");
    }

    /** The ConfigReader method GanConfig reads each literally named key with, e.g. train.rounds: positiveInt. */
    private static final Map<String, String> READERS = readers();

    private TrainingParamsGenerator() {}

    private static Map<String, String> readers() {
        Path source = Path.of("../common/src/main/java/io/sparkgan/config/GanConfig.java");
        Map<String, String> readers = new java.util.HashMap<>();
        try {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\br\\.(\\w+)\\(\"([a-z0-9.-]+)\"")
                    .matcher(Files.readString(source, StandardCharsets.UTF_8));
            while (m.find()) readers.put(m.group(2), m.group(1));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + source.toAbsolutePath(), e);
        }
        return readers;
    }

    public static void main(String[] args) throws IOException {
        Files.writeString(SOURCE, source(), StandardCharsets.UTF_8);
    }

    /** The keys that are params, in defaults-file order of sections then keys (sorted). */
    static List<String> paramKeys() {
        List<String> keys = new ArrayList<>();
        for (String key : ConfigDefaults.keys()) {
            if (!NOT_PARAMS.containsKey(key)) keys.add(key);
        }
        return keys;
    }

    static ConfigParam.Kind kindOf(String key) {
        Object v = ConfigDefaults.value(key);
        // Typesafe Config reads a whole-valued real ("0.0") as an Integer: how GanConfig reads the key says
        // what it is (r.doubleIn("train.label-smoothing", ...) is a real number).
        String reader = READERS.getOrDefault(key, "").toLowerCase(java.util.Locale.ROOT);
        if (v instanceof Integer && reader.contains("double")) return ConfigParam.Kind.DOUBLE;
        if (v instanceof Integer && reader.contains("long")) return ConfigParam.Kind.LONG;
        if (v instanceof Integer) return ConfigParam.Kind.INT;
        if (v instanceof Long) return ConfigParam.Kind.LONG;
        if (v instanceof Double) return ConfigParam.Kind.DOUBLE;
        if (v instanceof Boolean) return ConfigParam.Kind.BOOLEAN;
        if (v instanceof String) return ConfigParam.Kind.STRING;
        if (v instanceof List<?> list && list.stream().allMatch(e -> e instanceof Integer)) {
            return ConfigParam.Kind.INT_ARRAY;
        }
        throw new IllegalStateException("config key " + key + " has a default of an unsupported type: " + v);
    }

    private static String paramClass(ConfigParam.Kind kind) {
        return switch (kind) {
            case INT -> "IntParam";
            case LONG -> "LongParam";
            case DOUBLE -> "DoubleParam";
            case BOOLEAN -> "BooleanParam";
            case STRING -> "Param<String>";
            case INT_ARRAY -> "IntArrayParam";
        };
    }

    private static String javaType(ConfigParam.Kind kind) {
        return switch (kind) {
            case INT -> "int";
            case LONG -> "long";
            case DOUBLE -> "double";
            case BOOLEAN -> "boolean";
            case STRING -> "String";
            case INT_ARRAY -> "int[]";
        };
    }

    private static String boxed(ConfigParam.Kind kind) {
        return switch (kind) {
            case INT -> "Integer";
            case LONG -> "Long";
            case DOUBLE -> "Double";
            case BOOLEAN -> "Boolean";
            case STRING -> "String";
            case INT_ARRAY -> "int[]";
        };
    }

    static String source() {
        StringBuilder s = new StringBuilder();
        s.append("""
                // GENERATED from sparkgan-defaults.conf by TrainingParamsGenerator (spark-jobs test sources): do not edit.
                // TrainingParamsDriftTest fails when this file and the defaults file disagree; it says how to regenerate.
                package io.sparkgan.ml;

                import java.util.ArrayList;
                import java.util.List;
                import java.util.Objects;
                import org.apache.spark.ml.Estimator;
                import org.apache.spark.ml.param.BooleanParam;
                import org.apache.spark.ml.param.DoubleParam;
                import org.apache.spark.ml.param.IntArrayParam;
                import org.apache.spark.ml.param.IntParam;
                import org.apache.spark.ml.param.LongParam;
                import org.apache.spark.ml.param.Param;

                /**
                 * The training settings of {@link GanEstimator} as typed Spark ML params: one per key of
                 * sparkgan-defaults.conf (but the keys of the data, the run directory and the
                 * console), named after the key, documented and defaulted by it. A param that is set wins
                 * over {@link GanEstimator#setConfig} and {@link GanEstimator#setRecipe}; one that is not set
                 * leaves the key to them (its getter shows the defaults file's value).
                 */
                public abstract class GanTrainingParams extends Estimator<GanModel> {
                    private static final long serialVersionUID = 1L;

                    private final String uid;
                    private final List<ConfigParam> configParams = new ArrayList<>();
                """);
        List<String> keys = paramKeys();
        for (String key : keys) {
            ConfigParam.Kind kind = kindOf(key);
            s.append("    private final ").append(paramClass(kind)).append(' ').append(ConfigParam.nameOf(key))
                    .append(";\n");
        }
        s.append("""

                    /**
                     * Params with their defaults from sparkgan-defaults.conf.
                     *
                     * @param uid this estimator's unique id
                     */
                    @SuppressWarnings("unchecked")
                    protected GanTrainingParams(String uid) {
                        this.uid = Objects.requireNonNull(uid, "uid");
                """);
        for (String key : keys) {
            ConfigParam.Kind kind = kindOf(key);
            String name = ConfigParam.nameOf(key);
            s.append("        ").append(name).append(" = (").append(paramClass(kind)).append(") configParam(\"")
                    .append(key).append("\", \"").append(name).append("\", ConfigParam.Kind.").append(kind)
                    .append(");\n");
        }
        s.append("""
                    }

                    private Param<?> configParam(String key, String name, ConfigParam.Kind kind) {
                        ConfigParam p = ConfigParam.create(this, key, name, kind);
                        configParams.add(p);
                        @SuppressWarnings("unchecked")
                        Param<Object> param = (Param<Object>) p.param();
                        setDefault(param, p.defaultValue());
                        return p.param();
                    }

                    @Override
                    public final String uid() {
                        return uid;
                    }

                    /** Every param that stands for a config key, with its key. */
                    public final List<ConfigParam> configParams() {
                        return List.copyOf(configParams);
                    }

                    /** This estimator, for the setters to return. */
                    protected abstract GanEstimator self();
                """);
        for (String key : keys) {
            ConfigParam.Kind kind = kindOf(key);
            String name = ConfigParam.nameOf(key);
            String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            String doc = escape(ConfigDefaults.doc(key));
            s.append('\n');
            s.append(javadoc(doc + " Config key {@code " + key + "}.", "    "));
            s.append("    public final ").append(paramClass(kind)).append(' ').append(name).append("() {\n")
                    .append("        return ").append(name).append(";\n    }\n\n");
            s.append("    /** The value of {@link #").append(name).append("()}: set, or the default of {@code ")
                    .append(key).append("}. */\n");
            s.append("    public final ").append(javaType(kind)).append(" get").append(cap).append("() {\n")
                    .append("        return (").append(boxed(kind)).append(") getOrDefault(").append(name)
                    .append(");\n    }\n\n");
            s.append("    /**\n     * Sets {@link #").append(name).append("()}, over any value of {@code ").append(key)
                    .append("} from the config or recipe.\n     *\n     * @param value the value of {@code ")
                    .append(key).append("}\n     * @return this estimator\n     */\n");
            s.append("    public final GanEstimator set").append(cap).append('(').append(javaType(kind))
                    .append(" value) {\n        set(").append(name).append(", value);\n        return self();\n    }\n");
        }
        s.append("}\n");
        return s.toString();
    }

    private static String escape(String doc) {
        return doc.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*/", "*&#47;")
                .replace("@", "&#64;");
    }

    private static String javadoc(String text, String indent) {
        StringBuilder s = new StringBuilder(indent).append("/**\n");
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > 100 && line.length() > 0) {
                s.append(indent).append(" * ").append(line).append('\n');
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0) s.append(indent).append(" * ").append(line).append('\n');
        return s.append(indent).append(" */\n").toString();
    }
}
