package io.sparkgan.ml;

import static org.apache.spark.sql.functions.expr;

import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The driver of {@link LargeDataFrameFitTest}, run in its own JVM with a small heap: makes a
 * DataFrame on the executors ({@code rows} examples of {@code dim} floats, from spark.range, so it
 * never exists on the driver) and fits a small GAN on it. Prints one line with what it did:
 * {@code FIT rows=R dim=D bytes=B driverHeap=H rounds=N executors=E}.
 */
public final class LargeDataFrameFit {
    private LargeDataFrameFit() {}

    /**
     * @param args master URL, rows, values per row, executor JVM options
     */
    public static void main(String[] args) {
        String master = args[0];
        long rows = Long.parseLong(args[1]);
        int dim = Integer.parseInt(args[2]);
        SparkSession spark = SparkSession.builder().master(master).appName("sparkgan large DataFrame fit")
                .config("spark.executor.memory", "1400m")
                .config("spark.executor.extraJavaOptions", args[3])
                .config("spark.executorEnv.OMP_NUM_THREADS", "1")
                .config("spark.ui.enabled", "false")
                .getOrCreate();
        try {
            // Each row's values from its id, computed where the partition is: nothing built on the driver.
            Dataset<Row> data = spark.range(0, rows, 1, 2).select(expr("array_repeat(cast(sin(id * 0.011) * 0.8 as float), "
                    + dim + ") as features"));
            GanModel model = new GanEstimator().setSeed(1).setRounds(3).setBatchPerPartition(32).setLatentDim(8)
                    .setGeneratorHidden(new int[] {16}).setDiscriminatorHidden(new int[] {16})
                    .setSamplesEveryRounds(0).setCheckpointEvery(0).fit(data);
            int executors = spark.sparkContext().getExecutorMemoryStatus().size() - 1; // block managers but the driver's
            System.out.printf(Locale.ROOT, "FIT rows=%d dim=%d bytes=%d driverHeap=%d rounds=%d executors=%d%n", rows,
                    model.dataDim(), rows * model.dataDim() * 4L, Runtime.getRuntime().maxMemory(),
                    model.checkpoint().roundsDone(), executors);
        } finally {
            spark.stop();
        }
    }
}
