package io.sparkgan.spark;

import io.sparkgan.clustering.BlockAggregator;
import io.sparkgan.clustering.ClusteredSource;
import io.sparkgan.clustering.Clusters;
import io.sparkgan.clustering.LocalBlockAggregator;
import io.sparkgan.clustering.SelfConditioning;
import io.sparkgan.config.ConfigError;
import io.sparkgan.config.DataSettings;
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
import java.util.Map;
import java.util.function.Function;
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

    /**
     * Trains {@code cfg} on {@code sc}, continuing from {@code resume} if not null: the command
     * line's block source. The configured data set (a prepared image set, CSV, a generated set) is
     * opened and checked, its partitions are built into blocks on the executors (a CSV input is also
     * read and checked there), and the blocks go
     * to {@link #train(JavaSparkContext, GanConfig, DataSource, TrainingBlocks, List, ResumePoint)},
     * the training core {@code GanEstimator.fit} uses too.
     */
    public static Checkpoint train(JavaSparkContext sc, GanConfig cfg, List<TrainingListener> listeners,
                                   ResumePoint resume) {
        LoadedData loaded = load(sc, cfg, resume);
        return train(sc, cfg, loaded.data(), loaded.blocks(), listeners, resume);
    }

    /** The configured data set as cached blocks, with what they hold. */
    private record LoadedData(DataSource data, TrainingBlocks blocks) {
    }

    /**
     * Opens the configured data set and caches its blocks on the executors, checked against
     * {@code resume} (if not null) and the evaluator. A CSV input is read on the executors
     * ({@link CsvBlocks}: its size is known once it is read); any other data set is opened and checked
     * on the driver first, then its partitions are built where they are cached ({@link TrainingBlocks#load}).
     */
    private static LoadedData load(JavaSparkContext sc, GanConfig cfg, ResumePoint resume) {
        if (cfg.data().source() != DataSettings.Source.CSV) {
            DataSource data = TrainingRun.openData(cfg, sc.hadoopConfiguration(), resume);
            checkBeforeLoading(cfg, data, sc.hadoopConfiguration());
            return new LoadedData(data, TrainingBlocks.load(sc, data, cfg.data().partitions()));
        }
        CsvBlocks.Loaded csv = CsvBlocks.load(sc, cfg.data());
        try {
            if (resume != null) {
                TrainingRun.checkResume(cfg, csv.source(), resume, ResumePoint.Caller.COMMAND_LINE);
            }
            checkBeforeLoading(cfg, csv.source(), sc.hadoopConfiguration());
        } catch (RuntimeException e) {
            csv.blocks().close();
            throw e;
        }
        return new LoadedData(csv.source(), csv.blocks());
    }

    /**
     * What can be refused before the data set is loaded: the model for the data (a self-conditioned
     * one's classes are known after k-means, its cluster features must fit the images), and the
     * evaluator's directory and image shape.
     */
    private static void checkBeforeLoading(GanConfig cfg, DataSource data, Configuration hadoopConf) {
        if (cfg.model().selfConditioned()) SelfConditioning.features(cfg, data);
        GanModelSpec spec = cfg.model().selfConditioned() ? cfg.model().spec(data.dim(), cfg.model().clusters())
                : cfg.model().spec(data);
        if (cfg.evaluation().enabled()) {
            SparkSampleScorer.checkedEvaluator(cfg.evaluation().evaluator(), evaluatedShape(cfg, data, spec), hadoopConf);
        }
    }

    /**
     * Trains {@code cfg} from scratch on blocks that are already cached on the executors (e.g. one per
     * DataFrame partition); see {@link #train(JavaSparkContext, GanConfig, DataSource, TrainingBlocks, List,
     * ResumePoint)}.
     */
    public static Checkpoint train(JavaSparkContext sc, GanConfig cfg, DataSource data, TrainingBlocks blocks,
                                   List<TrainingListener> listeners) {
        return train(sc, cfg, data, blocks, listeners, null);
    }

    /**
     * The training core of every Spark run, whoever built the blocks (the command line from its
     * data set, {@code GanEstimator.fit} from a DataFrame's partitions): self-conditioning's
     * clusters (k-means over the cached blocks, or the resumed checkpoint's), the model, the
     * evaluator of evaluation during training, the phase runner over the blocks, and the run
     * (its round loop, checkpoints, listeners and run directory: {@link TrainingRun}). The blocks
     * are released when training ends, however it ends.
     *
     * @param sc the context the blocks are cached in
     * @param cfg the run's config (its data.* keys describe {@code data})
     * @param data what the blocks hold (size, example size, classes, image shape), for the model and the run's provenance
     * @param blocks the training data, one cached block per partition; block p draws minibatches as partition p
     * @param listeners extra training listeners (console progress, a graceful stop)
     * @param resume the checkpoint to continue from (null: from scratch); {@code data} must have been checked
     *               against it ({@link TrainingRun#openData})
     * @throws ConfigError if evaluation during training is asked of a model without an image shape
     */
    public static Checkpoint train(JavaSparkContext sc, GanConfig cfg, DataSource data, TrainingBlocks blocks,
                                   List<TrainingListener> listeners, ResumePoint resume) {
        GanModelSpec spec;
        SparkSampleScorer scorer;
        TrainingData training = selfConditioned(sc, cfg, data, blocks, resume);
        data = training.data();
        blocks = training.blocks();
        try {
            spec = cfg.model().spec(data);
            // The evaluator is opened and checked before the first training job, so a wrong URI or shape fails at once.
            scorer = cfg.evaluation().enabled()
                    ? SparkSampleScorer.open(sc, cfg.evaluation().evaluator(), evaluatedShape(cfg, data, spec)) : null;
        } catch (Throwable e) { // SparkException too: Scala throws it undeclared
            blocks.close();
            throw e;
        }
        try (SparkSampleScorer evaluation = scorer;
             SparkPhaseRunner runner = new SparkPhaseRunner(sc, spec, settings(cfg, data), blocks)) {
            return TrainingRun.execute(cfg, data, spec, runner, sc.master(), Map.of("spark", sc.version()), listeners,
                    quality(cfg, spec, data, evaluation), sc.hadoopConfiguration(), resume);
        }
    }

    /** The cached blocks a run trains on, and what they hold. */
    private record TrainingData(DataSource data, TrainingBlocks blocks) {
    }

    /**
     * {@code blocks} as training takes them: for a self-conditioned model labelled with its clusters
     * (the resumed checkpoint's, or k-means over the blocks) and cached, the labelled blocks then
     * owning the data set's broadcast; for any other model as they are. The blocks are released if
     * this fails.
     */
    private static TrainingData selfConditioned(JavaSparkContext sc, GanConfig cfg, DataSource data,
                                                TrainingBlocks blocks, ResumePoint resume) {
        try {
            Clusters clusters = SelfConditioning.clusters(cfg, data,
                    resume == null ? null : resume.checkpoint().clusters(), resume != null,
                    unlabelled -> SparkBlockAggregator.over(sc, blocks));
            return clusters == null ? new TrainingData(data, blocks)
                    : new TrainingData(new ClusteredSource(data, clusters), labelled(blocks, clusters));
        } catch (Throwable e) { // SparkException too: Scala throws it undeclared
            blocks.close();
            throw e;
        }
    }

    /** The shape of the images evaluation scores: the model's (DCGAN), else the data's (an image set). */
    private static ImageShape evaluatedShape(GanConfig cfg, DataSource data, GanModelSpec spec) {
        ImageShape shape = imageShape(data, spec);
        if (shape == null) {
            throw new ConfigError("config key 'evaluation.every-rounds' (" + cfg.evaluation().everyRounds()
                    + ") needs images, but " + data.describe() + " trained by " + spec.describe() + " has no image"
                    + " shape: train an image model (model.type = dcgan with model.image-size and model.channels"
                    + " matching the examples) or on an image data set, or set evaluation.every-rounds = 0");
        }
        return shape;
    }

    /** {@code blocks} labelled with their clusters and cached; the unlabelled ones are released. */
    private static TrainingBlocks labelled(TrainingBlocks blocks, Clusters clusters) {
        return blocks.mapCached(block -> ClusteredSource.labelled(block, clusters),
                "training data labelled with " + clusters.classes() + " clusters");
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
        LoadedData loaded = load(sc, cfg, null);
        TrainingData training = selfConditioned(sc, cfg, loaded.data(), loaded.blocks(), null);
        DataSource data = training.data();
        GanModelSpec spec = cfg.model().spec(data);
        try (SparkPhaseRunner runner = new SparkPhaseRunner(sc, spec, settings(cfg, data), training.blocks())) {
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
