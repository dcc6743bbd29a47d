package io.sparkgan.metrics;

import java.io.Serializable;
import java.util.Objects;

/**
 * The additive sums from which {@link QualityFigures} are computed: per image, the evaluation
 * classifier's class probabilities p(y|x) and its penultimate-layer features f(x). Each Spark
 * partition fills its own instance and only these sums travel to the driver, which merges them:
 * sum_i p(y|x_i), sum_i sum_y p log p (Inception Score), the arg-max class histogram, the
 * features' {@link GaussianMomentSums} (mean and covariance for FID), and the number classified
 * correctly when labels are known. Plain Java; accumulated in double.
 */
public final class ClassifierSums implements Serializable {
    private static final long serialVersionUID = 2L;

    private final int classes;
    private final int features;
    private long count;
    private long labelled;
    private long correct;
    private final double[] probabilitySums;
    private double entropySum;
    private final long[] histogram;
    /** Labelled images per label, and those of them whose arg max is the label (per-class agreement). */
    private final long[] labelledPerClass;
    private final long[] correctPerClass;
    private final GaussianMomentSums featureMoments;

    public ClassifierSums(int classes, int features) {
        if (classes < 2) throw new IllegalArgumentException("need at least 2 classes, got " + classes);
        if (features < 1) throw new IllegalArgumentException("need at least 1 feature, got " + features);
        this.classes = classes;
        this.features = features;
        this.probabilitySums = new double[classes];
        this.histogram = new long[classes];
        this.labelledPerClass = new long[classes];
        this.correctPerClass = new long[classes];
        this.featureMoments = GaussianMomentSums.aboutOrigin(features);
    }

    public int classes() {
        return classes;
    }

    public int features() {
        return features;
    }

    public long count() {
        return count;
    }

    /**
     * Adds {@code rows} images: row r's probabilities at {@code probabilities[r * classes ...]},
     * its features at {@code featureRows[r * features ...]}, and its label at {@code labels[r]}
     * ({@code labels} null for unlabelled images; for generated images, the class each was asked for).
     *
     * @throws IllegalArgumentException if a probability is not one, a label is outside [0, classes) or a
     *                                  feature is not finite
     */
    public void add(float[] probabilities, float[] featureRows, int[] labels, int rows) {
        Objects.requireNonNull(probabilities, "probabilities must not be null");
        Objects.requireNonNull(featureRows, "featureRows must not be null");
        if (probabilities.length < rows * classes || featureRows.length < rows * features
                || (labels != null && labels.length < rows)) {
            throw new IllegalArgumentException(rows + " rows need " + rows * classes + " probabilities and "
                    + rows * features + " features; got " + probabilities.length + " and " + featureRows.length);
        }
        for (int r = 0; r < rows; r++) {
            int best = 0;
            double bestP = -1;
            for (int y = 0; y < classes; y++) {
                double p = probabilities[r * classes + y];
                if (!(p >= 0 && p <= 1.000001)) {
                    throw new IllegalArgumentException("row " + r + " has class probability " + p
                            + "; the evaluator must end in a softmax");
                }
                probabilitySums[y] += p;
                if (p > 0) entropySum += p * Math.log(p);
                if (p > bestP) {
                    bestP = p;
                    best = y;
                }
            }
            histogram[best]++;
            if (labels != null) {
                int label = labels[r];
                if (label < 0 || label >= classes) {
                    throw new IllegalArgumentException("row " + r + " has label " + label + " but the evaluator knows"
                            + " classes 0.." + (classes - 1));
                }
                labelled++;
                labelledPerClass[label]++;
                if (label == best) {
                    correct++;
                    correctPerClass[label]++;
                }
            }
            count++;
        }
        featureMoments.add(featureRows, rows);
    }

    /** Adds {@code other}'s sums to these (same classes and features); returns this. */
    public ClassifierSums merge(ClassifierSums other) {
        if (other.classes != classes || other.features != features) {
            throw new IllegalArgumentException("cannot merge sums of " + other.classes + " classes / "
                    + other.features + " features into " + classes + " / " + features);
        }
        count += other.count;
        labelled += other.labelled;
        correct += other.correct;
        entropySum += other.entropySum;
        for (int y = 0; y < classes; y++) {
            probabilitySums[y] += other.probabilitySums[y];
            histogram[y] += other.histogram[y];
            labelledPerClass[y] += other.labelledPerClass[y];
            correctPerClass[y] += other.correctPerClass[y];
        }
        featureMoments.merge(other.featureMoments);
        return this;
    }

    /** Inception Score of the images added; see {@link InceptionScore}. */
    public double inceptionScore() {
        return InceptionScore.fromSums(probabilitySums, entropySum, count);
    }

    /** Images per predicted class. */
    public long[] histogram() {
        return histogram.clone();
    }

    /** Share classified correctly, or null if no image had a label. */
    public Double accuracy() {
        return labelled == 0 ? null : (double) correct / labelled;
    }

    /** Agreement of the arg max with the labels, overall and per label, or null if no image had a label. */
    public ClassAgreement classAgreement() {
        return labelled == 0 ? null : ClassAgreement.of(labelledPerClass, correctPerClass);
    }

    /** Mean and unbiased covariance of the features. */
    public GaussianMoments moments() {
        if (count < 2) {
            throw new IllegalStateException(count + " images scored; feature covariance needs at least 2");
        }
        return featureMoments.toMoments();
    }

    /** All figures; FID against {@code reference} (null: no FID). */
    public QualityFigures figures(GaussianMoments reference) {
        Double fid = reference == null ? null : FrechetDistance.between(moments(), reference);
        return new QualityFigures(count, inceptionScore(), fid, histogram(), ClassHistogram.klToUniform(histogram),
                accuracy(), classAgreement());
    }
}
