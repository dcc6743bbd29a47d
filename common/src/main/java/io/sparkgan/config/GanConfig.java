package io.sparkgan.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import io.sparkgan.gan.GanLoss;
import io.sparkgan.model.DiscriminatorNorm;
import io.sparkgan.nn.Activation;
import io.sparkgan.rng.LatentPrior;
import io.sparkgan.optim.OptimizerSettings;
import io.sparkgan.train.ComputeStandIn;
import io.sparkgan.train.ResultAggregation;
import io.sparkgan.train.TrainingSettings;
import io.sparkgan.nn.VectorEncoding;
import java.io.File;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A validated run configuration: HOCON (Typesafe Config) files over {@code sparkgan-defaults.conf},
 * which documents every key. Unknown keys, wrong types and impossible values are rejected here,
 * with the key named, before any Spark job starts.
 */
public final class GanConfig {
    private static final String DEFAULTS = ConfigDefaults.RESOURCE;

    private final Config config;
    private final RunSettings run;
    private final DataSettings data;
    private final ModelSettings model;
    private final TrainingSettings training;
    private final LogSettings log;
    private final SampleSettings samples;
    private final CheckpointSettings checkpoint;
    private final EvaluationSettings evaluation;

    private GanConfig(Config config) {
        this.config = config;
        ConfigReader r = new ConfigReader(config);
        this.run = readRun(r);
        this.data = readData(r);
        this.model = readModel(r);
        checkModelAgainstData(model, data);
        this.training = readTraining(r, run.seed());
        checkModelAgainstTraining(model, training);
        this.log = new LogSettings(r.positiveInt("log.every-rounds"), r.bool("log.progress"));
        this.samples = readSamples(r);
        this.checkpoint = new CheckpointSettings(r.nonNegativeInt("checkpoint.every"), r.positiveInt("checkpoint.keep"),
                r.string("checkpoint.dir"));
        this.evaluation = readEvaluation(r, data);
    }

    private GanConfig(GanConfig base, TrainingSettings training) {
        this.config = base.config;
        this.run = base.run;
        this.data = base.data;
        this.model = base.model;
        this.training = training;
        this.log = base.log;
        this.samples = base.samples;
        this.checkpoint = base.checkpoint;
        this.evaluation = base.evaluation;
    }

    /**
     * This config with every task's gradient computation replaced by {@code standIn}'s wait: for
     * {@code sparkgan bench rounds} only (no config key sets it, and a training run refuses it,
     * {@link ComputeStandIn#refuse}).
     *
     * @param standIn the wait that replaces the computation; null for real computation
     */
    public GanConfig withComputeStandIn(ComputeStandIn standIn) {
        return new GanConfig(this, training.withComputeStandIn(standIn));
    }

    /**
     * Loads a config: {@code source} is a file path, or a recipe name found as conf/NAME.conf in the
     * working directory or on the classpath; {@code overrides} maps keys to HOCON values.
     */
    public static GanConfig load(String source, Map<String, String> overrides) {
        return fromConfig(withOverrides(parseSource(source), overrides));
    }

    /** Validates {@code user} (keys not in the defaults are rejected) over the defaults. */
    public static GanConfig fromConfig(Config user) {
        Config defaults = ConfigDefaults.config();
        rejectUnknownKeys(user, defaults);
        try {
            return new GanConfig(user.withFallback(defaults).resolve());
        } catch (ConfigException e) {
            throw new ConfigError("bad config: " + e.getMessage(), e);
        }
    }

    /**
     * A config in layers, as the command line builds it and a library caller wants it: the defaults,
     * then a recipe (or file), then HOCON text, then single values; each layer wins over the ones
     * before it. Unknown keys, wrong types and impossible values are rejected with the key named.
     *
     * @param recipe a recipe name or config file as for {@link #load}; "" or null for the defaults alone
     * @param hocon HOCON text over the recipe ("" for none)
     * @param values config keys (e.g. "train.rounds") and their values (Integer, Long, Double, Boolean,
     *               String or a List of them), over everything else
     * @param valuesOrigin who set {@code values}, named in errors (e.g. "GanEstimator parameters")
     */
    public static GanConfig layered(String recipe, String hocon, Map<String, ?> values, String valuesOrigin) {
        Config text;
        try {
            text = ConfigFactory.parseString(hocon == null ? "" : hocon);
        } catch (ConfigException e) {
            throw new ConfigError("cannot parse config: " + e.getMessage(), e);
        }
        Config top;
        try {
            top = ConfigFactory.parseMap(values, valuesOrigin);
        } catch (ConfigException e) {
            throw new ConfigError("bad config values from " + valuesOrigin + ": " + e.getMessage(), e);
        }
        return fromConfig(top.withFallback(text).withFallback(parseSource(recipe)));
    }

