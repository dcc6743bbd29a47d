package io.sparkgan.spark;

import io.sparkgan.dataset.HadoopConf;
import io.sparkgan.dataset.Preparation;
import io.sparkgan.dataset.PrepareOptions;
import io.sparkgan.dataset.ShardTask;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code sparkgan prepare} on Spark: the driver plans and commits ({@link Preparation}); one job
 * makes the shards, one task per shard, on the executors:
 * <pre>
 *   parallelize(shard jobs) -> map(ShardTask.run) -> collect(results)
 * </pre>
 */
public final class PrepareJob {
    private PrepareJob() {}

    /** Prepares {@code inputs} into {@code outUri}. */
    public static Preparation.Report run(JavaSparkContext sc, List<String> inputs, String outUri,
                                         PrepareOptions options) {
        HadoopConf conf = new HadoopConf(sc.hadoopConfiguration());
        return Preparation.run(inputs, outUri, options, conf.get(), (jobs, description) -> {
            sc.setJobDescription(description);
            return sc.parallelize(jobs, jobs.size())
                    .map(job -> ShardTask.run(job.item(), job.shardUri(), options, conf.get()))
                    .collect();
        });
    }
}
