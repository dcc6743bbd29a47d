package io.sparkgan.dataset;

import io.sparkgan.config.ConfigError;
import io.sparkgan.config.DataSettings;
import io.sparkgan.data.CorrelatedGaussianSource;
import io.sparkgan.data.CsvVectorReader;
import io.sparkgan.data.DataSource;
import io.sparkgan.data.GaussianMixtureSource;
import io.sparkgan.data.InMemorySource;
import io.sparkgan.metrics.MixtureModes;
import org.apache.hadoop.conf.Configuration;

/** Opens the configured data set. */
public final class DataSources {
    private DataSources() {}

    /**
     * The data set of {@code settings}; generated sets derive from {@code seed}, CSV input is
     * read (and fully validated) here, in this JVM (the single-JVM trainers; Spark training reads CSV
     * on its executors instead, {@code io.sparkgan.spark.CsvBlocks}); a prepared image set's manifest
     * is checked here and its shards are mapped where partitions are used.
     */
    public static DataSource open(DataSettings settings, long seed, Configuration hadoopConf) {
        DataSource source;
        switch (settings.source()) {
            case RING8:
            case GRID25:
                MixtureModes modes = modesOf(settings.source());
                source = new GaussianMixtureSource(settings.source().configName(), modes.centres(), modes.sigma(),
                        settings.examples(), seed);
                break;
            case BLOBS:
                source = new GaussianMixtureSource("blobs", blobCentres(settings, seed), 0.1, settings.examples(), seed);
                break;
            case GAUSSIAN2D:
                source = new CorrelatedGaussianSource(settings.examples(), seed);
                break;
            case IMAGES:
                source = new ShardedImageSource(PreparedDataset.open(settings.path(), hadoopConf), hadoopConf);
                break;
            case DATAFRAME:
                throw new ConfigError("config key 'data.source' = dataframe names a DataFrame given to"
                        + " GanEstimator.fit (docs/library.md); here, set data.source to csv, images or a generated set");
            case CSV:
                source = new InMemorySource(CsvVectorReader.read(hadoopConf, settings.path(), settings.labelColumn()),
                        "csv " + settings.path() + (settings.labelColumn().isEmpty() ? ""
                                : " (labels in column " + settings.labelColumn() + ")"));
                break;
            default:
                throw new IllegalStateException("no reader for data.source = " + settings.source().configName());
        }
        if (settings.partitions() > source.size()) {
            throw new ConfigError("config key 'data.partitions' (" + settings.partitions()
                    + ") exceeds the number of examples (" + source.size() + ") in " + source.describe());
        }
        return source;
    }

    private static double[][] blobCentres(DataSettings settings, long seed) {
        java.util.SplittableRandom rng = io.sparkgan.rng.RngStream.DATA_GENERATION.at(seed, -1);
        double[][] centres = new double[settings.blobCount()][settings.dimension()];
        for (double[] c : centres) {
            for (int j = 0; j < c.length; j++) c[j] = rng.nextDouble(-0.8, 0.8);
        }
        return centres;
    }

    /** The true modes of a mixture source, or null for sources without modes. */
    public static MixtureModes modesOf(DataSettings.Source source) {
        switch (source) {
            case RING8: return MixtureModes.ring8();
            case GRID25: return MixtureModes.grid25();
            default: return null;
        }
    }
}