    /** Parses HOCON text (a saved config) and applies {@code overrides} as {@link #load} does. */
    public static GanConfig parse(String hocon, Map<String, String> overrides) {
        try {
            return fromConfig(withOverrides(ConfigFactory.parseString(hocon), overrides));
        } catch (ConfigException e) {
            throw new ConfigError("cannot parse config: " + e.getMessage(), e);
        }
    }

    /** Parses HOCON text (tests, provenance). */
    public static GanConfig parse(String hocon) {
        try {
            return fromConfig(ConfigFactory.parseString(hocon));
        } catch (ConfigException e) {
            throw new ConfigError("cannot parse config: " + e.getMessage(), e);
        }
    }

    private static Config parseSource(String source) {
        if (source == null || source.isBlank()) return ConfigFactory.empty();
        try {
            File file = new File(source);
            if (file.isFile()) return ConfigFactory.parseFile(file);
            File recipe = new File("conf", source + ".conf");
            if (!source.contains("/") && recipe.isFile()) return ConfigFactory.parseFile(recipe);
            Config resource = ConfigFactory.parseResources(GanConfig.class.getClassLoader(), "conf/" + source + ".conf");
            if (!source.contains("/") && !resource.isEmpty()) return resource;
        } catch (ConfigException e) {
            throw new ConfigError("cannot parse config '" + source + "': " + e.getMessage(), e);
        }
        throw new ConfigError("config '" + source + "' not found: give a file path or a recipe name from conf/"
                + " (" + Recipes.list() + ")");
    }

