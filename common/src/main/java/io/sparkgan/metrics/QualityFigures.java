package io.sparkgan.metrics;

/**
 * The image-quality figures (docs/quality.md) of a set of images scored by the evaluation classifier.
 *
 * @param samples images scored
 * @param inceptionScore exp(E KL(p(y|x) || p(y))), between 1 and the number of classes
 * @param fid Frechet distance of the images' penultimate-layer features to the reference
 *            (real test-set) features; null when no reference was given
 * @param classHistogram images per predicted class (arg max of p(y|x))
 * @param klToUniform KL(class histogram || uniform), nats; 0 = every class equally often
 * @param accuracy share of labelled images classified correctly, or null for unlabelled images
 * @param classAgreement per-class agreement of the arg max with the labels (for a class-conditional
 *                       generator: the requested classes), or null for unlabelled images
 */
public record QualityFigures(long samples, double inceptionScore, Double fid, long[] classHistogram,
                             double klToUniform, Double accuracy, ClassAgreement classAgreement) {

    /** Figures without per-class agreement. */
    public QualityFigures(long samples, double inceptionScore, Double fid, long[] classHistogram, double klToUniform,
                          Double accuracy) {
        this(samples, inceptionScore, fid, classHistogram, klToUniform, accuracy, null);
    }
}
