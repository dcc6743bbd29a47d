package io.sparkgan.util;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Versions of sparkgan and what it runs on, for provenance. */
public final class Versions {
    private Versions() {}

    /** sparkgan, ND4J (and its native classifier), Java; callers add Spark's. */
    public static Map<String, String> current() {
        Properties p = new Properties();
        try (InputStream in = Versions.class.getClassLoader().getResourceAsStream("sparkgan-build.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            // versions are informative; a missing file must not stop a run
        }
        Map<String, String> v = new LinkedHashMap<>();
        v.put("sparkgan", p.getProperty("sparkgan.version", "unknown"));
        v.put("nd4j", p.getProperty("nd4j.version", "unknown") + " (" + p.getProperty("nd4j.classifier", "?") + ")");
        v.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return v;
    }
}
