package io.sparkgan.evaluator;

import io.sparkgan.dataset.DatasetManifest;
import io.sparkgan.dataset.MappedImageBlock;
import io.sparkgan.dataset.PreparedDataset;
import io.sparkgan.dataset.ShardedImageSource;
import io.sparkgan.metrics.ClassifierSums;
import io.sparkgan.evaluation.EvaluatorInfo;
import io.sparkgan.metrics.FrechetDistance;
import io.sparkgan.metrics.GaussianMoments;
import io.sparkgan.metrics.QualityFigures;
import io.sparkgan.rng.RngStream;
import io.sparkgan.evaluation.EvaluatorFiles;
import io.sparkgan.run.RunFiles;
import io.sparkgan.util.Versions;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sparkgan evaluator train}: trains the LeNet evaluation classifier on a labelled prepared
 * data set with DL4J Spark (SparkDl4jMultiLayer + ParameterAveragingTrainingMaster, Direct
 * approach), then scores the real training and test sets on Spark for the reference figures and
 * writes the evaluator directory.
 *
 * <p>The training RDD of DataSet minibatches is built on the executors from the shards
 * (partition p maps its own run of images); it is neither collected nor cached here: the training
 * master persists it itself and fails if it already has a storage level.
 */
public final class EvaluatorTraining {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluatorTraining.class);

    private EvaluatorTraining() {}

    /**
     * Settings of one evaluator training.
     *
     * @param trainUri labelled prepared training set
     * @param testUri labelled prepared test set (same shape and classes)
     * @param outUri evaluator directory to write
     * @param epochs passes over the training set
     * @param batchPerWorker minibatch of each worker between averagings
     * @param averagingFrequency minibatches each worker fits between parameter averagings
     * @param learningRate Adam's learning rate in the first epoch
     * @param finalLearningRate Adam's learning rate in the last epoch (at most learningRate; ignored
     *                          when decay is NONE)
     * @param decay the curve from learningRate to finalLearningRate over the epochs
     * @param seed initialisation and shuffling seed
     * @param overwrite replace an existing evaluator directory
     * @param initFrom an evaluator directory whose network training continues from (its epochs
     *                 count in the result), e.g. for a last epoch at a lower learning rate; null: fresh
     */
    public record Options(String trainUri, String testUri, String outUri, int epochs, int batchPerWorker,
                          int averagingFrequency, double learningRate, double finalLearningRate,
                          LearningRateSchedule.Decay decay, long seed, boolean overwrite, String initFrom) {
        /** A constant learning rate. */
        public Options(String trainUri, String testUri, String outUri, int epochs, int batchPerWorker,
                       int averagingFrequency, double learningRate, long seed, boolean overwrite, String initFrom) {
            this(trainUri, testUri, outUri, epochs, batchPerWorker, averagingFrequency, learningRate, learningRate,
                    LearningRateSchedule.Decay.NONE, seed, overwrite, initFrom);
        }

        public Options {
            if (epochs < 1) throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
            if (batchPerWorker < 1) throw new IllegalArgumentException("--batch must be at least 1, got " + batchPerWorker);
            if (averagingFrequency < 1) {
                throw new IllegalArgumentException("--averaging-frequency must be at least 1, got " + averagingFrequency);
            }
            schedule(epochs, learningRate, finalLearningRate, decay); // validates the rates
        }

        /** The learning rate of each epoch of this training. */
        public LearningRateSchedule schedule() {
            return schedule(epochs, learningRate, finalLearningRate, decay);
        }

        private static LearningRateSchedule schedule(int epochs, double start, double end,
                                                     LearningRateSchedule.Decay decay) {
            return new LearningRateSchedule(start, decay == LearningRateSchedule.Decay.NONE ? start : end, decay, epochs);
        }
    }

    /** Trains, scores and writes the evaluator; returns its description. */
    public static EvaluatorInfo run(JavaSparkContext sc, Options options) {
        long start = System.nanoTime();
        Configuration conf = sc.hadoopConfiguration();
        PreparedDataset train = PreparedDataset.open(options.trainUri(), conf);
        PreparedDataset test = PreparedDataset.open(options.testUri(), conf);
        DatasetManifest m = check(train, test, options);
        if (!options.overwrite()) {
            try {
                org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(options.outUri());
                if (out.getFileSystem(conf).exists(out)) {
                    throw new IllegalStateException("evaluator directory " + options.outUri()
                            + " already exists; delete it or pass --overwrite");
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        ShardedImageSource trainSource = new ShardedImageSource(train, conf);
        ShardedImageSource testSource = new ShardedImageSource(test, conf);
        int classes = m.classes().size();
        int partitions = Math.max(1, sc.defaultParallelism());

        ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(options.batchPerWorker())
                .batchSizePerWorker(options.batchPerWorker())
                .averagingFrequency(options.averagingFrequency())
                .workerPrefetchNumBatches(0)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .repartionData(Repartition.Never)
                .storageLevel(StorageLevel.MEMORY_ONLY())
                .rngSeed(options.seed())
                .build();
        LearningRateSchedule schedule = options.schedule();
        MultiLayerNetwork initial = new MultiLayerNetwork(
                LeNet.configuration(m.shape(), classes, options.seed(), schedule.toSchedule()));
        initial.init();
        int epochsBefore = 0;
        if (options.initFrom() != null) {
            EvaluatorFiles previous = SparkSampleScorer.checkedEvaluator(options.initFrom(), m.shape(), conf);
            if (!previous.info().classes().equals(m.classes())) {
                throw new IllegalArgumentException("evaluator " + options.initFrom() + " has classes "
                        + previous.info().classes() + ", the data set " + m.classes());
            }
            initial = EvaluatorModel.restore(previous.model());
            initial.setLearningRate(schedule.toSchedule());
            epochsBefore = previous.info().epochs();
        }
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc, initial, master);
        double testAccuracy = Double.NaN;
        for (int e = 0; e < options.epochs(); e++) {
            int epoch = epochsBefore + e;
            long epochStart = System.nanoTime();
            sc.setJobDescription("evaluator: epoch " + (epoch + 1) + " of " + (epochsBefore + options.epochs()));
            // The schedule counts this training's epochs from 0 (also after --init-from). The
            // configuration, epoch count included, is what the training master ships to the workers.
            sparkNet.getNetwork().getLayerWiseConfigurations().setEpochCount(e);
            JavaRDD<DataSet> data = minibatches(sc, trainSource, partitions, options.batchPerWorker(), classes,
                    options.seed(), epoch);
            MultiLayerNetwork net;
            try {
                net = sparkNet.fit(data);
            } finally {
                // The training master persisted the minibatches; a failed epoch must not leave them cached.
                data.unpersist(false);
            }
            Broadcast<EvaluatorModel> model = sc.broadcast(EvaluatorModel.of(net, m.shape()));
            try {
                testAccuracy = Scoring.dataset(sc, model, testSource, partitions).accuracy();
            } finally {
                model.destroy();
            }
            LOG.info("evaluator epoch {}/{} (learning rate {}): test accuracy {} ({} s)", epoch + 1,
                    epochsBefore + options.epochs(), String.format("%.3g", schedule.at(e)),
                    String.format("%.4f", testAccuracy), String.format("%.1f", (System.nanoTime() - epochStart) / 1e9));
        }
        sparkNet.getNetwork().getLayerWiseConfigurations().setEpochCount(epochsBefore + options.epochs());
        master.deleteTempFiles(sc);

        EvaluatorModel model = EvaluatorModel.of(sparkNet.getNetwork(), m.shape());
        RunFiles dir = EvaluatorFiles.begin(options.outUri(), options.overwrite(), conf, model.bytes());
        LOG.info("evaluator network saved to {}; scoring the real test and training sets", dir.path(EvaluatorFiles.MODEL));
        Broadcast<EvaluatorModel> broadcast = sc.broadcast(model);
        ClassifierSums testSums;
        ClassifierSums trainSums;
        try {
            testSums = Scoring.dataset(sc, broadcast, testSource, partitions);
            trainSums = Scoring.dataset(sc, broadcast, trainSource, partitions);
        } finally {
            broadcast.destroy();
        }
        GaussianMoments testMoments = testSums.moments();
        QualityFigures testFigures = testSums.figures(null);
        EvaluatorInfo.RealFigures real = new EvaluatorInfo.RealFigures(testFigures.inceptionScore(),
                trainSums.inceptionScore(), FrechetDistance.between(trainSums.moments(), testMoments),
                testFigures.classHistogram(), testFigures.klToUniform());
        double seconds = (System.nanoTime() - start) / 1e9;
        EvaluatorInfo info = new EvaluatorInfo(EvaluatorInfo.FORMAT, EvaluatorInfo.VERSION, m.shape(), m.classes(),
                model.features(), LeNet.DESCRIPTION, "DL4J Spark SparkDl4jMultiLayer + ParameterAveragingTrainingMaster"
                + " (Direct, " + partitions + " workers, batch " + options.batchPerWorker() + ", averaging every "
                + options.averagingFrequency() + " minibatches, " + schedule.describe()
                + (options.initFrom() == null ? "" : ", continuing " + epochsBefore + " epochs of " + options.initFrom())
                + ")", epochsBefore + options.epochs(), options.seed(), testFigures.accuracy(), train.uri(), train.manifest().checksum(),
                train.manifest().count(), test.uri(), test.manifest().checksum(), test.manifest().count(), real,
                EvaluatorFiles.MODEL, EvaluatorFiles.TEST_MOMENTS, seconds, Instant.now().toString(),
                Versions.current().getOrDefault("sparkgan", "unknown"));
        EvaluatorFiles.finish(dir, info, testMoments);
        return info;
    }

    private static DatasetManifest check(PreparedDataset train, PreparedDataset test, Options options) {
        DatasetManifest a = train.manifest();
        DatasetManifest b = test.manifest();
        if (!a.labelled()) {
            throw new IllegalArgumentException(options.trainUri() + " has no labels; the evaluator is a classifier"
                    + " (prepare IDX files with their label file, or folders with --labels folder)");
        }
        if (!b.labelled()) throw new IllegalArgumentException(options.testUri() + " has no labels");
        if (!a.shape().equals(b.shape())) {
            throw new IllegalArgumentException("training images are " + a.shape().describe() + " but test images are "
                    + b.shape().describe());
        }
        if (!a.classes().equals(b.classes())) {
            throw new IllegalArgumentException("training classes " + a.classes() + " differ from test classes "
                    + b.classes());
        }
        if (a.classes().size() < 2) throw new IllegalArgumentException(options.trainUri() + " has fewer than 2 classes");
        return a;
    }

    /**
     * The training set as DataSet minibatches of {@code batch} images (features CHW in [-1, 1],
     * one-hot labels), built on the executors: partition p maps its run of images and shuffles
     * it with the epoch's stream.
     */
    static JavaRDD<DataSet> minibatches(JavaSparkContext sc, ShardedImageSource source, int partitions, int batch,
                                        int classes, long seed, int epoch) {
        return sc.parallelize(Scoring.range(partitions), partitions)
                .mapPartitionsWithIndex(new Minibatches(source, partitions, batch, classes, seed, epoch), false);
    }

    private static final class Minibatches implements Function2<Integer, Iterator<Integer>, Iterator<DataSet>> {
        private static final long serialVersionUID = 1L;
        private final ShardedImageSource source;
        private final int partitions;
        private final int batch;
        private final int classes;
        private final long seed;
        private final int epoch;

        Minibatches(ShardedImageSource source, int partitions, int batch, int classes, long seed, int epoch) {
            this.source = source;
            this.partitions = partitions;
            this.batch = batch;
            this.classes = classes;
            this.seed = seed;
            this.epoch = epoch;
        }

        @Override
        public Iterator<DataSet> call(Integer partition, Iterator<Integer> ignored) {
            MappedImageBlock block = source.partition(partition, partitions);
            int n = block.rows();
            int[] order = new int[n];
            for (int i = 0; i < n; i++) order[i] = i;
            SplittableRandom rng = RngStream.REAL_BATCH.at(seed, epoch, partition);
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            int d = block.dim();
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < n;
                }

                @Override
                public DataSet next() {
                    if (!hasNext()) throw new NoSuchElementException();
                    int rows = Math.min(batch, n - next);
                    float[] x = new float[rows * d];
                    float[] y = new float[rows * classes];
                    for (int i = 0; i < rows; i++) {
                        int image = order[next + i];
                        block.copyRow(image, x, i * d);
                        y[i * classes + block.label(image)] = 1f;
                    }
                    next += rows;
                    x = LeNet.toChw(x, rows, source.imageShape());
                    return new DataSet(Nd4j.createFromArray(x).reshape(rows, d), Nd4j.createFromArray(y).reshape(rows, classes));
                }
            };
        }
    }
}
