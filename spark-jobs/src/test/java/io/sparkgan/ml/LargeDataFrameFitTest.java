package io.sparkgan.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data stays distributed: a driver JVM with a 256 MB heap fits a GAN on a DataFrame of 384 MB
 * of floats. The executors are separate JVMs (Spark's local-cluster master: a standalone master
 * and 2 workers inside the driver JVM, each worker launching an executor JVM of 1.4 GB), so the
 * driver's heap really is only the driver's; local[*] would share one heap and prove nothing.
 *
 * <p>local-cluster is Spark's testing master: with the spark.testing property the workers take
 * spark.test.home as their SPARK_HOME (here one with an empty jars/) and the executors get the
 * driver's classpath.
 */
class LargeDataFrameFitTest {
    private static final long ROWS = 96_000;
    private static final int DIM = 1000;

    @TempDir
    Path dir;

    @Test
    void aFitOverADataFrameLargerThanTheDriversHeapSucceeds() throws Exception {
        Path root = Path.of(System.getProperty("user.dir"));
        // The workers' SPARK_HOME: an empty jars/ (the executors get the driver's classpath instead).
        Files.createDirectories(dir.resolve("spark-home/jars"));
        String opens = Files.readString(root.resolve("target/launcher/jvm.options")).trim();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dspark.testing=true", "-Dspark.test.home=" + dir.resolve("spark-home")));
        cmd.addAll(Arrays.asList(opens.split("\\s+")));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), LargeDataFrameFit.class.getName(),
                "local-cluster[2,1,1536]", "" + ROWS, "" + DIM, opens));
        Path log = dir.resolve("driver.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(Map.of("SPARK_SCALA_VERSION", "2.12", "SPARK_LOCAL_IP", "127.0.0.1",
                "OMP_NUM_THREADS", "1"));
        pb.environment().remove("SPARK_HOME");
        long start = System.nanoTime();
        Process driver = pb.start();
        boolean done = driver.waitFor(420, TimeUnit.SECONDS); // generous: a busy machine slows the executor JVMs many times
        if (!done) driver.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        String output = Files.readString(log);
        String tail = output.lines().skip(Math.max(0, output.lines().count() - 60)).collect(Collectors.joining("\n"));
        assertTrue(done, "the driver did not finish in 420 s:\n" + tail);
        assertEquals(0, driver.exitValue(), tail);
        Matcher fit = Pattern.compile("FIT rows=(\\d+) dim=(\\d+) bytes=(\\d+) driverHeap=(\\d+) rounds=(\\d+)"
                + " executors=(\\d+)").matcher(output);
        assertTrue(fit.find(), tail);
        long bytes = Long.parseLong(fit.group(3));
        long driverHeap = Long.parseLong(fit.group(4));
        assertEquals(DIM, Integer.parseInt(fit.group(2)));
        assertEquals(3, Integer.parseInt(fit.group(5)), "all rounds trained");
        assertEquals(2, Integer.parseInt(fit.group(6)), "two executor JVMs besides the driver");
        assertTrue(bytes > 1.4 * driverHeap, "the data (" + bytes + " bytes as floats) is well beyond the driver's heap ("
                + driverHeap + ")");
        System.out.printf("fit of %d MB on a driver of %d MB heap: %.1f s%n", bytes >> 20, driverHeap >> 20,
                (System.nanoTime() - start) / 1e9);
    }
}
