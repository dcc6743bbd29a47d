package io.sparkgan.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the SparkContext for local runs and for spark-submit alike. */
public final class SparkContexts {
    /** Master used when neither --master nor spark-submit gives one. */
    public static final String DEFAULT_MASTER = "local[2]";

    private static final Logger LOG = LoggerFactory.getLogger(SparkContexts.class);
    private static final AtomicInteger CREATED = new AtomicInteger();

    private SparkContexts() {}

    /** Contexts this JVM has created (tests check a bad config never gets this far). */
    public static int created() {
        return CREATED.get();
    }

    /** The configuration {@link #create} starts a context with: sparkgan's defaults, then {@code extraConf}. */
    static SparkConf conf(String appName, String master, Map<String, String> extraConf) {
        SparkConf conf = new SparkConf().setAppName(appName);
        if (master != null) conf.setMaster(master);
        else if (!conf.contains("spark.master")) conf.setMaster(DEFAULT_MASTER);
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        // Task results and broadcasts carry whole parameter vectors (MBs each phase):
        // - results up to 100 MB go straight back with the task status instead of through the block
        //   manager (the 1 MB default added a fetch round trip per task, ~10 ms a phase measured);
        // - broadcasts are float noise that LZ4 cannot shrink, so compressing them only costs time.
        conf.setIfMissing("spark.driver.maxResultSize", "2g");
        conf.setIfMissing("spark.task.maxDirectResultSize", "100m");
        conf.setIfMissing("spark.broadcast.compress", "false");
        // Kryo for Spark's own objects and ND4J arrays, Java serialisation (a raw block copy) for
        // sparkgan's classes: SparkganKryoRegistrator says why. The same under spark-submit
        // (conf/spark-defaults.conf) and in local mode.
        conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        conf.setIfMissing("spark.kryo.registrator", SparkganKryoRegistrator.class.getName());
        extraConf.forEach(conf::set);
        readStandaloneSecret(conf);
        return conf;
    }

    /**
     * The Hadoop configuration that a context created with these options has
     * ({@code sc.hadoopConfiguration()}: Spark's own builder, with every spark.hadoop.* setting),
     * for what must be read before Spark starts, e.g. the checkpoint whose config names the run,
     * or in commands that run without Spark.
     *
     * @param master as for {@link #create}
     * @param extraConf as for {@link #create}
     */
    public static Configuration hadoopConfiguration(String master, Map<String, String> extraConf) {
        return SparkHadoopUtil.get().newConfiguration(conf("sparkgan", master, extraConf));
    }

    /**
     * A context named {@code appName}. {@code master} (may be null) wins over spark.master from
     * spark-submit; local masters bind to 127.0.0.1 unless told otherwise.
     */
    public static JavaSparkContext create(String appName, String master, Map<String, String> extraConf) {
        SparkConf conf = conf(appName, master, extraConf);
        CREATED.incrementAndGet();
        JavaSparkContext sc = new JavaSparkContext(conf);
        boolean standalone = conf.get("spark.master").startsWith("spark://");
        if (sc.sc().isStopped() || standalone && !sc.sc().applicationId().startsWith("app-")) {
            // A standalone master that never answered (after Spark's 3 x 20 s of retries) leaves a
            // context without an application id that is being stopped; say why instead of failing
            // later with "SparkContext has been shutdown".
            sc.close();
            throw new IllegalStateException("the Spark master " + conf.get("spark.master") + " did not accept this"
                    + " application; the log above says why (\"SASL\" or \"Mismatched response\" there: the cluster"
                    + " requires authentication with another secret, see docs/deploy.md)");
        }
        sc.setLogLevel(System.getProperty("sparkgan.sparkLogLevel", "WARN"));
        return sc;
    }

    /**
     * A standalone master accepts a driver only with the cluster's secret in
     * {@code spark.authenticate.secret}, and Spark reads {@code spark.authenticate.secret.file}
     * only on YARN, Kubernetes and local masters. For {@code spark://} masters the secret is read
     * here from that file, so it never has to appear on a command line (which every user can see).
     */
    static void readStandaloneSecret(SparkConf conf) {
        String file = conf.get("spark.authenticate.secret.file", null);
        if (file == null || !conf.getBoolean("spark.authenticate", false) || conf.contains("spark.authenticate.secret")
                || !conf.get("spark.master").startsWith("spark://")) {
            return;
        }
        String secret;
        try {
            secret = Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the cluster secret file " + file
                    + " (spark.authenticate.secret.file): " + e, e);
        }
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("the cluster secret file " + file + " is empty");
        }
        conf.set("spark.authenticate.secret", secret);
    }

    /**
     * On a cluster, waits (at most spark.scheduler.maxRegisteredResourcesWaitingTime, default 30 s)
     * until executors with {@code slots} task slots have registered. The data blocks are cached
     * where the first job's tasks run, and later tasks stay with their block: if the first job
     * started on the one executor that happened to be up, every round would run all partitions
     * there. (Spark's own minRegisteredResourcesRatio does not help on standalone without
     * spark.cores.max.) Local masters and an explicit spark.default.parallelism skip the wait.
     */
    public static void awaitTaskSlots(JavaSparkContext sc, int slots) {
        SparkConf conf = sc.getConf();
        if (conf.get("spark.master").startsWith("local") || conf.contains("spark.default.parallelism")) return;
        // What the application asked for caps what it can get: standalone's spark.cores.max,
        // YARN's and Kubernetes' executor instances x cores.
        if (conf.contains("spark.cores.max")) slots = Math.min(slots, conf.getInt("spark.cores.max", slots));
        if (conf.contains("spark.executor.instances")) {
            slots = Math.min(slots, conf.getInt("spark.executor.instances", slots) * conf.getInt("spark.executor.cores", 1));
        }
        long waitMs = conf.getTimeAsMs("spark.scheduler.maxRegisteredResourcesWaitingTime", "30s");
        long deadline = System.nanoTime() + waitMs * 1_000_000L;
        // Coarse-grained backends report the registered cores as the default parallelism.
        while (sc.defaultParallelism() < slots && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (sc.defaultParallelism() < slots) {
            LOG.warn("{} task slots registered after {} ms, fewer than the {} partitions: some executors will run"
                    + " several partitions in turn", sc.defaultParallelism(), waitMs, slots);
        }
    }

    /** The Spark version on the classpath. */
    public static String sparkVersion() {
        return org.apache.spark.package$.MODULE$.SPARK_VERSION();
    }
}
