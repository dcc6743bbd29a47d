package io.sparkgan.ml;

import io.sparkgan.config.GanConfig;
import io.sparkgan.config.ModelSettings;
import io.sparkgan.images.Background;
import io.sparkgan.images.ImageShape;
import io.sparkgan.run.Checkpoint;
import io.sparkgan.run.ResumePoint;
import io.sparkgan.run.RunFiles;
import io.sparkgan.run.TrainingRun;
import io.sparkgan.spark.SparkTraining;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a GAN on a DataFrame column of examples: a Spark ML {@link org.apache.spark.ml.Estimator}
 * whose {@link #fit} returns a {@link GanModel}. Each partition of the DataFrame becomes one
 * training block on the executor that holds it (cached there, minibatches drawn from it every
 * round as from the command line's blocks); nothing but a few numbers per partition reaches the
 * driver. The training settings are the config keys of sparkgan-defaults.conf, as typed params
 * ({@link GanTrainingParams}), as a recipe ({@link #setRecipe}) and as HOCON text ({@link #setConfig}).
 * See docs/library.md.
 */
public final class GanEstimator extends GanTrainingParams implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(GanEstimator.class);

    private final Param<String> featuresCol = new Param<>(this, "featuresCol",
            "the column of training examples: a Spark ML vector (VectorUDT), array<float> or array<double>, an"
                    + " image column of spark.read.format(\"image\"), or the binary content of"
                    + " spark.read.format(\"binaryFile\") rows of PNG/JPEG files");
    private final BooleanParam imageResize = new BooleanParam(this, "imageResize",
            "images of another size or channel count than the model's are scaled to cover it, centre-cropped and"
                    + " converted (BT.601 gray, or gray replicated to RGB) as sparkgan prepare --size/--channels does;"
                    + " false: they are refused, naming the file. The model's shape is model.image-size x"
                    + " model.image-size x model.channels (for model.type = mlp with false: the first image's)");
    private final Param<String> imageBackground = new Param<>(this, "imageBackground",
            "the colour transparent pixels of images are composited over: white, black or #RRGGBB, as sparkgan"
                    + " prepare --background");
    private final Param<String> labelCol = new Param<>(this, "labelCol",
            "the column of class labels 0, 1, ..., K-1 (integer or double) of a class-conditional model"
                    + " (model.conditional = true); \"\" for an unconditional one");
    private final IntParam numClasses = new IntParam(this, "numClasses",
            "number of classes K of a conditional model; 0: the largest label + 1");
    private final Param<String> outputDir = new Param<>(this, "outputDir",
            "the run directory (any Hadoop filesystem URI): config.conf, provenance.json, metrics.jsonl,"
                    + " samples/, checkpoints/, model.ckpt, as `sparkgan train` writes; \"\": none (a temporary one"
                    + " on the driver, deleted after fit; with resumeFrom a run directory, that one)");
    private final Param<String> resumeFrom = new Param<>(this, "resumeFrom",
            "a run directory (an earlier fit's outputDir) or a checkpoint directory, any"
                    + " Hadoop filesystem URI: the fit continues from its newest valid checkpoint as sparkgan train"
                    + " --resume does, refused (naming what changed) if the model, the data set, the seed or an"
                    + " optimiser type differs; with outputDir unset it continues in that run directory. \"\": a new"
                    + " fit");
    private final Param<String> recipe = new Param<>(this, "recipe",
            "a recipe name from conf/ (e.g. ring8) or a config file path, under config and the params; \"\": the"
                    + " defaults of sparkgan-defaults.conf");
    private final Param<String> config = new Param<>(this, "config",
            "HOCON text with any config keys (e.g. \"train { rounds = 500 }\"), over the recipe and under the"
                    + " params that are set; not data.* or run.name/run.output, which the DataFrame and outputDir decide");

    /** A new estimator with a random uid. */
    public GanEstimator() {
        this(Identifiable$.MODULE$.randomUID("GanEstimator"));
    }

    /**
     * An estimator with the given uid (Spark ML copies and loads estimators through this constructor).
     *
     * @param uid the unique id
     */
    public GanEstimator(String uid) {
        super(uid);
        setDefault(featuresCol, "features");
        setDefault(imageResize, false);
        setDefault(imageBackground, "black");
        setDefault(labelCol, "");
        setDefault(numClasses, 0);
        setDefault(outputDir, "");
        setDefault(resumeFrom, "");
        setDefault(recipe, "");
        setDefault(config, "");
    }

    @Override
    protected GanEstimator self() {
        return this;
    }

    /** The example column's param. */
    public Param<String> featuresCol() {
        return featuresCol;
    }

    /** The image resizing param. */
    public BooleanParam imageResize() {
        return imageResize;
    }

    /** The image background param. */
    public Param<String> imageBackground() {
        return imageBackground;
    }

    /** Whether images of another shape are brought to the model's (default false: refused). */
    public boolean getImageResize() {
        return (Boolean) getOrDefault(imageResize);
    }

    /** The colour under transparent pixels (default "black"). */
    public String getImageBackground() {
        return getOrDefault(imageBackground);
    }

    /**
     * @param resize true to scale, crop and convert images of another shape to the model's as sparkgan
     *               prepare does; false to refuse them, naming the file
     * @return this estimator
     */
    public GanEstimator setImageResize(boolean resize) {
        set(imageResize, resize);
        return this;
    }

    /**
     * @param colour white, black or #RRGGBB: the colour transparent pixels are composited over
     * @return this estimator
     */
    public GanEstimator setImageBackground(String colour) {
        Background.parse(colour);
        set(imageBackground, colour);
        return this;
    }

    /** The label column's param. */
    public Param<String> labelCol() {
        return labelCol;
    }

    /** The number of classes' param. */
    public IntParam numClasses() {
        return numClasses;
    }

    /** The run directory's param. */
    public Param<String> outputDir() {
        return outputDir;
    }

    /** The param of the run to continue. */
    public Param<String> resumeFrom() {
        return resumeFrom;
    }

    /** The run or checkpoint directory the fit continues from ("" for a new fit). */
    public String getResumeFrom() {
        return getOrDefault(resumeFrom);
    }

    /**
     * @param uri a run directory or checkpoint directory (any Hadoop filesystem URI) whose newest valid
     *            checkpoint the fit continues from, as {@code sparkgan train --resume}; "" for a new fit
     * @return this estimator
     */
    public GanEstimator setResumeFrom(String uri) {
        set(resumeFrom, uri);
        return this;
    }

    /** The recipe's param. */
    public Param<String> recipe() {
        return recipe;
    }

    /** The config text's param. */
    public Param<String> config() {
        return config;
    }

    /** The example column (default "features"). */
    public String getFeaturesCol() {
        return getOrDefault(featuresCol);
    }

    /** The label column of a conditional model ("" for none). */
    public String getLabelCol() {
        return getOrDefault(labelCol);
    }

    /** The number of classes of a conditional model; 0: the largest label + 1. */
    public int getNumClasses() {
        return (Integer) getOrDefault(numClasses);
    }

    /** The run directory URI ("" for a temporary one). */
    public String getOutputDir() {
        return getOrDefault(outputDir);
    }

    /** The recipe or config file under the config text ("" for the defaults alone). */
    public String getRecipe() {
        return getOrDefault(recipe);
    }

    /** The HOCON text over the recipe. */
    public String getConfig() {
        return getOrDefault(config);
    }

    /**
     * @param column the column of training examples (VectorUDT, array&lt;float&gt; or array&lt;double&gt;)
     * @return this estimator
     */
    public GanEstimator setFeaturesCol(String column) {
        set(featuresCol, column);
        return this;
    }

    /**
     * @param column the column of class labels of a conditional model ("" for none)
     * @return this estimator
     */
    public GanEstimator setLabelCol(String column) {
        set(labelCol, column);
        return this;
    }

    /**
     * @param k the number of classes of a conditional model (labels must be below it); 0: the largest label + 1
     * @return this estimator
     */
    public GanEstimator setNumClasses(int k) {
        if (k < 0) throw new IllegalArgumentException("numClasses must be 0 (from the labels) or positive, got " + k);
        set(numClasses, k);
        return this;
    }

    /**
     * @param uri the run directory to write (any Hadoop filesystem URI); "" for none
     * @return this estimator
     */
    public GanEstimator setOutputDir(String uri) {
        set(outputDir, uri);
        return this;
    }

    /**
     * @param name a recipe name from conf/ (e.g. "ring8") or a config file path; "" for the defaults alone
     * @return this estimator
     */
    public GanEstimator setRecipe(String name) {
        set(recipe, name);
        return this;
    }

    /**
     * @param hocon config keys as HOCON text, e.g. {@code "train { rounds = 500, batch-per-partition = 64 }"},
     *              over the recipe and under the params that are set
     * @return this estimator
     */
    public GanEstimator setConfig(String hocon) {
        set(config, hocon);
        return this;
    }

    /**
     * The complete config a fit on {@code partitions} partitions would run with: defaults, recipe,
     * config text and the params that are set, validated.
     *
     * @param partitions the number of (non-empty) DataFrame partitions
     * @return the config
     * @throws io.sparkgan.config.ConfigError naming the key of a bad setting
     */
    public GanConfig resolvedConfig(int partitions) {
        return EstimatorConfig.resolve(this, partitions, getOutputDir().isEmpty() ? "runs/run" : getOutputDir());
    }

    /**
     * Checks the example and label columns and the whole config, without running anything.
     *
     * @param schema the training DataFrame's schema
     * @return {@code schema}: a GAN adds no column to its training data
     */
    @Override
    public StructType transformSchema(StructType schema) {
        GanConfig cfg = resolvedConfig(1);
        exampleColumn(schema, FeatureKind.of(schema, getFeaturesCol(), "featuresCol"), cfg,
                labelColumn(schema, cfg) != null);
        return schema;
    }

    /** How the example column becomes blocks: vectors, or images brought to the model's shape. */
    private ExampleColumn exampleColumn(StructType schema, FeatureKind kind, GanConfig cfg, boolean labelled) {
        if (!kind.isImage()) return new VectorColumn(kind, getFeaturesCol());
        ModelSettings m = cfg.model();
        ImageShape target = null;
        String origin = null;
        if (m.type().equals("dcgan-reference")) {
            target = new ImageShape(28, 28, 1);
            origin = "model.type = dcgan-reference";
        } else if (m.type().equals("dcgan") || getImageResize()) {
            target = new ImageShape(m.imageSize(), m.imageSize(), m.channels());
            origin = "model.image-size = " + m.imageSize() + " and model.channels = " + m.channels();
        }
        Background background;
        try {
            background = Background.parse(getImageBackground());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("imageBackground: " + e.getMessage(), e);
        }
        String path = pathColumn(schema, kind);
        return new ImageColumn(kind, getFeaturesCol(), path == null ? -1 : labelled ? 2 : 1, target, origin,
                getImageResize(), background);
    }

    /** binaryFile's path column, which names each row's file in messages, or null. */
    private static String pathColumn(StructType schema, FeatureKind kind) {
        boolean has = kind == FeatureKind.IMAGE_FILE && java.util.Arrays.asList(schema.fieldNames()).contains("path")
                && schema.apply("path").dataType().equals(DataTypes.StringType);
        return has ? "path" : null;
    }

    /** The label column to read (checked), or null for an unconditional model. */
    private String labelColumn(StructType schema, GanConfig cfg) {
        String label = getLabelCol();
        if (!cfg.model().conditional()) {
            if (!label.isEmpty()) {
                throw new IllegalArgumentException("labelCol is '" + label + "' but the model is unconditional"
                        + " (model.conditional = false); set conditional to true to train on the labels, or clear"
                        + " labelCol");
            }
            return null;
        }
        if (label.isEmpty()) {
            throw new IllegalArgumentException("model.conditional = true needs class labels: set labelCol to the"
                    + " DataFrame's label column (one of " + java.util.Arrays.toString(schema.fieldNames()) + ")");
        }
        Columns.requireLabels(schema, label, "labelCol");
        return label;
    }

    /**
     * Trains on {@code dataset}: its partitions become cached training blocks on the executors; the
     * rounds, checkpoints and run files are those of {@code sparkgan train}.
     *
     * @param dataset the training data, with the featuresCol column (and labelCol for a conditional model)
     * @return the trained model
     * @throws io.sparkgan.util.DataFormatException naming the column and an offending row, for bad rows
     *         or an empty DataFrame
     */
    @Override
    public GanModel fit(Dataset<?> dataset) {
        StructType schema = dataset.schema();
        FeatureKind kind = FeatureKind.of(schema, getFeaturesCol(), "featuresCol");
        GanConfig settings = resolvedConfig(1);
        String label = labelColumn(schema, settings);
        ExampleColumn examples = exampleColumn(schema, kind, settings, label != null);
        SerializerCheck.require(dataset.sparkSession().sparkContext());
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
        ResumePoint resume = resumePoint(sc.hadoopConfiguration());
        String continued = resume == null ? null : continuedRunDirectory(sc.hadoopConfiguration());
        Path temporary = getOutputDir().isEmpty() && continued == null ? temporaryDirectory() : null;
        try {
            String runDirectory = !getOutputDir().isEmpty() ? getOutputDir()
                    : continued != null ? continued : temporary.resolve("run").toUri().toString();
            DataFrameBlocks.Loaded data = DataFrameBlocks.load(sc, dataset, examples, getFeaturesCol(), label,
                    pathColumn(schema, kind), getNumClasses());
            GanConfig cfg;
            try {
                cfg = EstimatorConfig.resolve(this, data.blocks().partitions(), runDirectory);
                if (resume != null) TrainingRun.checkResume(cfg, data.source(), resume, ResumePoint.Caller.ESTIMATOR);
            } catch (RuntimeException e) {
                data.blocks().close();
                throw e;
            }
            Checkpoint trained = SparkTraining.train(sc, cfg, data.source(), data.blocks(), List.of(), resume);
            GanModel model = new GanModel(uid(), cfg.render(), trained, kind, data.source().imageShape());
            return copyValues(model, ParamMap.empty()).setParent(this);
        } finally {
            if (temporary != null) deleteQuietly(temporary);
        }
    }

    /** The newest valid checkpoint of resumeFrom, or null for a new fit. */
    private ResumePoint resumePoint(Configuration hadoopConf) {
        if (getResumeFrom().isEmpty()) return null;
        ResumePoint point;
        try {
            point = ResumePoint.find(getResumeFrom(), hadoopConf);
        } catch (RuntimeException e) {
            throw new IllegalStateException("resumeFrom " + getResumeFrom() + ": " + e.getMessage(), e);
        }
        for (String warning : point.warnings()) LOG.warn(warning);
        return point;
    }

    /** resumeFrom when it is a run directory (it holds config.conf), else null (a checkpoint directory). */
    private String continuedRunDirectory(Configuration hadoopConf) {
        return RunFiles.open(getResumeFrom(), hadoopConf).exists(RunFiles.CONFIG) ? getResumeFrom() : null;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("sparkgan-fit-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary run directory (set outputDir): " + e, e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    @Override
    public GanEstimator copy(ParamMap extra) {
        return (GanEstimator) defaultCopy(extra);
    }

    /** Reads an estimator saved with {@code write().save(path)}. */
    public static MLReader<GanEstimator> read() {
        return new DefaultParamsReader<>();
    }

    /**
     * Loads an estimator saved with {@code write().save(path)}.
     *
     * @param path its directory, any Hadoop filesystem URI
     */
    public static GanEstimator load(String path) {
        return read().load(path);
    }
}
