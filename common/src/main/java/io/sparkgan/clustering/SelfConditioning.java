package io.sparkgan.clustering;

import io.sparkgan.config.ConfigError;
import io.sparkgan.config.GanConfig;
import io.sparkgan.data.DataSource;
import io.sparkgan.rng.ClassPrior;
import java.util.function.Function;

/**
 * Gives a self-conditioned run ({@code model.clusters} = K &gt; 0) its classes: the K k-means
 * clusters of the training examples, found before the first round, or the clusters saved in the
 * checkpoint a run resumes from (so a resumed run's labels are exactly the first run's).
 */
public final class SelfConditioning {
    private SelfConditioning() {}

    /**
     * The data a run trains on: {@code data} itself, or labelled with its clusters for a
     * self-conditioned model.
     *
     * @param config the run's config
     * @param data the training examples
     * @param resumed the clusters of the checkpoint the run resumes from (null when starting, or when the
     *                checkpoint has none)
     * @param resuming whether the run resumes from a checkpoint
     * @param partitions opens the partitions of {@code data} where they are, for k-means' passes
     * @throws ConfigError as {@link #clusters}
     */
    public static DataSource trainingData(GanConfig config, DataSource data, Clusters resumed, boolean resuming,
                                          Function<DataSource, BlockAggregator> partitions) {
        Clusters clusters = clusters(config, data, resumed, resuming, partitions);
        return clusters == null ? data : new ClusteredSource(data, clusters);
    }

    /**
     * The clusters a self-conditioned run's classes are: the resumed checkpoint's, or k-means over
     * the partitions of {@code data}; null when model.clusters = 0.
     *
     * @param config the run's config
     * @param data the training examples
     * @param resumed the clusters of the checkpoint the run resumes from (null when starting, or when the
     *                checkpoint has none)
     * @param resuming whether the run resumes from a checkpoint
     * @param partitions opens the partitions of {@code data} where they are, for k-means' passes (closed after them)
     * @throws ConfigError if a resumed run's clusters do not match model.clusters or model.cluster-features, or
     *                     the features do not apply to the data
     */
    public static Clusters clusters(GanConfig config, DataSource data, Clusters resumed, boolean resuming,
                                    Function<DataSource, BlockAggregator> partitions) {
        int k = config.model().clusters();
        if (resuming && (resumed == null ? 0 : resumed.classes()) != k) {
            throw new ConfigError("model.clusters is " + k + " but the checkpoint resumed from has "
                    + (resumed == null ? "no clusters" : resumed.classes() + " clusters")
                    + "; resume with the run's own model.clusters");
        }
        String features = config.model().clusterFeatures();
        if (resumed != null && !resumed.features().configName().equals(features)) {
            throw new ConfigError("model.cluster-features is " + features + " but the checkpoint resumed from has clusters"
                    + " of " + resumed.features().configName() + "; resume with the run's own model.cluster-features");
        }
        if (k == 0 || resumed != null) return k == 0 ? null : resumed;
        ClusterFeatures map = features(config, data);
        try (BlockAggregator blocks = partitions.apply(data)) {
            return KMeans.fit(blocks, k, config.model().clusterIterations(), config.run().seed(), data.dim(), map);
        }
    }

    /**
     * The map model.cluster-features names for {@code data}: what k-means compares its examples by.
     * Callers that load the data first check it before loading, so a map that cannot apply fails at once.
     *
     * @param config the run's config
     * @param data the training examples (their size and image shape)
     * @throws ConfigError if the map does not apply to the data (no images; colour images to deskew;
     *                     sides that are not multiples of the histograms' cell)
     */
    public static ClusterFeatures features(GanConfig config, DataSource data) {
        return ClusterFeatures.of(config.model().clusterFeatures(), data.dim(), data.imageShape(), data.describe());
    }

    /** The clusters whose classes a self-conditioned model learns, or null for data used as it is. */
    public static Clusters clustersOf(DataSource data) {
        return data instanceof ClusteredSource clustered ? clustered.clusters() : null;
    }

    /** What generated examples' classes are drawn from in training: the cluster frequencies, or null (uniform). */
    public static ClassPrior classPrior(DataSource data) {
        Clusters clusters = clustersOf(data);
        return clusters == null ? null : clusters.prior();
    }
}
