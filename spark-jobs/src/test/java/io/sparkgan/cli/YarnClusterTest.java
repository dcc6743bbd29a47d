package io.sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sparkgan.run.Checkpoint;
import io.sparkgan.spark.MiniHdfs;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.hadoop.yarn.server.resourcemanager.rmapp.RMApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * sparkgan on a real YARN: Hadoop's MiniYARNCluster (a ResourceManager and one NodeManager that
 * starts containers as child processes through bash) and MiniDFSCluster in this JVM, all on
 * 127.0.0.1. The MLP GAN trains a few rounds from CSV files on HDFS, submitted with
 * {@code deploy/yarn/sparkgan-yarn} in client mode (driver here, executors in containers) and in
 * cluster mode (driver in the application master's container, run written to HDFS); both
 * checkpoints must be within 1e-6 of local mode's (sync mode; measured 1.5e-8, not bit for bit).
 * The Spark jars go to HDFS once as
 * {@code sparkgan-yarn archive}, as on a real cluster.
 *
 * <p>Skipped, with the reason, only where YARN cannot start containers here (no bash, or the
 * cluster cannot bind its loopback ports). The containers' logs are printed when a run fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class YarnClusterTest {
    private static final int ROUNDS = 6;
    /** Per submission: generous, one took 3.7 minutes on a 2-core machine busy with other runs. */
    private static final int SUBMIT_TIMEOUT_SECONDS = 480;
    /** The MLP GAN (gaussian2d recipe, sync mode) with small layers, from CSV files on HDFS. */
    private static final List<String> TRAIN = List.of("train", "-c", "gaussian2d", "--set", "train.rounds=" + ROUNDS,
            "--set", "data.source=csv", "--set", "train.batch-per-partition=32",
            "--set", "model.generator-hidden=[16]", "--set", "model.discriminator-hidden=[16,16]",
            "--set", "checkpoint.every=0", "--set", "log.progress=false");

    private final Path root = Path.of(System.getProperty("user.dir")).getParent();
    private Path work;
    private MiniDFSCluster hdfs;
    private MiniYARNCluster yarn;
    private Path hadoopConfDir;
    private String dfs;
    private Map<String, String> submitEnv;

    @BeforeAll
    void startHdfsAndYarn() throws Exception {
        Assumptions.assumeTrue(new File("/bin/bash").canExecute(),
                "YARN's NodeManager starts containers with bash, and /bin/bash is missing: YARN runs skipped");
        work = Files.createTempDirectory("sparkgan-yarn-test");
        long start = System.nanoTime();
        hdfs = MiniHdfs.start(work);
        dfs = MiniHdfs.uri(hdfs);
        writeHdfs("/data/points/part-00000.csv", rows(0, 300));
        writeHdfs("/data/points/part-00001.csv", rows(300, 600));

        YarnConfiguration conf = new YarnConfiguration();
        conf.set("fs.defaultFS", dfs);
        loopbackOnly(conf);
        // Small containers on this small machine; ND4J's off-heap memory would trip YARN's
        // physical/virtual memory checks at these sizes (real clusters keep them, docs/deploy.md).
        conf.setInt("yarn.nodemanager.resource.memory-mb", 6144);
        conf.setInt("yarn.nodemanager.resource.cpu-vcores", 4);
        conf.setInt("yarn.scheduler.minimum-allocation-mb", 128);
        conf.setBoolean("yarn.nodemanager.pmem-check-enabled", false);
        conf.setBoolean("yarn.nodemanager.vmem-check-enabled", false);
        conf.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "100.0");
        // hadoop-client-minicluster has no capacity-scheduler.xml: one queue, as Spark's own suites do.
        conf.set("yarn.scheduler.capacity.root.queues", "default");
        conf.setInt("yarn.scheduler.capacity.root.default.capacity", 100);
        conf.setInt("yarn.scheduler.capacity.root.default.maximum-capacity", 100);
        conf.setFloat("yarn.scheduler.capacity.root.default.user-limit-factor", 1);
        conf.set("yarn.scheduler.capacity.root.default.state", "RUNNING");
        conf.set("yarn.scheduler.capacity.root.default.acl_submit_applications", "*");
        conf.set("yarn.scheduler.capacity.root.default.acl_administer_queue", "*");
        conf.setInt("yarn.scheduler.capacity.node-locality-delay", -1);
        // Both applications' masters at once (the default, 10% of the node, admits one).
        conf.setFloat("yarn.scheduler.capacity.maximum-am-resource-percent", 0.5f);
        deleteTree(yarnWorkDir()); // containers' logs of earlier runs
        try {
            yarn = new MiniYARNCluster("sparkgan-yarn-test", 1, 1, 1);
            yarn.init(conf);
            yarn.start();
        } catch (RuntimeException e) {
            Assumptions.abort("MiniYARNCluster could not start here (" + e + "): YARN runs skipped");
        }
        waitForResourceManagerAddress();
        assertTrue(yarn.waitForNodeManagersToConnect(60_000), "the NodeManager registered with the ResourceManager");

        hadoopConfDir = Files.createDirectory(work.resolve("hadoop-conf"));
        Configuration core = new Configuration(false);
        core.set("fs.defaultFS", dfs);
        try (OutputStream out = Files.newOutputStream(hadoopConfDir.resolve("core-site.xml"))) {
            core.writeXml(out);
        }
        try (OutputStream out = Files.newOutputStream(hadoopConfDir.resolve("yarn-site.xml"))) {
            yarn.getConfig().writeXml(out);
        }
        submitEnv = new HashMap<>(ThinAppJar.env(root, work));
        submitEnv.put("HADOOP_CONF_DIR", hadoopConfDir.toString());
        System.out.printf("MiniDFSCluster + MiniYARNCluster started in %.1f s%n", seconds(start));

        start = System.nanoTime();
        DeployScript.Run archive = script(List.of("deploy/yarn/sparkgan-yarn", "archive", dfs + "/apps/spark/spark-jars.zip"),
                submitEnv, work.resolve("archive.log()"), 180);
        assertEquals(0, archive.code(), archive.log());
        assertTrue(hdfs.getFileSystem().exists(new org.apache.hadoop.fs.Path("/apps/spark/spark-jars.zip")), archive.log());
        submitEnv.put("SPARK_YARN_ARCHIVE", dfs + "/apps/spark/spark-jars.zip");
        System.out.printf("Spark jars archive on HDFS in %.1f s%n", seconds(start));
    }

    @AfterAll
    void stop() throws IOException {
        if (yarn != null) yarn.stop();
        if (hdfs != null) hdfs.shutdown();
        if (work != null) deleteTree(work);
    }

    /** Where MiniYARNCluster keeps its NodeManager's directories (under target/test/data). */
    private static Path yarnWorkDir() {
        return Path.of(System.getProperty("user.dir"), "target", "test", "data", "sparkgan-yarn-test");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    @Test
    void clientAndClusterModeOnYarnEqualLocalMode() throws Exception {
        // Both submissions at once (the NodeManager has room for both): most of their time is
        // waiting on YARN (uploads, localisation, container start), not computing.
        long start = System.nanoTime();
        Path clientRuns = work.resolve("client-runs");
        // A path without a scheme is on fs.defaultFS (HDFS here, as on a cluster): file: keeps it local.
        Submission clientRun = submit("client", clientRuns.toUri().toString());
        Submission clusterRun = submit("cluster", dfs + "/runs-cluster");

        Path localRuns = work.resolve("local-runs");
        List<String> local = new ArrayList<>(TRAIN);
        local.addAll(List.of("--set", "data.path=" + dfs + "/data/points", "--set", "run.output=" + localRuns,
                "--master", "local[2]", "--spark-conf", "spark.ui.enabled=false"));
        Cli.Result ran = Cli.run(local.toArray(String[]::new));
        assertEquals(0, ran.code(), ran.err());
        Checkpoint reference = Checkpoint.fromBytes(Files.readAllBytes(localRuns.resolve("gaussian2d/model.ckpt")),
                "local");
        assertEquals(ROUNDS, reference.roundsDone());
        System.out.printf("local[2] reference: %.1f s%n", seconds(start));

        String clientLog = clientRun.await();
        System.out.printf("YARN client mode: %.1f s%n", seconds(start));
        Path clientModel = clientRuns.resolve("gaussian2d/model.ckpt");
        assertTrue(Files.exists(clientModel), "client mode wrote its run here:\n" + clientLog);
        Checkpoint client = Checkpoint.fromBytes(Files.readAllBytes(clientModel), "client");

        clusterRun.await();
        System.out.printf("YARN cluster mode: %.1f s%n", seconds(start));
        Checkpoint cluster;
        try (var in = hdfs.getFileSystem().open(new org.apache.hadoop.fs.Path("/runs-cluster/gaussian2d/model.ckpt"))) {
            cluster = Checkpoint.fromBytes(in.readAllBytes(), "cluster");
        }

        for (Map.Entry<String, Checkpoint> onYarn : Map.of("client", client, "cluster", cluster).entrySet()) {
            Checkpoint c = onYarn.getValue();
            assertEquals(ROUNDS, c.roundsDone());
            double dG = maxAbsDifference(c.thetaG().floats(), reference.thetaG().floats());
            double dD = maxAbsDifference(c.thetaD().floats(), reference.thetaD().floats());
            System.out.printf("YARN %s mode vs local mode: max |difference| G %.3g, D %.3g%n", onYarn.getKey(), dG, dD);
            assertTrue(dG <= 1e-6 && dD <= 1e-6, onYarn.getKey() + " mode: parameters within 1e-6 of local mode's, G "
                    + dG + ", D " + dD);
        }
        List<RMApp> apps = new ArrayList<>(yarn.getResourceManager().getRMContext().getRMApps().values());
        String seen = apps.stream().map(a -> a.getName() + " " + a.getState() + " " + a.getFinalApplicationStatus())
                .toList().toString();
        // Cluster mode: YARN's final status is the driver's outcome. Client mode: the application
        // is named by the driver's SparkContext, and its AM only launches executors (its final
        // status may still be UNDEFINED when the driver has exited): that it ran is what counts.
        assertTrue(apps.stream().anyMatch(a -> a.getName().equals("sparkgan-cluster")
                && a.getFinalApplicationStatus() == FinalApplicationStatus.SUCCEEDED), "cluster mode succeeded: " + seen);
        assertTrue(apps.stream().anyMatch(a -> a.getName().equals("sparkgan train gaussian2d")),
                "client mode's application ran on YARN: " + seen);
        System.out.println("YARN applications: " + seen);
    }

    private static double maxAbsDifference(float[] a, float[] b) {
        assertEquals(a.length, b.length, "parameter count");
        double max = 0;
        for (int i = 0; i < a.length; i++) max = Math.max(max, Math.abs((double) a[i] - b[i]));
        return max;
    }

    /** A sparkgan-yarn process under way, its output going to {@code log}. */
    private final class Submission {
        private final Process process;
        private final Path log;

        Submission(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        /** Waits for the submission to end and checks it succeeded; returns its output. */
        String await() throws Exception {
            boolean done = process.waitFor(SUBMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!done) process.destroyForcibly();
            String output = Files.readString(log);
            // Messages built only on failure: containerLogs() reads directories YARN is still cleaning.
            if (!done) fail("timed out after " + SUBMIT_TIMEOUT_SECONDS + " s:\n" + output + containerLogs());
            if (process.exitValue() != 0) fail("exit code " + process.exitValue() + ":\n" + output + containerLogs());
            return output;
        }
    }

    /** Starts the training through deploy/yarn/sparkgan-yarn in {@code mode}. */
    private Submission submit(String mode, String runOutput) throws IOException {
        Map<String, String> env = new HashMap<>(submitEnv);
        env.put("EXECUTORS", "2");
        env.put("EXECUTOR_CORES", "1");
        env.put("EXECUTOR_MEMORY", "512m");
        env.put("EXECUTOR_OVERHEAD", "512m");
        env.put("DRIVER_MEMORY", "768m");
        env.put("DRIVER_OVERHEAD", "512m");
        env.put("AM_MEMORY", "256m");
        // The NodeManager runs in this JVM: its containers get this Java (17) and loopback only.
        env.put("YARN_JAVA_HOME", System.getProperty("java.home"));
        env.put("SPARKGAN_YARN_EXTRA", "--conf spark.ui.enabled=false"
                + " --conf spark.yarn.appMasterEnv.SPARK_LOCAL_IP=127.0.0.1"
                + " --conf spark.executorEnv.SPARK_LOCAL_IP=127.0.0.1");
        List<String> cmd = new ArrayList<>(List.of("deploy/yarn/sparkgan-yarn", mode));
        cmd.addAll(TRAIN);
        cmd.addAll(List.of("--set", "data.path=" + dfs + "/data/points", "--set", "run.output=" + runOutput));
        Path log = work.resolve(mode + ".log");
        return new Submission(start(cmd, env, log), log);
    }

    /** Binds every ResourceManager and NodeManager endpoint to 127.0.0.1 (ephemeral ports). */
    private static void loopbackOnly(Configuration conf) {
        conf.set("yarn.resourcemanager.hostname", "127.0.0.1");
        for (String key : List.of("yarn.resourcemanager.address", "yarn.resourcemanager.scheduler.address",
                "yarn.resourcemanager.resource-tracker.address", "yarn.resourcemanager.admin.address",
                "yarn.resourcemanager.webapp.address", "yarn.nodemanager.address",
                "yarn.nodemanager.localizer.address", "yarn.nodemanager.webapp.address",
                "yarn.nodemanager.collector-service.address", "yarn.sharedcache.uploader.server.address")) {
            conf.set(key, "127.0.0.1:0");
        }
        conf.set("yarn.nodemanager.hostname", "127.0.0.1");
        conf.set("yarn.resourcemanager.bind-host", "127.0.0.1");
        conf.set("yarn.nodemanager.bind-host", "127.0.0.1");
    }

    /** MiniYARNCluster may return from start() before the RM has put its real port in the config. */
    private void waitForResourceManagerAddress() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (yarn.getConfig().get(YarnConfiguration.RM_ADDRESS).endsWith(":0")) {
            assertTrue(System.nanoTime() < deadline, "the ResourceManager never published its address");
            Thread.sleep(100);
        }
    }

    /** The tails of the containers' stdout/stderr files, for a failure message. */
    private String containerLogs() {
        StringBuilder s = new StringBuilder("\n--- container logs ---\n");
        Path base = yarnWorkDir();
        try (Stream<Path> files = Files.walk(base)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("std(out|err)")).toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                s.append("== ").append(f).append('\n')
                        .append(lines.subList(Math.max(0, lines.size() - 60), lines.size()).stream()
                                .collect(Collectors.joining("\n"))).append('\n');
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            s.append("(no container logs: ").append(e).append(")\n");
        }
        return s.toString();
    }

    private void writeHdfs(String path, String content) throws IOException {
        try (OutputStream out = hdfs.getFileSystem().create(new org.apache.hadoop.fs.Path(path))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String rows(int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < to; i++) s.append(Math.sin(i)).append(',').append(Math.cos(i) * 0.5).append('\n');
        return s.toString();
    }

    private Process start(List<String> cmd, Map<String, String> env, Path log) throws IOException {
        return DeployScript.start(root, work, cmd, env, log);
    }

    private DeployScript.Run script(List<String> cmd, Map<String, String> env, Path log, int timeoutSeconds)
            throws Exception {
        return DeployScript.run(root, work, cmd, env, log, timeoutSeconds);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
