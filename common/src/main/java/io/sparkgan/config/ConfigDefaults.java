package io.sparkgan.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The defaults file, {@value #RESOURCE}, as data: every key, its default value and the comment
 * that documents it. The one source of truth for what a key means; other APIs (e.g. the Spark ML
 * params of {@code io.sparkgan.ml}) take their documentation and defaults from here.
 */
public final class ConfigDefaults {
    /** The classpath resource holding every key with its default and documentation. */
    public static final String RESOURCE = "sparkgan-defaults.conf";

    private static final Config DEFAULTS =
            ConfigFactory.parseResources(ConfigDefaults.class.getClassLoader(), RESOURCE);

    private ConfigDefaults() {}

    /** The parsed defaults file (comments kept in the values' origins). */
    public static Config config() {
        return DEFAULTS;
    }

    /** Every leaf key, e.g. "train.rounds", sorted. */
    public static Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        DEFAULTS.entrySet().forEach(e -> keys.add(e.getKey()));
        return keys;
    }

    /**
     * The default value of {@code key} as Java sees it: Integer, Long, Double, Boolean, String or a List.
     *
     * @param key a leaf key of the defaults file
     * @throws ConfigError if there is no such key
     */
    public static Object value(String key) {
        return valueOf(key).unwrapped();
    }

    /**
     * The documentation of {@code key}: the comment above it in the defaults file; for a key without
     * one of its own (e.g. "train.generator-optimizer.beta1"), its section's comment followed by the key's name.
     *
     * @param key a leaf key of the defaults file
     * @throws ConfigError if there is no such key
     */
    public static String doc(String key) {
        String own = comment(valueOf(key));
        if (!own.isEmpty()) return own;
        int dot = key.lastIndexOf('.');
        String section = dot < 0 ? "" : key.substring(0, dot);
        String sectionDoc = section.isEmpty() ? "" : comment(DEFAULTS.getValue(section));
        String leaf = key.substring(dot + 1);
        return sectionDoc.isEmpty() ? leaf : sectionDoc + " (" + leaf + ")";
    }

    private static ConfigValue valueOf(String key) {
        if (!DEFAULTS.hasPath(key)) {
            throw new ConfigError("no config key '" + key + "' in " + RESOURCE + "; the keys are: " + keys());
        }
        return DEFAULTS.getValue(key);
    }

    private static String comment(ConfigValue value) {
        List<String> lines = value.origin().comments();
        StringBuilder s = new StringBuilder();
        for (String line : lines) {
            String t = line.trim();
            if (t.isEmpty()) continue;
            if (s.length() > 0) s.append(' ');
            s.append(t);
        }
        return s.toString();
    }
}
