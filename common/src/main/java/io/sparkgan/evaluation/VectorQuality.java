package io.sparkgan.evaluation;

import io.sparkgan.config.DataSettings;
import io.sparkgan.data.CorrelatedGaussianSource;
import io.sparkgan.data.CsvVectorReader;
import io.sparkgan.data.VectorBlock;
import io.sparkgan.dataset.DataSources;
import io.sparkgan.metrics.FrechetDistance;
import io.sparkgan.metrics.GaussianMoments;
import io.sparkgan.metrics.MixtureModes;
import io.sparkgan.metrics.ModeCoverage;
import io.sparkgan.metrics.ModeCoverageResult;
import io.sparkgan.run.Sampler;
import org.apache.hadoop.conf.Configuration;

/**
 * Scores a trained generator of vectors (2-D mixtures, gaussian2d, CSV data) with the protocol of
 * docs/benchmarks.md, B1: mode coverage against a mixture's true modes, else the Frechet distance.
 */
public final class VectorQuality {
    private VectorQuality() {}

    /** Generates {@code n} samples with {@code seed} and scores them against the run's data set. */
    public static VectorEvaluation evaluate(Sampler sampler, int n, long seed, Configuration hadoopConf) {
        DataSettings data = sampler.config().data();
        VectorBlock samples = sampler.generate(n, seed);
        int rounds = sampler.checkpoint().roundsDone();
        MixtureModes modes = DataSources.modesOf(data.source());
        if (modes != null) {
            ModeCoverageResult r = ModeCoverage.evaluate(samples, modes);
            return new VectorEvaluation(data.source().configName(), n, seed, rounds, r.modesTotal(), r.modesCovered(),
                    r.highQualityFraction(), r.reverseKl(), r.highQualityPerMode(), null, null);
        }
        GaussianMoments generated = FrechetDistance.moments(samples);
        GaussianMoments reference;
        String what;
        if (data.source() == DataSettings.Source.GAUSSIAN2D) {
            reference = new GaussianMoments(CorrelatedGaussianSource.MEAN, CorrelatedGaussianSource.COVARIANCE);
            what = "exact moments of the gaussian2d distribution";
        } else {
            reference = FrechetDistance.moments(CsvVectorReader.read(hadoopConf, data.path()));
            what = "empirical moments of " + data.path();
        }
        return new VectorEvaluation(data.source().configName(), n, seed, rounds, null, null, null, null, null,
                FrechetDistance.between(generated, reference), what);
    }
}
