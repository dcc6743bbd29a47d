package io.sparkgan.dataset;

import io.sparkgan.util.DataFormatException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver side of {@code sparkgan prepare}, independent of where the shards are made:
 * <pre>
 *   plan(inputs) -> run one ShardTask per item (ShardRunner: Spark tasks, or this JVM) -> commit(manifest)
 * </pre>
 * Input problems found while planning (no input, nothing usable) fail before any task runs.
 */
public final class Preparation {
    private static final Logger LOG = LoggerFactory.getLogger(Preparation.class);

    private Preparation() {}

    /** One task: an item and the shard file it becomes. */
    public record ShardJob(InputItem item, String shardUri) implements Serializable {
    }

    /** Runs shard jobs and returns their results in job order. */
    @FunctionalInterface
    public interface ShardRunner {
        List<ShardTask.Result> run(List<ShardJob> jobs, String description);
    }

    /** What a preparation did. */
    public record Report(DatasetManifest manifest, String outUri, int tasks, long inputFiles, double seconds) {
        /** Images written per second, over the whole preparation. */
        public double imagesPerSecond() {
            return manifest.count() / seconds;
        }
    }

    /** Prepares {@code inputs} into {@code outUri}, making shards with {@code runner}. */
    public static Report run(List<String> inputs, String outUri, PrepareOptions options, Configuration conf,
                             ShardRunner runner) {
        long start = System.nanoTime();
        InputPlanner.Plan plan = InputPlanner.plan(inputs, options, conf);
        if (plan.items().isEmpty()) {
            StringBuilder sb = new StringBuilder("no PNG, JPEG or IDX file in " + String.join(", ", inputs) + " ("
                    + plan.inputFiles() + " files considered)");
            plan.rejections().stream().limit(5).forEach(r -> sb.append("\n  ").append(r.file()).append(": ")
                    .append(r.reason()));
            throw new DataFormatException(sb.toString());
        }
        long inputImages = plan.items().stream().mapToLong(InputItem::size).sum();
        LOG.info("Preparing {} images ({} files listed, {} refused while listing) as {} into {} shards at {}",
                inputImages, plan.inputFiles(), plan.rejections().size(), options.shape().describe(),
                plan.items().size(), outUri);

        DatasetCommitter committer = DatasetCommitter.begin(outUri, conf);
        try {
            List<ShardJob> jobs = new ArrayList<>();
            for (int i = 0; i < plan.items().size(); i++) jobs.add(new ShardJob(plan.items().get(i), committer.shardUri(i)));
            List<ShardTask.Result> results = runner.run(jobs,
                    "prepare: decode " + inputImages + " images into " + jobs.size() + " shards");
            DatasetManifest manifest = committer.commit(inputs, options, plan, results);
            return new Report(manifest, outUri, jobs.size(), plan.inputFiles(), (System.nanoTime() - start) / 1e9);
        } catch (RuntimeException e) {
            committer.abort();
            throw e;
        }
    }
}
