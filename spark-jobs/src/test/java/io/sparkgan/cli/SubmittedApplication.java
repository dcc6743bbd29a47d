package io.sparkgan.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The application that the cluster tests submit through {@code deploy/spark-submit-sparkgan}, as
 * the environment variables the wrapper reads: the shaded jar if {@code -Dsparkgan.test.appJar}
 * names one, else a thin jar of our classes plus the non-Spark dependency jars (the runtime
 * classpath minus what the cluster's SPARK_HOME has), because {@code mvn test} runs before the
 * package phase builds the shaded jar.
 */
final class SubmittedApplication {
    private SubmittedApplication() {}

    /**
     * @param root the repository root
     * @param work a scratch directory for the thin jar
     * @return SPARKGAN_APP_JAR and, for the thin jar, SPARKGAN_APP_DEPS
     */
    static Map<String, String> env(Path root, Path work) throws IOException {
        Map<String, String> env = new HashMap<>();
        String shaded = System.getProperty("sparkgan.test.appJar");
        if (shaded != null && !shaded.isBlank()) {
            env.put("SPARKGAN_APP_JAR", root.resolve(shaded).toString());
            return env;
        }
        Path lists = root.resolve("spark-jobs/target/cluster");
        Set<String> spark = new HashSet<>(classpath(lists.resolve("spark-classpath.txt")));
        List<Path> classDirs = new ArrayList<>(List.of(root.resolve("spark-jobs/target/classes")));
        List<String> deps = new ArrayList<>();
        for (String entry : classpath(lists.resolve("runtime-classpath.txt"))) {
            if (spark.contains(entry)) continue;
            if (Files.isDirectory(Path.of(entry))) classDirs.add(Path.of(entry));
            else deps.add(entry);
        }
        // As in the shaded jar (shade.exclude.natives): javacpp loads the chosen classifier's natives,
        // so the plain linux-x86_64 ones (89 MB that every executor would copy) stay out.
        boolean classified = deps.stream().anyMatch(d -> d.matches(".*/nd4j-native-[^/]*-linux-x86_64-[^/]+\\.jar"));
        if (classified) deps.removeIf(d -> d.matches(".*/nd4j-native-[^/]*-linux-x86_64\\.jar"));
        Path app = work.resolve("sparkgan-app.jar");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(app))) {
            Set<String> seen = new HashSet<>();
            for (Path dir : classDirs) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        String name = dir.relativize(f).toString().replace(File.separatorChar, '/');
                        if (!seen.add(name)) continue;
                        jar.putNextEntry(new JarEntry(name));
                        Files.copy(f, jar);
                        jar.closeEntry();
                    }
                }
            }
        }
        env.put("SPARKGAN_APP_JAR", app.toString());
        env.put("SPARKGAN_APP_DEPS", String.join(",", deps));
        return env;
    }

    private static List<String> classpath(Path file) throws IOException {
        return Arrays.stream(Files.readString(file).trim().split(File.pathSeparator)).filter(s -> !s.isEmpty())
                .collect(Collectors.toList());
    }
}
