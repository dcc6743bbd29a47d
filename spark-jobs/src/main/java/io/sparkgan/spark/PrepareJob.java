package io.sparkgan.spark;

import io.sparkgan.data.DataFormatException;
import io.sparkgan.dataset.DatasetCommitter;
import io.sparkgan.dataset.DatasetManifest;
import io.sparkgan.dataset.HadoopConf;
import io.sparkgan.dataset.InputItem;
import io.sparkgan.dataset.InputPlanner;
import io.sparkgan.dataset.PrepareOptions;
import io.sparkgan.dataset.ShardTask;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sparkgan prepare} on Spark. The driver lists the inputs and cuts them into tasks; one
 * job decodes and writes one shard per task on the executors; the driver then commits the
 * manifest:
 * <pre>
 *   plan(inputs) -> parallelize(items).map(ShardTask.run) -> collect(results) -> commit(manifest)
 * </pre>
 */
public final class PrepareJob {
    private static final Logger LOG = LoggerFactory.getLogger(PrepareJob.class);

    private PrepareJob() {}

    /** What a preparation did. */
    public record Report(DatasetManifest manifest, String outUri, int tasks, long inputFiles, double seconds) {
        /** Input files handled per second (decoded or rejected), over the whole job. */
        public double filesPerSecond() {
            return inputFiles / seconds;
        }

        /** Images written per second. */
        public double imagesPerSecond() {
            return manifest.count() / seconds;
        }
    }

    /** One task: an item and the shard it becomes. */
    private record ShardJob(InputItem item, String shardUri) implements Serializable {
    }

    /** Prepares {@code inputs} into {@code outUri}. */
    public static Report run(JavaSparkContext sc, List<String> inputs, String outUri, PrepareOptions options) {
        long start = System.nanoTime();
        HadoopConf conf = new HadoopConf(sc.hadoopConfiguration());
        InputPlanner.Plan plan = InputPlanner.plan(inputs, options, conf.get());
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

        DatasetCommitter committer = DatasetCommitter.begin(outUri, conf.get());
        try {
            List<ShardJob> jobs = new ArrayList<>();
            for (int i = 0; i < plan.items().size(); i++) jobs.add(new ShardJob(plan.items().get(i), committer.shardUri(i)));
            sc.setJobDescription("prepare: decode " + inputImages + " images into " + jobs.size() + " shards");
            List<ShardTask.Result> results = sc.parallelize(jobs, jobs.size())
                    .map(job -> ShardTask.run(job.item(), job.shardUri(), options, conf.get()))
                    .collect();
            DatasetManifest manifest = committer.commit(inputs, options, plan, results);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Report(manifest, outUri, jobs.size(), plan.inputFiles(), seconds);
        } catch (RuntimeException e) {
            committer.abort();
            throw e;
        }
    }
}
