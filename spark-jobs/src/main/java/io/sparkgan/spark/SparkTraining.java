package io.sparkgan.spark;

import io.sparkgan.clustering.BlockAggregator;
import io.sparkgan.clustering.ClusteredSource;
import io.sparkgan.clustering.Clusters;
import io.sparkgan.clustering.KMeans;
import io.sparkgan.data.ExampleBlock;
import org.apache.spark.api.java.JavaRDD;
import io.sparkgan.clustering.LocalBlockAggregator;
import io.sparkgan.clustering.SelfConditioning;
import io.sparkgan.config.GanConfig;
import io.sparkgan.data.DataSource;
import io.sparkgan.evaluation.QualityListener;
import io.sparkgan.evaluation.SampleScorer;
import io.sparkgan.evaluator.LocalSampleScorer;
import io.sparkgan.evaluator.SparkSampleScorer;
import io.sparkgan.images.ImageShape;
import io.sparkgan.model.GanModelSpec;
import io.sparkgan.run.Checkpoint;
import io.sparkgan.run.ResumePoint;
import io.sparkgan.run.RunListenerFactory;
import io.sparkgan.run.TrainingRun;
import io.sparkgan.train.GanTrainer;
import io.sparkgan.train.ReferencePhaseRunner;
import io.sparkgan.train.ThreadedPhaseRunner;
import io.sparkgan.train.TrainingListener;
import io.sparkgan.train.TrainingSettings;
import io.sparkgan.train.TrainingState;
import java.util.List;
import java.util.function.Function;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Entry points that train one configured run, on Spark or with the single-JVM reference trainer,
 * from scratch or from a {@link ResumePoint} (null: from scratch).
 */
public final class SparkTraining {
    private SparkTraining() {}

    /** Trains {@code cfg} on {@code sc}; the data is read and checked before the first job. */
    public static Checkpoint train(JavaSparkContext sc, GanConfig cfg, List<TrainingListener> listeners) {
        return train(sc, cfg, listeners, null);
    }

    /** Trains {@code cfg} on {@code sc}, continuing from {@code resume} if not null. */
    public static Checkpoint train(JavaSparkContext sc, GanConfig cfg, List<TrainingListener> listeners,
                                   ResumePoint resume) {
        Configuration hadoopConf = sc.hadoopConfiguration();
        DataSource data = trainingData(cfg, TrainingRun.openData(cfg, hadoopConf, resume), resume,
                source -> SparkBlockAggregator.load(sc, source, cfg.data().partitions()));
        GanModelSpec spec = cfg.model().spec(data);
        // The evaluator is opened and checked before the first training job, so a wrong URI or shape fails at once.
        try (SparkSampleScorer scorer = cfg.evaluation().enabled()
                ? SparkSampleScorer.open(sc, cfg.evaluation().evaluator(), imageShape(data, spec)) : null;
             SparkPhaseRunner runner = new SparkPhaseRunner(sc, spec, settings(cfg, data), data,
                     cfg.data().partitions())) {
            return TrainingRun.execute(cfg, data, spec, runner, sc.master(), Map.of("spark", sc.version()), listeners,
                    quality(cfg, spec, data, scorer), hadoopConf, resume);
        }
    }

    /**
     * Trains {@code cfg} on blocks that are already cached on the executors (e.g. one per DataFrame
     * partition): the round, checkpoints, listeners and run files are those of {@link #train}. The
     * blocks are released when training ends, however it ends.
     *
     * @param sc the context the blocks are cached in
     * @param cfg the run's config (its data.* keys describe {@code data}; evaluation during training is not offered)
     * @param data what the blocks hold (size, example size, classes), for the model and the run's provenance
     * @param blocks the training data, one block per partition
     * @param listeners extra training listeners
     */
    public static Checkpoint train(JavaSparkContext sc, GanConfig cfg, DataSource data, TrainingBlocks blocks,
                                   List<TrainingListener> listeners) {
        GanModelSpec spec;
        try {
            if (cfg.model().selfConditioned()) {
                Clusters clusters = KMeans.fit(SparkBlockAggregator.over(sc, blocks), cfg.model().clusters(),
                        cfg.model().clusterIterations(), cfg.run().seed(), data.dim());
                blocks = labelled(blocks, clusters);
                data = new ClusteredSource(data, clusters);
            }
            spec = cfg.model().spec(data);
        } catch (RuntimeException e) {
            blocks.close();
            throw e;
        }
        try (SparkPhaseRunner runner = new SparkPhaseRunner(sc, spec, settings(cfg, data), blocks)) {
            return TrainingRun.execute(cfg, data, spec, runner, sc.master(), Map.of("spark", sc.version()), listeners,
                    null, sc.hadoopConfiguration(), null);
        }
    }

    /** {@code blocks} labelled with their clusters and cached; the unlabelled blocks are released. */
    private static TrainingBlocks labelled(TrainingBlocks blocks, Clusters clusters) {
        try (blocks) {
            JavaRDD<ExampleBlock> labelled = blocks.rdd().map(block -> ClusteredSource.labelled(block, clusters))
                    .setName("training data labelled with " + clusters.classes() + " clusters");
            TrainingBlocks.cacheWhile(labelled, labelled::count);
            return TrainingBlocks.ofCached(labelled, labelled, blocks.partitions());
        }
    }

    /** The data trained on: labelled with its k-means clusters for a self-conditioned model. */
    private static DataSource trainingData(GanConfig cfg, DataSource opened, ResumePoint resume,
                                           Function<DataSource, BlockAggregator> partitions) {
        return SelfConditioning.trainingData(cfg, opened, resume == null ? null : resume.checkpoint().clusters(),
                resume != null, partitions);
    }

