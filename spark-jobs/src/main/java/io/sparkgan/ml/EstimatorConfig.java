package io.sparkgan.ml;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.sparkgan.config.ConfigError;
import io.sparkgan.config.GanConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;

/**
 * The run config of a fit, in the command line's layers: sparkgan-defaults.conf, the recipe, the
 * config text, then the params that are set; over all of them what the DataFrame and the run
 * directory decide (data.source = dataframe, data.partitions, run.output and run.name).
 */
final class EstimatorConfig {
    /** Keys the estimator decides; the config text may not set them. */
    private static final Map<String, String> OWN_KEYS = Map.of(
            "data", "the data is the DataFrame given to fit (featuresCol, labelCol; its partitions are the blocks)",
            "run.name", "the run directory is outputDir",
            "run.output", "the run directory is outputDir");

    private EstimatorConfig() {}

    /**
     * The validated config.
     *
     * @param estimator the params (recipe, config text, the config params that are set)
     * @param partitions the number of training blocks
     * @param runDirectory the run directory URI (outputDir, or a temporary directory)
     * @throws ConfigError naming the key (and the param that set it) of a bad setting
     */
    static GanConfig resolve(GanEstimator estimator, int partitions, String runDirectory) {
        String hocon = estimator.getConfig();
        refuseOwnKeys(hocon);
        Map<String, Object> values = new LinkedHashMap<>();
        for (ConfigParam p : estimator.configParams()) {
            if (estimator.isSet(p.param())) values.put(p.key(), p.configValue(estimator.getOrDefault(p.param())));
        }
        Path dir = new Path(runDirectory);
        if (dir.getParent() == null || dir.getName().isEmpty()) {
            throw new IllegalArgumentException("outputDir " + runDirectory + " is a filesystem root; give the run its"
                    + " own directory, e.g. " + runDirectory + (runDirectory.endsWith("/") ? "" : "/") + "gan-run");
        }
        values.put("run.output", dir.getParent().toString());
        values.put("run.name", dir.getName());
        values.put("data.source", "dataframe");
        values.put("data.partitions", partitions);
        values.put("log.progress", false);
        try {
            return GanConfig.layered(estimator.getRecipe(), hocon, values, "GanEstimator params");
        } catch (ConfigError e) {
            for (ConfigParam p : estimator.configParams()) {
                if (estimator.isSet(p.param()) && e.getMessage().contains("'" + p.key() + "'")) {
                    throw new ConfigError(e.getMessage() + " (set by the GanEstimator param " + p.param().name() + ")",
                            e);
                }
            }
            throw e;
        }
    }

    private static void refuseOwnKeys(String hocon) {
        Config text;
        try {
            text = ConfigFactory.parseString(hocon);
        } catch (ConfigException e) {
            throw new ConfigError("cannot parse the GanEstimator config: " + e.getMessage(), e);
        }
        for (String key : List.of("data", "run.name", "run.output")) {
            if (text.hasPath(key)) {
                throw new ConfigError("config key '" + key + "' in the GanEstimator config: " + OWN_KEYS.get(key)
                        + "; remove it");
            }
        }
    }
}
