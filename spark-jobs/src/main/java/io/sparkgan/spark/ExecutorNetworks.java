package io.sparkgan.spark;

import io.sparkgan.gan.GanStepCache;
import io.sparkgan.model.GanModelSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases the networks that executor task threads cached for a training ({@link GanStepCache}),
 * when it ends: one small job with a task per task slot, so every executor runs one while the
 * slots are free, each dropping its JVM's networks of the spec; and the same in the driver's JVM.
 * The caller's context outlives the training (a notebook, a bench of runs), and its executors'
 * threads would otherwise hold two networks per slot until the JVM ends.
 */
final class ExecutorNetworks {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorNetworks.class);

    private ExecutorNetworks() {}

    /**
     * Drops the networks of {@code spec} on the executors and in this JVM. Never throws: a failed
     * release (a stopped context, a lost executor) is logged, since it runs while a training closes,
     * perhaps because of another error.
     *
     * @return the number of threads whose networks were dropped
     */
    static int release(JavaSparkContext sc, GanModelSpec spec) {
        int released = GanStepCache.release(spec);
        if (sc.sc().isStopped()) return released;
        try {
            int slots = Math.max(1, sc.defaultParallelism());
            List<Integer> tasks = new ArrayList<>();
            for (int i = 0; i < slots; i++) tasks.add(i);
            sc.setJobDescription("release networks: the training's cached networks on every executor");
            released += sc.parallelize(tasks, slots).map(i -> GanStepCache.release(spec)).reduce(Integer::sum);
        } catch (RuntimeException e) {
            LOG.warn("Could not release the executors' cached networks of {}: {}", spec.describe(), e.toString());
        }
        LOG.info("Released the cached networks of {} threads", released);
        return released;
    }
}
