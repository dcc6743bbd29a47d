package io.sparkgan.evaluation;

import io.sparkgan.images.ImageShape;
import java.util.List;

/**
 * evaluator.json: what an evaluation classifier is, how well it classifies, and the real-data
 * reference figures that generated images are compared with (docs/quality.md; docs/benchmarks.md, B4).
 *
 * @param format always {@link #FORMAT}
 * @param version layout version
 * @param shape image shape it classifies (HWC rows scaled to [-1, 1], like a tanh generator's output)
 * @param classes class names by label
 * @param featureDim size of the penultimate (feature) layer FID is computed in
 * @param architecture the network, in words
 * @param trainer how it was trained (DL4J Spark parameter averaging, or the fallback)
 * @param epochs passes over the training set
 * @param seed seed of initialisation and shuffling
 * @param testAccuracy share of the test set classified correctly
 * @param trainData training set URI
 * @param trainChecksum training set checksum (manifest)
 * @param trainImages training images
 * @param testData test set URI
 * @param testChecksum test set checksum (manifest)
 * @param testImages test images
 * @param real the real-data figures
 * @param modelFile the DL4J model (ModelSerializer zip), relative to the evaluator directory
 * @param testMomentsFile mean and covariance of the test set's features (FID reference), relative
 * @param trainSeconds wall time of training
 * @param created ISO-8601 time written
 * @param sparkgan sparkgan version
 */
public record EvaluatorInfo(String format, int version, ImageShape shape, List<String> classes, int featureDim,
                            String architecture, String trainer, int epochs, long seed, double testAccuracy,
                            String trainData, String trainChecksum, long trainImages, String testData,
                            String testChecksum, long testImages, RealFigures real, String modelFile,
                            String testMomentsFile, double trainSeconds, String created, String sparkgan) {
    public static final String FORMAT = "sparkgan-evaluator";
    public static final int VERSION = 1;

    /**
     * The figures of real images, beside which generated ones are read.
     *
     * @param testInceptionScore IS of the real test set (about the number of classes for a good evaluator)
     * @param trainInceptionScore IS of the real training set
     * @param fidTrainVsTest FID of the training set's features to the test set's: the floor a
     *                       generator can be expected to reach
     * @param testClassHistogram predicted classes of the test images
     * @param testKlToUniform KL(test class histogram || uniform)
     */
    public record RealFigures(double testInceptionScore, double trainInceptionScore, double fidTrainVsTest,
                              long[] testClassHistogram, double testKlToUniform) {
    }
}
