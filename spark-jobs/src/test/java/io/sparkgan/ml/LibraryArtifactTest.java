package io.sparkgan.ml;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library artifact as a Maven user meets it: a one-dependency consumer project on
 * io.sparkgan:sparkgan-spark resolves, with Maven, against the POMs {@code ./mvnw install} installs
 * (the module poms as they are, put into a throwaway local repository; third-party POMs come from
 * the user's ~/.m2, read as a file:// repository first, then Maven Central for a POM the build itself
 * never needed (a fresh machine's ~/.m2 holds only those); nothing is written into ~/.m2). Its
 * dependency tree has sparkgan-spark and sparkgan-common in compile scope and no Spark at all:
 * Spark is provided, the application's own.
 */
class LibraryArtifactTest {
    @TempDir
    Path dir;

    @Test
    void aConsumerProjectGetsSparkganWithoutSpark() throws Exception {
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        String parentPom = Files.readString(root.resolve("pom.xml"));
        Matcher v = Pattern.compile("<artifactId>sparkgan-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(parentPom);
        assertTrue(v.find(), "the parent pom's version");
        String version = v.group(1);
        assertTrue(Files.readString(root.resolve("spark-jobs/pom.xml")).contains("<artifactId>sparkgan-spark</artifactId>"));

        Path repo = dir.resolve("repository");
        install(repo, "sparkgan-parent", version, root.resolve("pom.xml"));
        install(repo, "sparkgan-common", version, root.resolve("common/pom.xml"));
        install(repo, "sparkgan-spark", version, root.resolve("spark-jobs/pom.xml"));

        Path consumer = dir.resolve("consumer");
        Files.createDirectories(consumer);
        Files.writeString(consumer.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>example</groupId>
                  <artifactId>gan-app</artifactId>
                  <version>1</version>
                  <dependencies>
                    <dependency>
                      <groupId>io.sparkgan</groupId>
                      <artifactId>sparkgan-spark</artifactId>
                      <version>%s</version>
                    </dependency>
                  </dependencies>
                </project>
                """.formatted(version));
        Path m2 = Path.of(System.getProperty("user.home"), ".m2", "repository");
        Files.writeString(dir.resolve("settings.xml"), """
                <settings>
                  <profiles><profile><id>user-m2</id>
                    <repositories><repository><id>user-m2</id><url>%1$s</url></repository></repositories>
                    <pluginRepositories><pluginRepository><id>user-m2</id><url>%1$s</url></pluginRepository></pluginRepositories>
                  </profile></profiles>
                  <activeProfiles><activeProfile>user-m2</activeProfile></activeProfiles>
                </settings>
                """.formatted(m2.toUri()));

        Path tree = dir.resolve("tree.txt");
        Path log = dir.resolve("maven.log");
        Process maven = new ProcessBuilder(List.of(root.resolve("mvnw").toString(), "-B", "-q",
                "-f", consumer.resolve("pom.xml").toString(), "-s", dir.resolve("settings.xml").toString(),
                "-Dmaven.repo.local=" + repo, "org.apache.maven.plugins:maven-dependency-plugin:3.6.1:tree",
                "-DoutputFile=" + tree))
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = maven.waitFor(180, TimeUnit.SECONDS);
        if (!done) maven.destroyForcibly();
        assertTrue(done && maven.exitValue() == 0, "mvn dependency:tree on the consumer:\n" + Files.readString(log));

        String deps = Files.readString(tree);
        assertTrue(deps.contains("io.sparkgan:sparkgan-spark:jar:" + version + ":compile"), deps);
        assertTrue(deps.contains("io.sparkgan:sparkgan-common:jar:" + version + ":compile"), deps);
        assertTrue(deps.contains("org.nd4j:nd4j-native"), "ND4J comes along: " + deps);
        assertFalse(deps.contains("org.apache.spark:"), "no Spark comes with sparkgan: " + deps);
        assertFalse(Files.exists(m2.resolve("example/gan-app")), "nothing is written into ~/.m2");
    }

    /** What install puts for a module: its pom as it is, at the local repository's path. */
    private static void install(Path repo, String artifact, String version, Path pom) throws Exception {
        Path target = repo.resolve("io/sparkgan/" + artifact + "/" + version + "/" + artifact + "-" + version + ".pom");
        Files.createDirectories(target.getParent());
        Files.copy(pom, target);
    }
}
