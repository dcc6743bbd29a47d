package io.sparkgan.dataset;

import org.apache.hadoop.conf.Configuration;

/** Prepares image sets in tests without Spark: the shard jobs run one after another in this JVM. */
public final class ShardsInThisJvm {
    private ShardsInThisJvm() {}

    /** A runner that makes the shards in job order, as the Spark job would return them. */
    public static Preparation.ShardRunner runner(PrepareOptions options, Configuration conf) {
        return (jobs, description) -> jobs.stream()
                .map(job -> ShardTask.run(job.item(), job.shardUri(), options, conf))
                .toList();
    }
}