    private static Config withOverrides(Config base, Map<String, String> overrides) {
        Config result = base;
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String key = e.getKey().trim();
            ConfigValue value;
            try {
                value = ConfigFactory.parseString("v = " + e.getValue()).getValue("v");
            } catch (ConfigException ex) {
                value = ConfigValueFactory.fromAnyRef(e.getValue(), "command line");
            }
            try {
                result = result.withValue(key, value.withOrigin(value.origin().withComments(null)));
            } catch (ConfigException ex) {
                throw new ConfigError("bad override key '" + key + "': " + ex.getMessage(), ex);
            }
        }
        return result;
    }

    private static void rejectUnknownKeys(Config user, Config defaults) {
        for (Map.Entry<String, ConfigValue> e : user.entrySet()) {
            String key = e.getKey();
            if (!defaults.hasPath(key)) {
                String section = key.contains(".") ? key.substring(0, key.lastIndexOf('.')) : "";
                String where = e.getValue().origin().description();
                throw new ConfigError("unknown config key '" + key + "' (" + where + "). " + validKeysHint(defaults, section));
            }
        }
    }

    private static String validKeysHint(Config defaults, String section) {
        Set<String> keys = new TreeSet<>();
        if (!section.isEmpty() && defaults.hasPath(section)) {
            try {
                defaults.getConfig(section).root().keySet().forEach(k -> keys.add(section + "." + k));
            } catch (ConfigException.WrongType ignored) {
                // section is a leaf, not a group
            }
        }
        if (keys.isEmpty()) keys.addAll(defaults.root().keySet());
        return "Valid keys here: " + String.join(", ", keys) + ". All keys are documented in " + DEFAULTS + ".";
    }

    private static RunSettings readRun(ConfigReader r) {
        String name = r.string("run.name");
        if (name.isBlank() || name.contains("/") || name.contains(":") || name.equals(".") || name.equals("..")) {
            throw ConfigReader.invalid("run.name", "'" + name + "'", "must be a non-empty name without '/' or ':'");
        }
        String output = r.string("run.output");
        if (output.isBlank()) throw ConfigReader.invalid("run.output", "''", "must be a directory path or URI");
        return new RunSettings(name, r.anyLong("run.seed"), output, r.bool("run.overwrite"));
    }

    private static DataSettings readData(ConfigReader r) {
        DataSettings.Source source = r.parsed("data.source", DataSettings.Source::parse);
        long examples = r.positiveLong("data.examples");
        int partitions = r.positiveInt("data.partitions");
        String path = r.string("data.path");
        if (source == DataSettings.Source.CSV && path.isBlank()) {
            throw new ConfigError("config key 'data.path' must name a CSV file or directory when data.source = csv");
        }
        if (source == DataSettings.Source.IMAGES && path.isBlank()) {
            throw new ConfigError("config key 'data.path' must name a prepared data set (the directory sparkgan prepare"
                    + " wrote) when data.source = images");
        }
        if (source.isGenerated() && partitions > examples) {
            throw new ConfigError("config key 'data.partitions' (" + partitions + ") exceeds the number of examples"
                    + " 'data.examples' (" + examples + "): every partition needs at least one example");
        }
        if (source.isGenerated() && examples > Integer.MAX_VALUE) {
            throw ConfigReader.invalid("data.examples", examples, "must be at most " + Integer.MAX_VALUE);
        }
        String labelColumn = r.string("data.label-column").trim();
        if (!labelColumn.isEmpty() && source != DataSettings.Source.CSV) {
            throw new ConfigError("config key 'data.label-column' ('" + labelColumn + "') applies to data.source = csv"
                    + " only (a prepared image set's labels come with it); remove it");
        }
        if (labelColumn.matches("0+")) {
            throw ConfigReader.invalid("data.label-column", labelColumn, "must count columns from 1");
        }
        return new DataSettings(source, examples, path, partitions, r.positiveInt("data.dimension"),
                r.positiveInt("data.blob-count"), labelColumn);
    }

    private static ModelSettings readModel(ConfigReader r) {
        String type = r.string("model.type");
        if (!java.util.Set.of("mlp", "dcgan", "dcgan-reference").contains(type)) {
            throw ConfigReader.invalid("model.type", "'" + type + "'", "must be mlp, dcgan or dcgan-reference");
        }
        int latentDim = r.positiveInt("model.latent-dim");
        if (type.equals("dcgan-reference") && latentDim != 100) {
            throw ConfigReader.invalid("model.latent-dim", latentDim, "must be 100 for model.type = dcgan-reference");
        }
        int imageSize = r.positiveInt("model.image-size");
        if (type.equals("dcgan") && imageSize != 28 && imageSize != 32 && imageSize != 64) {
            throw ConfigReader.invalid("model.image-size", imageSize, "must be 28, 32 or 64 for model.type = dcgan");
        }
        int channels = r.positiveInt("model.channels");
        if (channels != 1 && channels != 3) throw ConfigReader.invalid("model.channels", channels, "must be 1 or 3");
        String precision = r.string("model.precision").toLowerCase(Locale.ROOT);
        DataType dataType;
        if (precision.equals("float")) dataType = DataType.FLOAT;
        else if (precision.equals("double")) dataType = DataType.DOUBLE;
        else throw ConfigReader.invalid("model.precision", "'" + precision + "'", "must be float or double");
        int pack = r.positiveInt("model.pack");
        if (pack > 1 && !type.equals("mlp")) {
            throw ConfigReader.invalid("model.pack", pack, "must be 1 unless model.type = mlp (" + type + " has no packed D)");
        }
        boolean conditional = r.bool("model.conditional");
        if (conditional && pack > 1) {
            throw ConfigReader.invalid("model.pack", pack, "must be 1 with model.conditional = true (a packed row would"
                    + " mix several examples' classes)");
        }
        int clusters = r.nonNegativeInt("model.clusters");
        int clusterIterations = r.positiveInt("model.cluster-iterations");
        if (clusters > 0 && conditional) {
            throw ConfigReader.invalid("model.clusters", clusters, "must be 0 with model.conditional = true: a model"
                    + " conditions either on the data's labels or on k-means clusters (set one of them)");
        }
        if (clusters == 1 || (clusters > 0 && pack > 1)) {
            throw ConfigReader.invalid("model.clusters", clusters, clusters == 1 ? "must be 0 (off) or at least 2"
                    : "must be 0 with model.pack > 1 (a packed row would mix several examples' clusters)");
        }
        String clusterFeatures = r.string("model.cluster-features");
        if (!ModelSettings.CLUSTER_FEATURES.contains(clusterFeatures)) {
            throw ConfigReader.invalid("model.cluster-features", "'" + clusterFeatures + "'",
                    "must be one of " + String.join(", ", ModelSettings.CLUSTER_FEATURES));
        }
        if (clusters == 0 && !clusterFeatures.equals("pixels")) {
            throw ConfigReader.invalid("model.cluster-features", "'" + clusterFeatures + "'", "applies to self-conditioned"
                    + " models only (model.clusters > 0); set model.clusters or remove model.cluster-features");
        }
        int baseWidth = r.positiveInt("model.base-width");
        int generatorBaseWidth = r.nonNegativeInt("model.generator-base-width");
        DiscriminatorNorm discriminatorNorm = r.parsed("model.discriminator-norm", DiscriminatorNorm::parse);
        if (!type.equals("dcgan") && (generatorBaseWidth != 0 || discriminatorNorm != DiscriminatorNorm.BATCH_NORM)) {
            String key = generatorBaseWidth != 0 ? "model.generator-base-width" : "model.discriminator-norm";
            throw new ConfigError("config key '" + key + "' applies to model.type = dcgan only (this is " + type
                    + "); remove it");
        }
        return new ModelSettings(type, latentDim, r.positiveInts("model.generator-hidden"),
                r.positiveInts("model.discriminator-hidden"), r.parsed("model.hidden-activation", Activation::parse),
                r.doubleIn("model.leaky-slope", 0, 1), r.parsed("model.generator-output", Activation::parse), dataType,
                imageSize, channels, baseWidth, pack, generatorBaseWidth == 0 ? baseWidth : generatorBaseWidth,
                discriminatorNorm, conditional, clusters, clusterIterations, clusterFeatures);
    }

    /**
     * Rules that tie model keys to data keys. Only an image set or a DataFrame (whose image shape
     * is known at fit) can have images; whether the maps fit the images is checked once the data set is
     * opened, before it is loaded (clustering/SelfConditioning.features).
     */
    private static void checkModelAgainstData(ModelSettings model, DataSettings data) {
        DataSettings.Source source = data.source();
        if (!model.clusterFeatures().equals("pixels") && source != DataSettings.Source.IMAGES
                && source != DataSettings.Source.DATAFRAME) {
            throw new ConfigError("config key 'model.cluster-features' ('" + model.clusterFeatures() + "') needs images"
                    + " (data.source = images), but data.source = " + source.configName() + " has none: use"
                    + " model.cluster-features = pixels");
        }
    }

    /** Rules that tie model keys to train keys. */
    private static void checkModelAgainstTraining(ModelSettings model, TrainingSettings training) {
        if (training.batchPerPartition() % model.pack() != 0) {
            throw new ConfigError("config key 'model.pack' (" + model.pack() + ") must divide 'train.batch-per-partition' ("
                    + training.batchPerPartition() + "): D sees each partition's minibatch in packs of that size");
        }
        if (training.r1Gamma() > 0 && !(model.type().equals("mlp") && (model.hiddenActivation() == Activation.RELU
                || model.hiddenActivation() == Activation.LEAKY_RELU))) {
            throw new ConfigError("config key 'train.r1-gamma' (" + training.r1Gamma() + ") needs model.type = mlp with"
                    + " model.hidden-activation = relu or leaky-relu (its gradient is exact for piecewise-linear D only)");
        }
        if (training.resultEncoding().rounds() && model.dataType() == DataType.DOUBLE) {
            throw new ConfigError("config key 'train.result-encoding' (" + training.resultEncoding().configName()
                    + ") must be float32 with model.precision = double: double precision is for exactness checks,"
                    + " and a 16-bit encoding rounds every task result");
        }
        if (training.r1Gamma() > 0 && model.classConditioned()) {
            throw new ConfigError("config key 'train.r1-gamma' (" + training.r1Gamma() + ") must be 0 with"
                    + " model.conditional = true (the penalty is not implemented for the projection discriminator)");
        }
    }

    private static EvaluationSettings readEvaluation(ConfigReader r, DataSettings data) {
        int every = r.nonNegativeInt("evaluation.every-rounds");
        String evaluator = r.string("evaluation.evaluator");
        int samples = r.positiveInt("evaluation.samples");
        if (samples < 2) throw ConfigReader.invalid("evaluation.samples", samples, "must be at least 2 (FID needs a covariance)");
        if (every > 0 && evaluator.isBlank()) {
            throw new ConfigError("config key 'evaluation.evaluator' must name an evaluator directory (written by"
                    + " sparkgan evaluator train) when evaluation.every-rounds = " + every);
        }
        // A DataFrame fit's examples may be images (an image model's, an image column's): checked at fit.
        if (every > 0 && data.source() != DataSettings.Source.IMAGES && data.source() != DataSettings.Source.DATAFRAME) {
            throw new ConfigError("config key 'evaluation.every-rounds' (" + every + ") needs image data"
                    + " (data.source = images); " + data.source().configName() + " runs are scored by sparkgan evaluate");
        }
        return new EvaluationSettings(every, evaluator, samples);
    }

    private static TrainingSettings readTraining(ConfigReader r, long seed) {
        TrainingSettings.Mode mode = r.parsed("train.mode", TrainingSettings.Mode::parse);
        int localSteps = r.positiveInt("train.local-steps");
        if (mode == TrainingSettings.Mode.SYNC && localSteps != 1) {
            throw new ConfigError("config key 'train.local-steps' must be 1 in sync mode, got " + localSteps
                    + "; set train.mode = average to take several local steps");
        }
        GanLoss loss = r.parsed("train.loss", GanLoss::parse);
        double labelSmoothing = r.doubleIn("train.label-smoothing", 0, 0.5);
        if (labelSmoothing > 0 && !loss.allowsLabelSmoothing()) {
            throw ConfigReader.invalid("train.label-smoothing", labelSmoothing, "must be 0 with train.loss = "
                    + loss.configName() + " (its real target is a margin, not a label)");
        }
        return TrainingSettings.builder()
                .seed(seed)
                .rounds(r.positiveInt("train.rounds"))
                .batchPerPartition(r.positiveInt("train.batch-per-partition"))
                .criticSteps(r.positiveInt("train.critic-steps"))
                .mode(mode)
                .localSteps(localSteps)
                .loss(loss)
                .labelSmoothing(labelSmoothing)
                .lrDecayStart(r.doubleIn("train.lr-decay-start", 0, 1.000001))
                .lrFinalFraction(r.doubleIn("train.lr-final-fraction", 0, 1.000001))
                .generatorEmaDecay(r.doubleIn("train.generator-ema-decay", 0, 1))
                .generatorEmaStart(r.doubleIn("train.generator-ema-start", 0, 1))
                .r1Gamma(r.doubleIn("train.r1-gamma", 0, 1e6))
                .generatorOptimizer(readOptimizer(r, "train.generator-optimizer"))
                .discriminatorOptimizer(readOptimizer(r, "train.discriminator-optimizer"))
                .resultEncoding(r.parsed("train.result-encoding", VectorEncoding::parse))
                .aggregation(r.parsed("train.aggregation", ResultAggregation::parse))
                .build();
    }

    private static SampleSettings readSamples(ConfigReader r) {
        int count = r.nonNegativeInt("samples.count");
        if (count > SampleSettings.MAX_COUNT) {
            throw ConfigReader.invalid("samples.count", count, "must be at most " + SampleSettings.MAX_COUNT);
        }
        double truncation = r.doubleIn("samples.truncation", 0, 100);
        if (truncation > 0 && truncation < LatentPrior.MIN_TRUNCATION) {
            throw ConfigReader.invalid("samples.truncation", truncation,
                    "must be 0 (off) or at least " + LatentPrior.MIN_TRUNCATION + " (e.g. 1.0)");
        }
        return new SampleSettings(r.nonNegativeInt("samples.every-rounds"), count, truncation);
    }

    private static OptimizerSettings readOptimizer(ConfigReader r, String prefix) {
        return new OptimizerSettings(r.parsed(prefix + ".type", OptimizerSettings.Type::parse),
                r.positiveDouble(prefix + ".learning-rate"), r.doubleIn(prefix + ".beta1", 0, 1),
                r.doubleIn(prefix + ".beta2", 0, 1), r.positiveDouble(prefix + ".epsilon"));
    }

    public RunSettings run() {
        return run;
    }

    public DataSettings data() {
        return data;
    }

    public ModelSettings model() {
        return model;
    }

    public TrainingSettings training() {
        return training;
    }

    public LogSettings log() {
        return log;
    }

    public SampleSettings samples() {
        return samples;
    }

    public CheckpointSettings checkpoint() {
        return checkpoint;
    }

    /**
     * Every key of a rendered config with its value as concise HOCON, sorted by key; read without
     * validation, so a config saved by another build can still be compared with this one.
     */
    public static SortedMap<String, String> values(String hocon) {
        SortedMap<String, String> values = new TreeMap<>();
        try {
            for (Map.Entry<String, ConfigValue> e : ConfigFactory.parseString(hocon).resolve().entrySet()) {
                values.put(e.getKey(), e.getValue().render(ConfigRenderOptions.concise()));
            }
        } catch (ConfigException e) {
            throw new ConfigError("cannot parse config: " + e.getMessage(), e);
        }
        return values;
    }

    public EvaluationSettings evaluation() {
        return evaluation;
    }

    /** The complete resolved config (defaults included) as HOCON, for the run directory. */
    public String render() {
        return config.root().render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
    }
}
