package io.sparkgan.ml;

import io.sparkgan.config.GanConfig;
import io.sparkgan.images.ImageShape;
import io.sparkgan.model.GanModelSpec;
import io.sparkgan.run.Checkpoint;
import io.sparkgan.run.GeneratorSnapshot;
import io.sparkgan.run.Sampler;
import java.util.Objects;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A trained GAN as a Spark ML {@link Model}: {@link #transform} generates one example per row from
 * the row's seed (or latent vector, and class for a conditional model); {@link #generate} makes a
 * DataFrame of n examples from one seed. Generation runs on the executors; the generator (the
 * moving average of G when one was kept, as the command line samples) travels as a broadcast.
 * Saved and loaded with {@link #write()} and {@link #load} on any Hadoop filesystem; the saved
 * directory's data/ is a run directory that {@code sparkgan sample --run} also reads.
 */
public final class GanModel extends Model<GanModel> implements MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final String config;
    private final transient Checkpoint checkpoint;
    private final FeatureKind featureKind;
    private final ImageShape imageShape;
    private transient GanConfig parsedConfig;
    private transient GanModelSpec spec;
    private transient Broadcast<GeneratorSnapshot> broadcast;
    private transient SparkContext broadcastContext;

    private final Param<String> seedCol;
    private final Param<String> latentCol;
    private final Param<String> labelCol;
    private final Param<String> outputCol;

    /**
     * A model of a trained run (normally made by {@link GanEstimator#fit} or {@link #load}).
     *
     * @param uid the unique id (the estimator's, after fit)
     * @param config the complete config the run trained with (HOCON)
     * @param checkpoint the trained state
     * @param featureKind the type of the training examples' column, which generated columns have too
     */
    public GanModel(String uid, String config, Checkpoint checkpoint, FeatureKind featureKind) {
        this(uid, config, checkpoint, featureKind, null);
    }

    /**
     * A model of a trained run whose examples may be images.
     *
     * @param uid the unique id (the estimator's, after fit)
     * @param config the complete config the run trained with (HOCON)
     * @param checkpoint the trained state
     * @param featureKind the type of the training examples' column, which generated columns have too
     * @param imageShape the training images' shape (needed for an image kind unless the model is a
     *                   convolutional one, which has its own), or null for vectors
     */
    public GanModel(String uid, String config, Checkpoint checkpoint, FeatureKind featureKind, ImageShape imageShape) {
        this.uid = Objects.requireNonNull(uid, "uid");
        this.config = Objects.requireNonNull(config, "config");
        this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
        this.featureKind = Objects.requireNonNull(featureKind, "featureKind");
        // after the uid: a param takes its parent's uid when it is made
        seedCol = new Param<>(this, "seedCol",
                "the column of seeds (long): each row's latent vector is drawn from its seed, so a seed always gives the"
                        + " same example; used when latentCol is \"\"");
        latentCol = new Param<>(this, "latentCol",
                "a column of latent vectors (VectorUDT, array<float> or array<double> of model.latent-dim values) to"
                        + " generate from instead of seeds; \"\": use seedCol");
        labelCol = new Param<>(this, "labelCol",
                "the column of classes 0..K-1 to ask a conditional generator for (one per row); \"\" for an"
                        + " unconditional one");
        outputCol = new Param<>(this, "outputCol",
                "the column of generated examples that transform adds, of the training column's type");
        setDefault(seedCol, "seed");
        setDefault(latentCol, "");
        setDefault(labelCol, "");
        setDefault(outputCol, "generated");
        spec(); // refuse a checkpoint that does not fit its config here, not on the executors
        this.imageShape = imageShape != null ? imageShape : spec().imageShape();
        if (featureKind.isImage() && (this.imageShape == null || this.imageShape.pixels() != checkpoint.dataDim())) {
            throw new IllegalArgumentException("a GanModel of " + featureKind + " examples needs the image shape of its "
                    + checkpoint.dataDim() + " values, got " + (this.imageShape == null ? "none"
                    : this.imageShape.describe()));
        }
    }

    @Override
    public String uid() {
        return uid;
    }

    /** The seed column's param. */
    public Param<String> seedCol() {
        return seedCol;
    }

    /** The latent column's param. */
    public Param<String> latentCol() {
        return latentCol;
    }

    /** The class column's param. */
    public Param<String> labelCol() {
        return labelCol;
    }

    /** The generated column's param. */
    public Param<String> outputCol() {
        return outputCol;
    }

    /** The seed column (default "seed"). */
    public String getSeedCol() {
        return getOrDefault(seedCol);
    }

    /** The latent vector column ("" to use seedCol). */
    public String getLatentCol() {
        return getOrDefault(latentCol);
    }

    /** The class column of a conditional model. */
    public String getLabelCol() {
        return getOrDefault(labelCol);
    }

    /** The generated column (default "generated"). */
    public String getOutputCol() {
        return getOrDefault(outputCol);
    }

    /**
     * @param column a long column of seeds, one example each
     * @return this model
     */
    public GanModel setSeedCol(String column) {
        set(seedCol, column);
        return this;
    }

    /**
     * @param column a column of latent vectors ("" to generate from seedCol)
     * @return this model
     */
    public GanModel setLatentCol(String column) {
        set(latentCol, column);
        return this;
    }

    /**
     * @param column a column of classes to ask a conditional generator for
     * @return this model
     */
    public GanModel setLabelCol(String column) {
        set(labelCol, column);
        return this;
    }

    /**
     * @param column the name of the column of generated examples
     * @return this model
     */
    public GanModel setOutputCol(String column) {
        set(outputCol, column);
        return this;
    }

    /** The complete config the model was trained with (HOCON). */
    public String config() {
        return config;
    }

    /** The trained state: both networks, optimisers, the moving average of G. */
    public Checkpoint checkpoint() {
        return checkpoint;
    }

    /** The type of the training examples' column, and of generated columns. */
    public FeatureKind featureKind() {
        return featureKind;
    }

    /** The shape of generated images, or null for a model of vectors without one. */
    public ImageShape imageShape() {
        return imageShape;
    }

    /** Number of classes of a conditional generator, 0 for an unconditional one. */
    public int numClasses() {
        return checkpoint.classes();
    }

    /** Values per generated example. */
    public int dataDim() {
        return checkpoint.dataDim();
    }

    /** Size of the latent vectors. */
    public int latentDim() {
        return checkpoint.latentDim();
    }

    private GanConfig parsedConfig() {
        if (parsedConfig == null) parsedConfig = GanConfig.parse(config);
        return parsedConfig;
    }

    private GanModelSpec spec() {
        if (spec == null) spec = parsedConfig().model().spec(checkpoint.dataDim(), checkpoint.classes());
        return spec;
    }

    /** The generator as a broadcast of {@code sc}, made once per context. */
    private synchronized Broadcast<GeneratorSnapshot> generator(SparkContext sc) {
        SerializerCheck.require(sc);
        if (broadcast == null || broadcastContext != sc || sc.isStopped()) {
            GanConfig cfg = parsedConfig();
            GeneratorSnapshot snapshot = GeneratorSnapshot.of(spec(), checkpoint, cfg.run().seed(), cfg.samples().prior());
            broadcast = sc.broadcast(snapshot, scala.reflect.ClassTag$.MODULE$.apply(GeneratorSnapshot.class));
            broadcastContext = sc;
        }
        return broadcast;
    }

    /**
     * Checks the input columns and adds the generated one.
     *
     * @param schema the input's schema: seedCol (integer) or latentCol, and labelCol for a conditional model
     * @return the schema with outputCol appended
     */
    @Override
    public StructType transformSchema(StructType schema) {
        if (getLatentCol().isEmpty()) {
            DataType type = Columns.field(schema, getSeedCol(), "seedCol").dataType();
            if (!(type.equals(DataTypes.LongType) || type.equals(DataTypes.IntegerType))) {
                throw new IllegalArgumentException("column '" + getSeedCol() + "' (seedCol) is of type "
                        + type.simpleString() + "; seeds must be long or int (or set latentCol to a column of"
                        + " latent vectors)");
            }
        } else {
            FeatureKind.vectorOf(schema, getLatentCol(), "latentCol");
        }
        if (numClasses() > 0) {
            if (getLabelCol().isEmpty()) {
                throw new IllegalArgumentException("this generator is conditional (" + numClasses() + " classes):"
                        + " set labelCol to a column of the classes 0.." + (numClasses() - 1) + " to generate");
            }
            Columns.requireLabels(schema, getLabelCol(), "labelCol");
        }
        Columns.requireAbsent(schema, getOutputCol(), "outputCol");
        return schema.add(getOutputCol(), featureKind.sparkType(), false);
    }

    /**
     * One generated example per row of {@code dataset}, appended as outputCol.
     *
     * @param dataset rows with a seed (seedCol) or latent vector (latentCol), and a class (labelCol) for a
     *                conditional model
     * @return {@code dataset}'s rows with the generated column
     */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType schema = dataset.schema();
        StructType out = transformSchema(schema);
        LatentRows latents = getLatentCol().isEmpty()
                ? new LatentRows.FromSeedColumn(schema.fieldIndex(getSeedCol()), getSeedCol())
                : new LatentRows.FromLatentColumn(schema.fieldIndex(getLatentCol()), getLatentCol(),
                        FeatureKind.vectorOf(schema, getLatentCol(), "latentCol"));
        RowLabels labels = numClasses() == 0 ? null
                : new RowLabels.FromColumn(schema.fieldIndex(getLabelCol()), getLabelCol());
        SparkSession spark = dataset.sparkSession();
        JavaRDD<Row> rows = dataset.toDF().javaRDD().mapPartitionsWithIndex(new GeneratedRows(
                generator(spark.sparkContext()), latents, labels, featureKind, imageShape, GeneratedRows.Layout.APPENDED),
                true);
        return spark.createDataFrame(rows, out);
    }

    /**
     * {@code n} generated examples: column "generated" (a Spark ML vector; for a model trained on images
     * an image struct of Spark's image source, or PNG file bytes for binaryFile content), "id" (0..n-1) and, for a
     * conditional model, "label" (row i asks for class i mod K; a self-conditioned model's row i for a
     * cluster drawn with the clusters' frequencies at (seed, i)). Row i's latent vector is drawn
     * from (seed, i) alone, so the same seed gives the same rows however Spark partitions them.
     *
     * @param spark the session to generate in
     * @param n number of examples (at least 1)
     * @param seed the seed of the latent vectors
     * @return the examples
     */
    public Dataset<Row> generate(SparkSession spark, long n, long seed) {
        if (checkpoint.clusters() != null) {
            return generate(spark, n, seed, new RowLabels.FromPrior(1, seed, checkpoint.clusters().prior()));
        }
        return generate(spark, n, seed, numClasses() == 0 ? null : new RowLabels.IndexModK(1));
    }

    /**
     * {@code n} generated examples of class {@code label} of a conditional model: the same latent
     * vectors as {@link #generate(SparkSession, long, long)}, every row asking for {@code label}.
     *
     * @param spark the session to generate in
     * @param n number of examples (at least 1)
     * @param seed the seed of the latent vectors
     * @param label the class, in [0, K)
     * @return the examples, with columns "generated", "id" and "label"
     * @throws IllegalArgumentException if the model is unconditional or the class is outside [0, K)
     */
    public Dataset<Row> generate(SparkSession spark, long n, long seed, int label) {
        Sampler.requireClass(label, numClasses(), "this GanModel");
        return generate(spark, n, seed, new RowLabels.Fixed(label));
    }

    private Dataset<Row> generate(SparkSession spark, long n, long seed, RowLabels labels) {
        Objects.requireNonNull(spark, "spark");
        if (n <= 0) throw new IllegalArgumentException("the number of examples to generate must be positive, got " + n);
        FeatureKind kind = featureKind.isImage() ? featureKind : FeatureKind.VECTOR;
        StructType schema = new StructType().add("generated", kind.sparkType(), false).add("id", DataTypes.LongType, false);
        if (labels != null) schema = schema.add("label", DataTypes.IntegerType, false);
        // generated first, then the id; the LatentRows and RowLabels read the id as field 0 of the input row
        JavaRDD<Row> ids = spark.range(n).toDF().javaRDD();
        RowLabels inputLabels = labels instanceof RowLabels.IndexModK ? new RowLabels.IndexModK(0)
                : labels instanceof RowLabels.FromPrior prior ? prior.atField(0) : labels;
        JavaRDD<Row> rows = ids.mapPartitionsWithIndex(new GeneratedRows(generator(spark.sparkContext()),
                new LatentRows.FromIndex(0, seed), inputLabels, kind, imageShape,
                GeneratedRows.Layout.FIRST_WITH_LABEL), true);
        return spark.createDataFrame(rows, schema);
    }

    @Override
    public GanModel copy(ParamMap extra) {
        GanModel copy = new GanModel(uid, config, checkpoint, featureKind, imageShape);
        return copyValues(copy, extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new GanModelWriter(this);
    }

    /** Reads a model saved with {@code write().save(path)}. */
    public static MLReader<GanModel> read() {
        return new GanModelReader();
    }

    /**
     * Loads a model saved with {@code write().save(path)}.
     *
     * @param path its directory, any Hadoop filesystem URI
     */
    public static GanModel load(String path) {
        return read().load(path);
    }
}
