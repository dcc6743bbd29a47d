package io.sparkgan.evaluation;

/**
 * Quality figures of a generator of vectors (docs/benchmarks.md, B1): mode coverage for mixtures, Frechet
 * distance for Gaussian and user data. Fields that do not apply to the data set are null.
 *
 * @param dataSource data set name
 * @param samples generated samples scored
 * @param seed seed of the evaluation's latent draws
 * @param roundsDone rounds the generator was trained
 * @param modesTotal modes of the mixture
 * @param modesCovered modes with at least one high-quality sample
 * @param highQualityFraction samples within 3 sigma of their nearest mode
 * @param reverseKl KL(high-quality samples over modes || uniform), nats
 * @param highQualityPerMode high-quality samples per mode
 * @param frechetDistance Frechet (2-Wasserstein between Gaussians) distance of generated moments
 *     to the reference moments
 * @param frechetReference what the moments were compared with
 */
public record VectorEvaluation(String dataSource, int samples, long seed, int roundsDone, Integer modesTotal,
                         Integer modesCovered, Double highQualityFraction, Double reverseKl,
                         long[] highQualityPerMode, Double frechetDistance, String frechetReference) {
}
