package io.sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The deployment files agree with the build: the lists that are written twice stay equal. */
class DeployConfigTest {
    private final Path root = Path.of(System.getProperty("user.dir")).getParent();

    @Test
    void sparkDefaultsCarryTheSameJava17OptionsAsTheBuild() throws Exception {
        Properties defaults = new Properties();
        defaults.load(new StringReader(Files.readString(root.resolve("conf/spark-defaults.conf"))));
        // surefire starts this JVM with the parent pom's java17.opens (its argLine)
        List<String> build = new ArrayList<>();
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("-XX:+IgnoreUnrecognized") || arg.startsWith("-Djdk.")) {
                build.add(arg);
            }
        }
        for (String key : List.of("spark.driver.extraJavaOptions", "spark.executor.extraJavaOptions")) {
            assertEquals(build, List.of(defaults.getProperty(key).trim().split("\\s+")), key);
        }
        assertEquals("1", defaults.getProperty("spark.executorEnv.OMP_NUM_THREADS"));
    }

    @Test
    void shadedJarIncludesExactlyTheApplicationGroups() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(root.resolve("spark-jobs/pom.xml").toFile());
        String groups = text(pom, "sparkgan.app.groupIds");
        String artifacts = text(pom, "sparkgan.app.artifactIds");
        TreeSet<String> expected = new TreeSet<>();
        for (String g : groups.split(",")) expected.add(g.trim() + ":*");
        for (String a : artifacts.split(",")) expected.add("*:" + a.trim());
        TreeSet<String> includes = new TreeSet<>();
        NodeList sets = pom.getElementsByTagName("artifactSet");
        assertEquals(1, sets.getLength());
        NodeList include = ((Element) sets.item(0)).getElementsByTagName("include");
        for (int i = 0; i < include.getLength(); i++) {
            String[] ga = include.item(i).getTextContent().trim().split(":");
            includes.add(ga[1].equals("*") ? ga[0] + ":*" : "*:" + ga[1]); // single artifacts: by artifactId
        }
        assertEquals(expected, includes);
    }

    private static String text(Document pom, String tag) {
        return pom.getElementsByTagName(tag).item(0).getTextContent().trim();
    }
}
