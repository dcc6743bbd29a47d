package io.sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.run.Checkpoint;
import io.sparkgan.util.Json;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real Spark standalone cluster on 127.0.0.1 (master + 2 workers of 1 core, each a JVM started
 * by {@code deploy/standalone-cluster} from the Maven jars, with authentication), and ring8
 * training submitted through {@code deploy/spark-submit-sparkgan}: the same parameters as local
 * mode; the same parameters again when an executor JVM is killed with kill -9 mid-run; and a
 * client without the secret is refused. One cluster serves all tests.
 *
 * <p>The application goes in as a thin jar of our classes plus its dependency jars (--jars),
 * because {@code mvn test} runs before the package phase builds the shaded jar. To test the
 * shaded jar itself: {@code -Dsparkgan.test.appJar=spark-jobs/target/sparkgan-spark-*-spark.jar}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterTest {
    private static final int ROUNDS = 20;
    private static final List<String> TRAIN = List.of("train", "-c", "ring8", "--set", "train.rounds=" + ROUNDS,
            "--set", "data.examples=2000", "--set", "train.batch-per-partition=32",
            "--set", "model.generator-hidden=[32,32]", "--set", "model.discriminator-hidden=[32,32]",
            "--set", "checkpoint.every=0", "--set", "log.progress=false");

    private final Path root = Path.of(System.getProperty("user.dir")).getParent();
    private Path work;
    private Path clusterDir;
    private String masterUrl;
    private Map<String, String> appEnv;
    private Checkpoint undisturbed;

    @BeforeAll
    void startCluster() throws Exception {
        work = Files.createTempDirectory("sparkgan-cluster-test");
        clusterDir = work.resolve("cluster");
        appEnv = applicationEnv();
        int port = freePort();
        masterUrl = "spark://127.0.0.1:" + port;
        long start = System.nanoTime();
        DeployScript.Run started = script(List.of("deploy/standalone-cluster", "start", "--workers", "2", "--port", "" + port,
                "--webui-port", "" + freePort(), "--worker-memory", "1g", "--dir", clusterDir.toString()),
                Map.of(), work.resolve("cluster-start.log"), 300);
        assertEquals(0, started.code(), started.log());
        System.out.printf("standalone cluster (master + 2 workers) started in %.1f s%n", seconds(start));
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (clusterDir != null) {
            script(List.of("deploy/standalone-cluster", "stop", "--dir", clusterDir.toString()), Map.of(),
                    work.resolve("cluster-stop.log"), 60);
        }
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    @Test
    @Order(1)
    void clusterIsBoundToLoopbackAndSecretIsPrivate() throws Exception {
        Path secret = clusterDir.resolve("secret");
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(secret));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(clusterDir.resolve("daemon.properties")));
        String value = Files.readString(secret).trim();
        assertEquals(64, value.length(), "256 random bits in hex");
        DeployScript.Run status = script(List.of("deploy/standalone-cluster", "status", "--dir", clusterDir.toString()), Map.of(),
                work.resolve("status.log()"), 30);
        assertEquals(0, status.code(), status.log());
        assertFalse(status.log().contains(value), "status never prints the secret");
        List<String> sockets = status.log().lines().filter(l -> l.startsWith("  ")).map(String::trim).toList();
        assertTrue(sockets.size() >= 4, "master RPC + UI, 2 workers: " + status.log());
        for (String s : sockets) {
            assertTrue(s.startsWith("127.0.0.1:") || s.startsWith("[::ffff:127.0.0.1]:"), "bound to loopback only: " + s);
        }
        for (Path log : List.of(clusterDir.resolve("logs/master.log"), clusterDir.resolve("logs/worker-1.log"))) {
            assertFalse(Files.readString(log).contains(value), "no secret in " + log);
        }
    }

    @Test
    @Order(2)
    void submittedRunOnTheClusterEqualsLocalMode() throws Exception {
        Checkpoint cluster = undisturbedClusterRun();
        long start = System.nanoTime();
        Path out = work.resolve("local-runs");
        List<String> args = new ArrayList<>(TRAIN);
        args.addAll(List.of("--set", "run.output=" + out, "--master", "local[2]", "--spark-conf", "spark.ui.enabled=false"));
        Cli.Result local = Cli.run(args.toArray(String[]::new));
        assertEquals(0, local.code(), local.err());
        Checkpoint reference = model(out);
        System.out.printf("local[2] run: %.1f s%n", seconds(start));
        assertEquals(ROUNDS, cluster.roundsDone());
        assertTrue(cluster.thetaG().contentEquals(reference.thetaG()), "G parameters bit-identical to local mode");
        assertTrue(cluster.thetaD().contentEquals(reference.thetaD()), "D parameters bit-identical to local mode");
    }

    @Test
    @Order(3)
    void killMinusNineOfAnExecutorMidRunFinishesWithTheSameParameters() throws Exception {
        Checkpoint expected = undisturbedClusterRun();
        Path out = work.resolve("kill-runs");
        long start = System.nanoTime();
        Process driver = submit(out, work.resolve("kill-driver.log"));
        ProcessHandle victim;
        try {
            Path metrics = out.resolve("ring8/metrics.jsonl");
            waitFor(() -> metricsRounds(metrics) >= ROUNDS / 3, driver, work.resolve("kill-driver.log"), 240);
            List<ProcessHandle> executors = executors();
            assertEquals(2, executors.size(), "one executor per worker: " + executors);
            victim = executors.get(0);
            assertTrue(victim.destroyForcibly(), "SIGKILL sent"); // kill -9
            assertTrue(victim.onExit().get(20, TimeUnit.SECONDS) != null);
            assertTrue(metricsRounds(metrics) < ROUNDS, "the kill came before the end");
            assertTrue(driver.waitFor(240, TimeUnit.SECONDS), "driver finished");
        } finally {
            driver.destroyForcibly();
        }
        String log = Files.readString(work.resolve("kill-driver.log"));
        assertEquals(0, driver.exitValue(), log);
        assertTrue(log.contains("Lost executor"), "Spark saw the executor die:\n" + log);
        Checkpoint killed = model(out);
        assertEquals(ROUNDS, killed.roundsDone());
        assertTrue(killed.thetaG().contentEquals(expected.thetaG()), "G identical to the undisturbed run");
        assertTrue(killed.thetaD().contentEquals(expected.thetaD()), "D identical to the undisturbed run");
        System.out.printf("executor pid %d killed mid-run; run finished in %.1f s with identical parameters%n",
                victim.pid(), seconds(start));
    }

    @Test
    @Order(4)
    void clientsWithoutTheSecretAreRefused() throws Exception {
        String master = Files.readString(clusterDir.resolve("logs/master.log"));
        long appsBefore = master.lines().filter(l -> l.contains("Registering app")).count();

        // The wrapper refuses to submit to a spark:// master without a readable secret file.
        Map<String, String> noFile = new java.util.HashMap<>(appEnv);
        noFile.put("SPARKGAN_SECRET_FILE", work.resolve("no-such-secret").toString());
        DeployScript.Run refused = script(submitCommand(work.resolve("refused-runs")), noFile, work.resolve("refused.log()"), 60);
        assertEquals(2, refused.code(), refused.log());
        assertTrue(refused.log().contains("no readable secret file"), refused.log());

        // A client with a wrong secret, and plain spark-submit with no authentication at all: the
        // master rejects the connection (SASL) and never registers the application.
        Path wrong = work.resolve("wrong-secret");
        Files.writeString(wrong, "0".repeat(64));
        Map<String, String> wrongEnv = new java.util.HashMap<>(appEnv);
        wrongEnv.put("SPARKGAN_SECRET_FILE", wrong.toString());
        Path wrongLog = work.resolve("wrong-secret.log");
        Process withWrongSecret = start(submitCommand(work.resolve("wrong-runs")), wrongEnv, wrongLog);
        Path plainLog = work.resolve("no-auth.log");
        List<String> plain = new ArrayList<>(submitCommand(work.resolve("plain-runs")));
        plain.addAll(1, List.of("--conf", "spark.authenticate=false"));
        Process withoutAuth = start(plain, appEnv, plainLog);
        try {
            waitFor(() -> contains(wrongLog, "Failed to connect to master"), withWrongSecret, wrongLog, 90);
            waitFor(() -> contains(plainLog, "Failed to connect to master"), withoutAuth, plainLog, 90);
        } finally {
            withWrongSecret.destroyForcibly();
            withoutAuth.destroyForcibly();
        }
        assertTrue(contains(wrongLog, "Mismatched response"), Files.readString(wrongLog));
        assertTrue(contains(plainLog, "SASL"), Files.readString(plainLog));
        long appsAfter = Files.readString(clusterDir.resolve("logs/master.log")).lines()
                .filter(l -> l.contains("Registering app")).count();
        assertEquals(appsBefore, appsAfter, "no application registered without the secret");
    }

    /** The ring8 run submitted to the cluster with no disturbance (run once, shared by the tests). */
    private Checkpoint undisturbedClusterRun() throws Exception {
        if (undisturbed == null) {
            Path out = work.resolve("cluster-runs");
            long start = System.nanoTime();
            Process driver = submit(out, work.resolve("cluster-driver.log"));
            boolean done = driver.waitFor(300, TimeUnit.SECONDS);
            driver.destroyForcibly();
            String log = Files.readString(work.resolve("cluster-driver.log"));
            assertTrue(done && driver.exitValue() == 0, log);
            assertTrue(log.contains("master " + masterUrl), log);
            undisturbed = model(out);
            System.out.printf("cluster run (spark-submit, 2 executors): %.1f s%n", seconds(start));
        }
        return undisturbed;
    }

    private Process submit(Path out, Path log) throws IOException {
        return start(submitCommand(out), appEnv, log);
    }

    private List<String> submitCommand(Path out) {
        List<String> cmd = new ArrayList<>(List.of("deploy/spark-submit-sparkgan", "--master", masterUrl,
                "--executor-memory", "768m", "--executor-cores", "1", "--driver-memory", "1g",
                "--conf", "spark.ui.enabled=false"));
        cmd.addAll(TRAIN);
        cmd.addAll(List.of("--set", "run.output=" + out));
        return cmd;
    }

    /** Environment for the wrapper: the cluster's directory (for its secret) and the application. */
    private Map<String, String> applicationEnv() throws IOException {
        Map<String, String> env = ThinAppJar.env(root, work);
        env.put("SPARKGAN_CLUSTER_DIR", clusterDir.toString());
        return env;
    }

    /** This cluster's executor JVMs (their command line names the cluster's SPARK_HOME). */
    private List<ProcessHandle> executors() {
        String home = clusterDir.resolve("spark-home").toString();
        return ProcessHandle.allProcesses().filter(p -> {
            String cmd = String.join(" ", p.info().arguments().orElse(new String[0]));
            return cmd.contains("CoarseGrainedExecutorBackend") && cmd.contains(home);
        }).toList();
    }

    private Process start(List<String> cmd, Map<String, String> env, Path log) throws IOException {
        return DeployScript.start(root, work, cmd, env, log);
    }

    private DeployScript.Run script(List<String> cmd, Map<String, String> env, Path log, int timeoutSeconds)
            throws Exception {
        return DeployScript.run(root, work, cmd, env, log, timeoutSeconds);
    }

    private static void waitFor(BooleanSupplier condition, Process process, Path log, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) throw new AssertionError("process exited early:\n" + Files.readString(log));
            if (System.nanoTime() > deadline) throw new AssertionError("timed out:\n" + Files.readString(log));
            Thread.sleep(100);
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.exists(file) && Files.readString(file).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static int metricsRounds(Path metrics) {
        try {
            int rounds = 0;
            for (String line : Files.readAllLines(metrics)) {
                rounds = Math.max(rounds, Json.mapper().readTree(line).get("round").asInt());
            }
            return rounds;
        } catch (Exception e) {
            return 0; // not there yet, or a torn last line
        }
    }

    private static Checkpoint model(Path runs) throws IOException {
        return Checkpoint.fromBytes(Files.readAllBytes(runs.resolve("ring8/model.ckpt")), "model.ckpt");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
