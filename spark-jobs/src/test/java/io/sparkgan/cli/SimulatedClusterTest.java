package io.sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sparkgan.run.Checkpoint;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code deploy/bench/sim-cluster}: a master and 2 workers, each in its own network namespace,
 * links shaped by tc, authentication on. Set-up (namespaces, addresses only inside them, shaped
 * links), a ring8 run submitted into the head namespace whose parameters equal local mode's, and
 * clean-up: by {@code stop}, by {@code cleanup} after a crash, and by the script itself when a start
 * fails. Skipped, with the reason, where network namespaces cannot be created (not root, no ip
 * netns, no veth, bridge or tbf).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulatedClusterTest {
    private static final int ROUNDS = 10;
    private static final String SUBNET = "10.77.0";
    private static final List<String> TRAIN = List.of("train", "-c", "ring8", "--set", "train.rounds=" + ROUNDS,
            "--set", "data.examples=2000", "--set", "train.batch-per-partition=32",
            "--set", "model.generator-hidden=[32,32]", "--set", "model.discriminator-hidden=[32,32]",
            "--set", "checkpoint.every=0", "--set", "log.progress=false");

    private final Path root = Path.of(System.getProperty("user.dir")).getParent();
    // Namespaces of this test only (NAME-head, NAME-br, NAME-w1 ...), whatever else runs here.
    private final String name = "sgt" + ProcessHandle.current().pid() % 100_000;
    private Path work;
    private Path clusterDir;
    private String netemCheck;

    @BeforeAll
    void canCreateNamespaces() throws Exception {
        work = Files.createTempDirectory("sparkgan-sim-test");
        clusterDir = work.resolve("cluster");
        Run check = sim(List.of("check"), "check", 60);
        netemCheck = check.log;
        assumeTrue(check.code == 0, "simulated cluster tests skipped: " + check.log.trim());
    }

    @AfterAll
    void removeEverything() throws Exception {
        if (work == null) return;
        sim(List.of("cleanup"), "final-cleanup", 60);
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    @Test
    @Order(1)
    void setUpPutsEveryHostInItsOwnNamespaceWithShapedLinks() throws Exception {
        Run started = sim(List.of("start", "--workers", "2", "--link", "1gbit"), "start", 300);
        assertEquals(0, started.code, started.log);
        assertEquals(List.of(name + "-br", name + "-head", name + "-w1", name + "-w2"), namespaces());
        for (String host : List.of("head", "w1", "w2")) {
            String qdisc = run("ip", "netns", "exec", name + "-" + host, "tc", "qdisc", "show", "dev", "eth0");
            assertTrue(qdisc.contains("tbf") && qdisc.contains("rate 1Gbit"), host + " sends at 1 Gbit/s: " + qdisc);
            String port = run("ip", "netns", "exec", name + "-br", "tc", "qdisc", "show", "dev", host);
            assertTrue(port.contains("tbf") && port.contains("rate 1Gbit"), host + " receives at 1 Gbit/s: " + port);
        }
        assertTrue(run("ip", "-n", name + "-w2", "-4", "addr", "show", "eth0").contains(SUBNET + ".12/24"));
        assertFalse(run("ip", "-4", "addr").contains(SUBNET + "."), "no address of the cluster on the host");
        String master = Files.readString(clusterDir.resolve("logs/master.log"));
        assertTrue(master.contains("Registering worker " + SUBNET + ".11:"), master);
        assertTrue(master.contains("Registering worker " + SUBNET + ".12:"), master);
        assertEquals("spark://" + SUBNET + ".1:7077", sim(List.of("url"), "url", 30).log.trim());
    }

    @Test
    @Order(2)
    void twoWorkerRunEqualsLocalMode() throws Exception {
        Path clusterRuns = work.resolve("cluster-runs");
        List<String> submit = new ArrayList<>(List.of("submit", "--executor-memory", "512m", "--executor-cores", "1",
                "--driver-memory", "1g", "--conf", "spark.ui.enabled=false",
                "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0"));
        submit.addAll(TRAIN);
        submit.addAll(List.of("--set", "run.output=" + clusterRuns));
        Map<String, String> app = ThinAppJar.env(root, work);
        Run cluster = script(withSim(submit), app, work.resolve("submit.log"), 240);
        assertEquals(0, cluster.code, cluster.log);
        assertTrue(cluster.log.contains("master spark://" + SUBNET + ".1:7077"), cluster.log);
        List<String> launched = Files.readString(clusterDir.resolve("logs/master.log")).lines()
                .filter(l -> l.contains("Launching executor")).toList();
        assertTrue(launched.stream().anyMatch(l -> l.contains(SUBNET + ".11"))
                && launched.stream().anyMatch(l -> l.contains(SUBNET + ".12")), "an executor on each worker: " + launched);

        Path localRuns = work.resolve("local-runs");
        List<String> args = new ArrayList<>(TRAIN);
        args.addAll(List.of("--set", "run.output=" + localRuns, "--master", "local[2]", "--spark-conf",
                "spark.ui.enabled=false"));
        Cli.Result local = Cli.run(args.toArray(String[]::new));
        assertEquals(0, local.code(), local.err());
        Checkpoint onCluster = model(clusterRuns);
        Checkpoint reference = model(localRuns);
        assertEquals(ROUNDS, onCluster.roundsDone());
        assertTrue(onCluster.thetaG().contentEquals(reference.thetaG()), "G parameters bit-identical to local mode");
        assertTrue(onCluster.thetaD().contentEquals(reference.thetaD()), "D parameters bit-identical to local mode");
    }

    @Test
    @Order(3)
    void stopRemovesNamespacesAndProcesses() throws Exception {
        List<Long> pids = daemonPids();
        assertEquals(3, pids.size(), "master and 2 workers were running");
        Run stopped = sim(List.of("stop"), "stop", 60);
        assertEquals(0, stopped.code, stopped.log);
        assertEquals(List.of(), namespaces());
        for (long pid : pids) assertFalse(ProcessHandle.of(pid).isPresent(), "daemon " + pid + " ended");
        assertEquals(3, sim(List.of("status"), "status-after-stop", 30).code, "status: nothing running");
    }

    @Test
    @Order(4)
    void cleanupRemovesWhatACrashedRunLeft() throws Exception {
        Run started = sim(List.of("start", "--workers", "1"), "start-crash", 300);
        assertEquals(0, started.code, started.log);
        // The crash: the master dies with SIGKILL; the worker and the namespaces stay behind.
        long master = Long.parseLong(Files.readString(clusterDir.resolve("pids/master.pid")).trim());
        long worker = Long.parseLong(Files.readString(clusterDir.resolve("pids/worker-1.pid")).trim());
        ProcessHandle.of(master).ifPresent(ProcessHandle::destroyForcibly);
        assertTrue(ProcessHandle.of(worker).isPresent());
        assertEquals(List.of(name + "-br", name + "-head", name + "-w1"), namespaces());

        Run cleaned = sim(List.of("cleanup"), "cleanup", 60);
        assertEquals(0, cleaned.code, cleaned.log);
        assertEquals(List.of(), namespaces());
        assertTrue(ProcessHandle.of(worker).map(p -> waitGone(p)).orElse(true), "the worker inside its namespace ended");
    }

    @Test
    @Order(5)
    void aStartThatFailsRemovesWhatItMade() throws Exception {
        // The master's JVM cannot start with a 1 KB heap: by then the namespaces and links exist.
        Run failed = sim(List.of("start", "--workers", "2", "--daemon-heap", "1k"), "start-fails", 200);
        assertNotEquals(0, failed.code, failed.log);
        assertTrue(failed.log.contains("the master exited at start"), failed.log);
        assertTrue(failed.log.contains("start failed; removing what it made"), failed.log);
        assertEquals(List.of(), namespaces());

        Run tooBig = sim(List.of("start", "--workers", "2", "--worker-memory", "100000g"), "start-too-big", 60);
        assertEquals(2, tooBig.code, tooBig.log);
        assertTrue(tooBig.log.contains("but MemAvailable is"), tooBig.log);
        assertEquals(List.of(), namespaces());
    }

    @Test
    @Order(6)
    void latencyNeedsNetem() throws Exception {
        Run withLatency = sim(List.of("start", "--workers", "1", "--latency", "0.5"), "start-latency", 150);
        if (netemCheck.contains("tc netem is available")) {
            assertEquals(0, withLatency.code, withLatency.log);
            String qdisc = run("ip", "netns", "exec", name + "-w1", "tc", "qdisc", "show", "dev", "eth0");
            assertTrue(qdisc.contains("netem") && qdisc.contains("delay 500us"), qdisc);
            assertEquals(0, sim(List.of("stop"), "stop-latency", 60).code);
        } else {
            assertEquals(2, withLatency.code, withLatency.log);
            assertTrue(withLatency.log.contains("--latency needs tc's netem qdisc, which this kernel lacks"),
                    withLatency.log);
        }
        assertEquals(List.of(), namespaces());
    }

    private static boolean waitGone(ProcessHandle p) {
        try {
            p.onExit().get(20, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** This test's namespaces, sorted. */
    private List<String> namespaces() throws Exception {
        return run("ip", "netns", "list").lines().map(l -> l.split(" ")[0]).filter(n -> n.startsWith(name + "-"))
                .sorted().toList();
    }

    private List<Long> daemonPids() throws IOException {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> files = Files.list(clusterDir.resolve("pids"))) {
            for (Path f : files.toList()) pids.add(Long.parseLong(Files.readString(f).trim()));
        }
        return pids;
    }

    private static Checkpoint model(Path runs) throws IOException {
        return Checkpoint.fromBytes(Files.readAllBytes(runs.resolve("ring8/model.ckpt")), "model.ckpt");
    }

    private record Run(int code, String log) {
    }

    private List<String> withSim(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("bash", root.resolve("deploy/bench/sim-cluster").toString(),
                args.get(0), "--name", name, "--dir", clusterDir.toString()));
        cmd.addAll(args.subList(1, args.size()));
        return cmd;
    }

    private Run sim(List<String> args, String logName, int timeoutSeconds) throws Exception {
        return script(withSim(args), Map.of(), work.resolve(logName + ".log"), timeoutSeconds);
    }

    private Run script(List<String> cmd, Map<String, String> env, Path log, int timeoutSeconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        pb.environment().remove("SPARK_HOME");
        Process p = pb.start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly();
        return new Run(done ? p.exitValue() : -1, Files.readString(log));
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }
}
