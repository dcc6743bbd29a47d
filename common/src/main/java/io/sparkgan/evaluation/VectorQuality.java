package io.sparkgan.evaluation;

import io.sparkgan.config.DataSettings;
import io.sparkgan.data.CorrelatedGaussianSource;
import io.sparkgan.data.VectorBlock;
import io.sparkgan.dataset.DataSources;
import io.sparkgan.metrics.FrechetDistance;
import io.sparkgan.metrics.GaussianMoments;
import io.sparkgan.metrics.MixtureModes;
import io.sparkgan.metrics.ModeCoverage;
import io.sparkgan.metrics.ModeCoverageResult;
import io.sparkgan.run.Sampler;
import java.util.Objects;

/**
 * Scores a trained generator of vectors (2-D mixtures, gaussian2d, CSV data) with the protocol of
 * docs/benchmarks.md, B1: mode coverage against a mixture's true modes, else the Frechet distance.
 * The Frechet distance to data read from files needs the data's moments, which the caller computes
 * where the data is ({@code sparkgan evaluate}: on the Spark executors), so this class never reads
 * the data itself.
 */
public final class VectorQuality {
    private VectorQuality() {}

    /**
     * Whether scoring a run on {@code data} needs the real data's moments from the caller: true for
     * data read from files or DataFrames, false for the generated sets (their modes or moments are known exactly).
     *
     * @param data the run's data settings
     */
    public static boolean needsDataMoments(DataSettings data) {
        return !data.source().isGenerated();
    }

    /**
     * Generates {@code n} samples with {@code seed} and scores them against the run's generated data set
     * (a mixture's modes, or gaussian2d's exact moments).
     *
     * @param sampler the trained run
     * @param n samples to generate, at least 2
     * @param seed seed of the latent draws
     * @throws IllegalArgumentException if the run's data needs its moments from the caller ({@link #needsDataMoments}),
     *                                  or is a generated set without a known reference (blobs: its centres are random)
     */
    public static VectorEvaluation evaluate(Sampler sampler, int n, long seed) {
        DataSettings data = sampler.config().data();
        if (needsDataMoments(data)) {
            throw new IllegalArgumentException("the run's data (data.source = " + data.source().configName() + ", "
                    + data.path() + ") has no known moments: compute them where the data is and pass them to"
                    + " VectorQuality.evaluate(sampler, n, seed, moments, description)");
        }
        MixtureModes modes = DataSources.modesOf(data.source());
        if (modes != null) {
            VectorBlock samples = sampler.generate(n, seed);
            int rounds = sampler.checkpoint().roundsDone();
            ModeCoverageResult r = ModeCoverage.evaluate(samples, modes);
            return new VectorEvaluation(data.source().configName(), n, seed, rounds, r.modesTotal(), r.modesCovered(),
                    r.highQualityFraction(), r.reverseKl(), r.highQualityPerMode(), null, null);
        }
        if (data.source() != DataSettings.Source.GAUSSIAN2D) {
            throw new IllegalArgumentException("data.source = " + data.source().configName() + " has no known modes"
                    + " or moments to score against; evaluate scores ring8, grid25, gaussian2d and CSV runs");
        }
        GaussianMoments exact = new GaussianMoments(CorrelatedGaussianSource.MEAN, CorrelatedGaussianSource.COVARIANCE);
        return frechet(data, sampler.generate(n, seed), n, seed, sampler.checkpoint().roundsDone(), exact,
                "exact moments of the gaussian2d distribution");
    }

    /**
     * Generates {@code n} samples with {@code seed} and scores them by the Frechet distance to the real data's
     * moments, for runs whose data {@link #needsDataMoments}.
     *
     * @param sampler the trained run
     * @param n samples to generate, at least 2
     * @param seed seed of the latent draws
     * @param dataMoments mean and unbiased covariance of the run's data (e.g. of a CSV input, computed on Spark executors)
     * @param description what {@code dataMoments} are, written to evaluation.json as the reference
     * @throws IllegalArgumentException if the run's data is a generated set (score it with the 3-argument overload)
     *                                  or the moments' dimension differs from the samples'
     */
    public static VectorEvaluation evaluate(Sampler sampler, int n, long seed, GaussianMoments dataMoments,
                                            String description) {
        Objects.requireNonNull(dataMoments, "dataMoments must not be null");
        Objects.requireNonNull(description, "description must not be null");
        DataSettings data = sampler.config().data();
        if (!needsDataMoments(data)) {
            throw new IllegalArgumentException("the run's data (data.source = " + data.source().configName()
                    + ") is a generated set with known modes or moments: score it with VectorQuality.evaluate(sampler, n,"
                    + " seed)");
        }
        VectorBlock samples = sampler.generate(n, seed);
        if (samples.dim() != dataMoments.dim()) {
            throw new IllegalArgumentException("the run generates " + samples.dim() + "-vectors but the data moments ("
                    + description + ") are of " + dataMoments.dim() + "-vectors: pass the moments of the run's data");
        }
        return frechet(data, samples, n, seed, sampler.checkpoint().roundsDone(), dataMoments, description);
    }

    private static VectorEvaluation frechet(DataSettings data, VectorBlock samples, int n, long seed, int rounds,
                                            GaussianMoments reference, String description) {
        double distance = FrechetDistance.between(FrechetDistance.moments(samples), reference);
        return new VectorEvaluation(data.source().configName(), n, seed, rounds, null, null, null, null, null,
                distance, description);
    }
}
