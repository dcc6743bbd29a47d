package io.sparkgan.evaluator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.config.GanConfig;
import io.sparkgan.data.DataSource;
import io.sparkgan.dataset.DataSources;
import io.sparkgan.dataset.PreparedDataset;
import io.sparkgan.dataset.ShardedImageSource;
import io.sparkgan.metrics.ClassifierSums;
import io.sparkgan.evaluation.EvaluatorInfo;
import io.sparkgan.metrics.GaussianMoments;
import io.sparkgan.metrics.QualityFigures;
import io.sparkgan.model.GanModelSpec;
import io.sparkgan.evaluation.EvaluatorFiles;
import io.sparkgan.run.GeneratorSnapshot;
import io.sparkgan.spark.SparkContexts;
import io.sparkgan.train.TrainingState;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation classifier on real Spark local mode and real files: DL4J Spark training on a
 * small labelled set made in the test, the evaluator directory, and Spark scoring equal to
 * scoring in one JVM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaluatorTest {
    @TempDir
    static Path dir;

    private JavaSparkContext sc;
    private String train;
    private String test;
    private String evaluatorUri;
    private EvaluatorInfo info;

    @BeforeAll
    void trainEvaluator() throws Exception {
        train = SyntheticDigits.prepare(dir.resolve("train"), 1500, 1);
        test = SyntheticDigits.prepare(dir.resolve("test"), 300, 2);
        sc = SparkContexts.create("evaluator-test", "local[2]", Map.of("spark.ui.enabled", "false"));
        evaluatorUri = dir.resolve("evaluator").toString();
        info = EvaluatorTraining.run(sc, new EvaluatorTraining.Options(train, test, evaluatorUri, 3, 32, 5, 2e-3,
                1e-4, LearningRateSchedule.Decay.COSINE, 7, false, null));
    }

    @AfterAll
    void stop() {
        if (sc != null) sc.close();
    }

    @Test
    void dl4jSparkTrainingReachesASaneAccuracyAndRecordsTheRealDataFigures() {
        // Three short epochs (1,500 images, about 23 minibatches per worker each) on a cosine
        // schedule: one epoch was enough before dropout, not since (accuracy 0.85, real IS 1.8).
        assertTrue(info.testAccuracy() >= 0.9, "test accuracy " + info.testAccuracy());
        EvaluatorFiles files = EvaluatorFiles.open(evaluatorUri, new Configuration());
        EvaluatorInfo read = files.info();
        assertEquals(info.testAccuracy(), read.testAccuracy());
        assertEquals(LeNet.FEATURES, read.featureDim());
        assertEquals(SyntheticDigits.SHAPE, read.shape());
        assertEquals(10, read.classes().size());
        assertEquals(PreparedDataset.open(train, new Configuration()).manifest().checksum(), read.trainChecksum());
        assertEquals(3, read.epochs());
        assertTrue(read.trainer().contains("Adam 0.002 -> 1.0E-4 (cosine decay per epoch over 3 epochs)"), read.trainer());
        // A confident classifier on balanced classes: IS near 10; train and test are the same distribution.
        assertTrue(read.real().testInceptionScore() > 7 && read.real().testInceptionScore() <= 10.0001,
                "real test IS " + read.real().testInceptionScore());
        assertEquals(300, java.util.Arrays.stream(read.real().testClassHistogram()).sum());
        GaussianMoments moments = files.testMoments();
        assertEquals(LeNet.FEATURES, moments.dim());
        // The saved model is the trained one: it reproduces the recorded accuracy in this JVM.
        EvaluatorModel model = EvaluatorModel.fromBytes(files.model(), read.shape());
        ClassifierSums here = Scoring.block(model,
                new ShardedImageSource(PreparedDataset.open(test, new Configuration()), new Configuration()).partition(0, 1));
        // Spark partitions batch the images differently: float rounding differs, nothing else.
        assertEquals(read.testAccuracy(), here.accuracy(), 1e-12);
        assertEquals(read.real().testInceptionScore(), here.inceptionScore(), 1e-7);
        assertArrayEquals(read.real().testClassHistogram(), here.histogram());
        // The recorded FID floor is the distance of the training set's features to the test set's,
        // recomputed here from the saved model in one JVM; two samples of one distribution are
        // close but not identical.
        ClassifierSums trainHere = Scoring.block(model,
                new ShardedImageSource(PreparedDataset.open(train, new Configuration()), new Configuration()).partition(0, 1));
        double floor = io.sparkgan.metrics.FrechetDistance.between(trainHere.moments(), moments);
        assertTrue(floor > 0.01, "FID floor " + floor);
        assertEquals(floor, read.real().fidTrainVsTest(), 1e-6 * floor);
    }

    @Test
    void sparkScoringOfGeneratedImagesEqualsScoringInOneJvm() {
        GanConfig cfg = GanConfig.load("ring8", Map.of("data.source", "images", "data.path", train,
                "model.generator-output", "tanh", "model.generator-hidden", "[32]", "model.discriminator-hidden", "[32]"));
        DataSource data = DataSources.open(cfg.data(), cfg.run().seed(), new Configuration());
        GanModelSpec spec = cfg.model().spec(data);
        GeneratorSnapshot generator = GeneratorSnapshot.of(spec, TrainingState.initial(spec, cfg.training()), cfg.run().seed());
        EvaluatorFiles files = EvaluatorFiles.open(evaluatorUri, new Configuration());
        int n = 610; // three chunks, the last one short
        QualityFigures local = new LocalSampleScorer(files).score(generator, n, 5);
        QualityFigures spark;
        try (SparkSampleScorer scorer = SparkSampleScorer.open(sc, evaluatorUri, SyntheticDigits.SHAPE)) {
            spark = scorer.score(generator, n, 5);
            QualityFigures otherSeed = scorer.score(generator, n, 6);
            assertTrue(otherSeed.inceptionScore() != spark.inceptionScore(), "another seed draws other images");
        }
        // The same images and forward passes; only the order in which partition sums are added
        // differs (and the covariance from sums, S2/n - mu mu^T, magnifies that rounding).
        assertEquals(n, spark.samples());
        assertEquals(local.inceptionScore(), spark.inceptionScore(), 1e-9 * local.inceptionScore());
        assertEquals(local.fid(), spark.fid(), 1e-7 * local.fid());
        assertArrayEquals(local.classHistogram(), spark.classHistogram());
        assertEquals(local.klToUniform(), spark.klToUniform(), 1e-12);
        assertNull(spark.classAgreement(), "an unconditional generator has no requested classes");
        // An untrained generator is far from the real test set.
        assertTrue(spark.fid() > 10 * info.real().fidTrainVsTest(), "FID " + spark.fid());
    }

    @Test
    void sparkScoringOfARealDataSetEqualsScoringInOneJvm() {
        Configuration conf = new Configuration();
        EvaluatorFiles files = EvaluatorFiles.open(evaluatorUri, conf);
        EvaluatorModel model = EvaluatorModel.fromBytes(files.model(), files.info().shape());
        ShardedImageSource source = new ShardedImageSource(PreparedDataset.open(test, conf), conf);
        Broadcast<EvaluatorModel> b = sc.broadcast(model);
        ClassifierSums spark = Scoring.dataset(sc, b, source, 3);
        b.destroy();
        ClassifierSums here = Scoring.block(model, source.partition(0, 1));
        assertEquals(300, spark.count());
        // Spark partitions batch the images differently from one pass here: float rounding only.
        assertEquals(here.accuracy(), spark.accuracy(), 1e-12);
        assertEquals(here.inceptionScore(), spark.inceptionScore(), 1e-7 * here.inceptionScore());
        GaussianMoments a = here.moments();
        GaussianMoments s = spark.moments();
        assertArrayEquals(a.mean(), s.mean(), 1e-5);
        double[][] ca = a.covariance();
        double[][] cs = s.covariance();
        double maxEntry = 0;
        double maxDiff = 0;
        for (int i = 0; i < ca.length; i++) {
            for (int j = 0; j < ca.length; j++) {
                maxEntry = Math.max(maxEntry, Math.abs(ca[i][j]));
                maxDiff = Math.max(maxDiff, Math.abs(ca[i][j] - cs[i][j]));
            }
        }
        assertTrue(maxDiff <= 1e-5 * maxEntry, "covariances differ by " + maxDiff + " of " + maxEntry);
        // 300 images, 500 features: singular covariances, where FID's square roots magnify
        // float rounding (sqrt of eigenvalues near 0), so "equal" is within 1e-2 here.
        assertEquals(0.0, io.sparkgan.metrics.FrechetDistance.between(a, s), 1e-2);
    }

    @Test
    void scoringAPreparedSetGivesTheFiguresTheEvaluatorRecordedForItsTestSet() {
        io.sparkgan.evaluation.ImageSetEvaluation e = ImageSetScoring.score(sc, test, evaluatorUri);
        assertEquals(300, e.images());
        assertEquals(info.testAccuracy(), e.accuracy(), 1e-12, "the labelled set is also classified");
        assertEquals(info.real().testInceptionScore(), e.inceptionScore(), 1e-9 * e.inceptionScore());
        assertArrayEquals(info.real().testClassHistogram(), e.classHistogram());
        // FID of the test set to its own moments: 0 up to rounding magnified by singular square roots.
        assertEquals(0.0, e.fid(), 1e-2);
        assertEquals(info.real().fidTrainVsTest(), ImageSetScoring.score(sc, train, evaluatorUri).fid(),
                1e-6 * info.real().fidTrainVsTest(), "the training set scores the recorded FID floor");
    }

    @Test
    void anEvaluatorForAnotherImageShapeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkSampleScorer.checkedEvaluator(evaluatorUri, new io.sparkgan.images.ImageShape(32, 32, 1),
                        new Configuration()));
        assertTrue(e.getMessage().contains("28x28x1") && e.getMessage().contains("32x32x1"), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> EvaluatorFiles.open(dir.resolve("nothing").toString(), new Configuration()));
        assertTrue(missing.getMessage().contains("sparkgan evaluator train"), missing.getMessage());
    }
}