    /** The training settings, with a self-conditioned model's cluster frequencies for the generated examples. */
    private static TrainingSettings settings(GanConfig cfg, DataSource data) {
        return cfg.training().withClassPrior(SelfConditioning.classPrior(data));
    }

    /**
     * Benchmark rounds of {@code cfg} on {@code sc} with its compute stand-in
     * ({@link GanConfig#withComputeStandIn}): every task waits instead of computing, everything else
     * (broadcasts, results of the model's true size, merging, the driver's update) is real. Writes no
     * run directory: the parameters it ends with are not a trained model.
     *
     * @param sc where the phases run
     * @param cfg the config, with a compute stand-in
     * @param listeners see every round's metrics
     */
    public static void standInRounds(JavaSparkContext sc, GanConfig cfg, List<TrainingListener> listeners) {
        requireStandIn(cfg);
        DataSource data = trainingData(cfg, TrainingRun.openData(cfg, sc.hadoopConfiguration(), null), null,
                source -> SparkBlockAggregator.load(sc, source, cfg.data().partitions()));
        GanModelSpec spec = cfg.model().spec(data);
        try (SparkPhaseRunner runner = new SparkPhaseRunner(sc, spec, settings(cfg, data), data,
                cfg.data().partitions())) {
            new GanTrainer(cfg.training(), runner, listeners).train(TrainingState.initial(spec, cfg.training()));
        }
    }

    /** As {@link #standInRounds} with partitions on {@code threads} threads in this JVM (no Spark). */
    public static void standInRoundsThreaded(GanConfig cfg, int threads, List<TrainingListener> listeners) {
        requireStandIn(cfg);
        DataSource data = trainingData(cfg, TrainingRun.openData(cfg, new Configuration(), null), null,
                source -> new LocalBlockAggregator(source, cfg.data().partitions()));
        GanModelSpec spec = cfg.model().spec(data);
        try (ThreadedPhaseRunner runner = new ThreadedPhaseRunner(spec, settings(cfg, data), data,
                cfg.data().partitions(), threads)) {
            new GanTrainer(cfg.training(), runner, listeners).train(TrainingState.initial(spec, cfg.training()));
        }
    }

    private static void requireStandIn(GanConfig cfg) {
        if (cfg.training().computeStandIn() == null) {
            throw new IllegalArgumentException("stand-in rounds need a config with a compute stand-in"
                    + " (GanConfig.withComputeStandIn); train real rounds with SparkTraining.train");
        }
    }

    /** Scores the run with {@code scorer} during training (null when evaluation is off). */
    private static RunListenerFactory quality(GanConfig cfg, GanModelSpec spec, DataSource data, SampleScorer scorer) {
        return scorer == null ? null
                : run -> new QualityListener(run, scorer, spec, cfg.evaluation(), cfg.run().seed(), cfg.samples().prior(),
                        SelfConditioning.classPrior(data));
    }

    /** A scorer in this JVM for the trainers without Spark (null when evaluation is off). */
    private static SampleScorer localScorer(GanConfig cfg, DataSource data, GanModelSpec spec, Configuration conf) {
        if (!cfg.evaluation().enabled()) return null;
        return new LocalSampleScorer(SparkSampleScorer.checkedEvaluator(cfg.evaluation().evaluator(),
                imageShape(data, spec), conf));
    }

    private static ImageShape imageShape(DataSource data, GanModelSpec spec) {
        return spec.imageShape() != null ? spec.imageShape() : data.imageShape();
    }

    /** Trains {@code cfg} in this JVM with the reference trainer (global batch, no Spark), default Hadoop settings. */
    public static Checkpoint trainReference(GanConfig cfg, List<TrainingListener> listeners, ResumePoint resume) {
        return trainReference(cfg, listeners, resume, new Configuration());
    }

    /**
     * Trains {@code cfg} in this JVM with the reference trainer (global batch, no Spark).
     *
     * @param cfg the run's config
     * @param listeners extra training listeners
     * @param resume the checkpoint to continue from, or null
     * @param hadoopConf the Hadoop configuration for the data, the run directory and its checkpoints
     */
    public static Checkpoint trainReference(GanConfig cfg, List<TrainingListener> listeners, ResumePoint resume,
                                            Configuration hadoopConf) {
        DataSource data = trainingData(cfg, TrainingRun.openData(cfg, hadoopConf, resume), resume,
                source -> new LocalBlockAggregator(source, cfg.data().partitions()));
        GanModelSpec spec = cfg.model().spec(data);
        ReferencePhaseRunner runner = new ReferencePhaseRunner(spec, settings(cfg, data), data, cfg.data().partitions());
        return TrainingRun.execute(cfg, data, spec, runner, "reference", Map.of(), listeners,
                quality(cfg, spec, data, localScorer(cfg, data, spec, hadoopConf)), hadoopConf, resume);
    }

    /** Trains {@code cfg} in this JVM, partitions computed on {@code threads} threads (Spark local mode without Spark). */
    public static Checkpoint trainThreaded(GanConfig cfg, int threads, List<TrainingListener> listeners) {
        Configuration hadoopConf = new Configuration();
        DataSource data = trainingData(cfg, TrainingRun.openData(cfg, hadoopConf, null), null,
                source -> new LocalBlockAggregator(source, cfg.data().partitions()));
        GanModelSpec spec = cfg.model().spec(data);
        try (ThreadedPhaseRunner runner = new ThreadedPhaseRunner(spec, settings(cfg, data), data,
                cfg.data().partitions(), threads)) {
            return TrainingRun.execute(cfg, data, spec, runner, "threads[" + threads + "]", Map.of(), listeners,
                    quality(cfg, spec, data, localScorer(cfg, data, spec, hadoopConf)), hadoopConf, null);
        }
    }
}
