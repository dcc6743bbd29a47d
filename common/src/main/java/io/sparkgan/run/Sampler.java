package io.sparkgan.run;

import io.sparkgan.config.GanConfig;
import io.sparkgan.data.VectorBlock;
import io.sparkgan.gan.GanStep;
import io.sparkgan.model.GanModelSpec;
import io.sparkgan.plot.ImageGrid;
import io.sparkgan.config.DataSettings;
import io.sparkgan.dataset.PreparedDataset;
import io.sparkgan.images.ImageShape;
import io.sparkgan.rng.RngStream;
import io.sparkgan.util.AtomicFiles;
import io.sparkgan.util.CsvFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import io.sparkgan.rng.LatentPrior;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Generates examples from a finished run's generator, in this JVM (no Spark needed). */
public final class Sampler {
    private static final int CHUNK = 4096;
    /** The largest Java array HotSpot allocates (a few header words below Integer.MAX_VALUE). */
    static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private final GanConfig config;
    private final GanModelSpec spec;
    private final Checkpoint checkpoint;
    private final Configuration hadoopConf;
    private final LatentPrior prior;
    /** The examples' image shape when the run directory cannot tell it (an MLP trained on a DataFrame of images), or null. */
    private final ImageShape knownShape;

    /**
     * @param config the run's config (its {@code samples.truncation} sets the latent prior)
     * @param spec the model the checkpoint holds
     * @param checkpoint the trained state
     * @param hadoopConf the job's Hadoop configuration: it reads the run's data set (for the image
     *                   shape of an MLP trained on images), which may need the job's filesystem settings
     */
    public Sampler(GanConfig config, GanModelSpec spec, Checkpoint checkpoint, Configuration hadoopConf) {
        this(config, spec, checkpoint, hadoopConf, config.samples().prior(), null);
    }

    private Sampler(GanConfig config, GanModelSpec spec, Checkpoint checkpoint, Configuration hadoopConf,
                    LatentPrior prior, ImageShape knownShape) {
        if (checkpoint.dataDim() != spec.dataDim() || checkpoint.latentDim() != spec.latentDim()
                || checkpoint.classes() != spec.classes()) {
            throw new IllegalStateException("checkpoint is for latent " + checkpoint.latentDim() + " / data "
                    + checkpoint.dataDim() + " / " + checkpoint.classes() + " classes but the config describes latent "
                    + spec.latentDim() + " / data " + spec.dataDim() + " / " + spec.classes() + " classes");
        }
        this.config = config;
        this.spec = spec;
        this.checkpoint = checkpoint;
        this.hadoopConf = hadoopConf;
        this.prior = prior;
        this.knownShape = knownShape;
    }

    /**
     * This sampler, with the examples' image shape given: for a model without a shape of its own
     * (an MLP) trained on data whose shape the run directory does not record (a DataFrame of images).
     *
     * @param shape the shape, or null to keep what the run tells
     */
    public Sampler withImageShape(ImageShape shape) {
        return new Sampler(config, spec, checkpoint, hadoopConf, prior, shape);
    }

    /**
     * The sampler of the run directory at {@code uri}: its config.conf and model.ckpt.
     *
     * @param uri the run directory
     * @param conf the job's Hadoop configuration (used for the run and, later, its data set)
     */
    public static Sampler forRun(String uri, Configuration conf) {
        return forRun(RunFiles.open(uri, conf), conf);
    }

    static Sampler forRun(RunFiles run, Configuration conf) {
        GanConfig config = GanConfig.parse(run.readText(RunFiles.CONFIG));
        Checkpoint checkpoint = Checkpoint.fromBytes(run.read(RunFiles.MODEL), run.path(RunFiles.MODEL).toString());
        return new Sampler(config, config.model().spec(checkpoint.dataDim(), checkpoint.classes()), checkpoint, conf);
    }

    public GanConfig config() {
        return config;
    }

    public GanModelSpec spec() {
        return spec;
    }

    /**
     * {@code n} examples from z drawn with the SAMPLING stream of {@code seed}; a class-conditional
     * model's row i is of class i mod K, a self-conditioned model's rows of clusters drawn from its
     * cluster frequencies with the SAMPLED_CLASSES stream of {@code seed} (the block carries the labels).
     */
    public VectorBlock generate(int n, long seed) {
        return generate(n, seed, CHUNK);
    }

    /**
     * {@code n} examples from z drawn with the SAMPLING stream of {@code seed}, {@code chunk} at
     * a time through G (the same examples whatever the chunk: the latents are drawn in order).
     * A class-conditional model's row i is of class i mod K (the block carries the labels).
     *
     * @param n number of examples (at least 1)
     * @param seed seed of the SAMPLING stream
     * @param chunk examples per forward pass: bounds G's activation memory (large images want a few hundred)
     */
    public VectorBlock generate(int n, long seed, int chunk) {
        int classes = spec.classes();
        if (checkpoint.clusters() != null) {
            int[] drawn = checkpoint.clusters().prior().draw(RngStream.SAMPLED_CLASSES.at(seed), n);
            return generate(n, seed, chunk, i -> drawn[i]);
        }
        return generate(n, seed, chunk, classes > 0 ? i -> i % classes : null);
    }

    /** Whether this run's classes are self-conditioning clusters (drawn by frequency) rather than the data's labels. */
    public boolean selfConditioned() {
        return checkpoint.clusters() != null;
    }

    /**
     * {@code n} examples of class {@code label} from z drawn with the SAMPLING stream of
     * {@code seed} (the same z as {@link #generate(int, long)}).
     *
     * @param n number of examples (at least 1)
     * @param seed seed of the SAMPLING stream
     * @param label the class asked for, in [0, K)
     * @throws IllegalArgumentException if the model is unconditional or {@code label} is outside [0, K)
     */
    public VectorBlock generateClass(int n, long seed, int label) {
        requireClass(label);
        return generate(n, seed, CHUNK, i -> label);
    }

    /**
     * Refuses a class this run's generator cannot be asked for.
     *
     * @param label the class asked for
     * @throws IllegalArgumentException naming the class and the valid range, or saying the model is unconditional
     */
    public void requireClass(int label) {
        requireClass(label, spec.classes(), "run " + config.run().name() + "'s model");
    }

    /**
     * Refuses a class a generator cannot be asked for.
     *
     * @param label the class asked for
     * @param classes the generator's number of classes K (0: unconditional)
     * @param model the generator, named in the message (e.g. "run mnist's model")
     * @throws IllegalArgumentException naming the class and the valid range, or saying the model is unconditional
     */
    public static void requireClass(int label, int classes, String model) {
        if (classes == 0) {
            throw new IllegalArgumentException("class " + label + " asked of " + model + ", which is unconditional"
                    + " (trained with model.conditional = false) and has no classes; sample without a class, or train"
                    + " with model.conditional = true on labelled data");
        }
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("class " + label + " is outside the classes 0.." + (classes - 1) + " of "
                    + model + " (" + classes + " classes)");
        }
    }

    private VectorBlock generate(int n, long seed, int chunk, IntUnaryOperator labelOfRow) {
        if (n <= 0) throw new IllegalArgumentException("number of samples must be positive, got " + n);
        if (chunk <= 0) throw new IllegalArgumentException("chunk must be positive, got " + chunk);
        GanStep step = new GanStep(spec);
        GeneratorSnapshot generator = GeneratorSnapshot.of(step, checkpoint, config.run().seed(), prior);
        SplittableRandom rng = RngStream.SAMPLING.at(seed);
        int d = spec.dataDim();
        float[] out = new float[checkedLength(n, d)];
        int[] labels = labelOfRow == null ? null : new int[n];
        for (int start = 0; start < n; start += chunk) {
            int rows = Math.min(chunk, n - start);
            INDArray z = generator.latents(rng, rows);
            int[] chunkLabels = null;
            if (labels != null) {
                // labels by the row's index in the whole set, so the chunk size does not change them
                for (int i = start; i < start + rows; i++) labels[i] = labelOfRow.applyAsInt(i);
                chunkLabels = Arrays.copyOfRange(labels, start, start + rows);
            }
            float[] x = generator.generate(step, z, chunkLabels);
            System.arraycopy(x, 0, out, start * d, rows * d);
        }
        return labels == null ? new VectorBlock(out, n, d) : new VectorBlock(out, n, d, labels, spec.classes());
    }

    /** n x d as an array length, refused (instead of overflowing) with the largest n that fits. */
    private static int checkedLength(int n, int d) {
        long length = (long) n * d;
        if (length > MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException(n + " samples of " + d + " values each are " + length + " floats, more"
                    + " than one Java array holds (" + MAX_ARRAY_LENGTH + "); at most " + MAX_ARRAY_LENGTH / d
                    + " samples fit: ask for that many or fewer (--n), in several runs with different --seed if"
                    + " you need more");
        }
        return (int) length;
    }

    /**
     * Writes samples as CSV (one example a row, no header) to {@code uri} on any Hadoop filesystem,
     * atomically: a failed write leaves an earlier file of that name as it was.
     *
     * @param samples the examples
     * @param uri the CSV file
     * @param conf the job's Hadoop configuration
     */
    public static void writeCsv(VectorBlock samples, String uri, Configuration conf) {
        try {
            CsvFiles.write(new Path(uri), conf, List.of(), csv -> {
                Object[] row = new Object[samples.dim()];
                for (int i = 0; i < samples.rows(); i++) {
                    for (int j = 0; j < row.length; j++) row[j] = samples.get(i, j);
                    csv.printRecord(row);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write samples to " + uri + ": " + e.getMessage(), e);
        }
    }

    /** Scatter plot of 2-D samples over the data set's true modes (if it has any), as a PNG in the run. */
    public void writeScatterPlot(VectorBlock samples, String name, RunFiles run) {
        run.write(name, scatterPng(samples));
    }

    /** Scatter plot of 2-D samples over the true modes, written to {@code uri}. */
    public void writeScatterPlot(VectorBlock samples, String uri, Configuration conf) {
        writeFile(scatterPng(samples), uri, conf);
    }

    /** Writes {@code content} to {@code uri} on any Hadoop filesystem, atomically ({@link AtomicFiles}). */
    public static void writeFile(byte[] content, String uri, Configuration conf) {
        try {
            AtomicFiles.write(new Path(uri), content, conf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + uri + ": " + e.getMessage(), e);
        }
    }

    private byte[] scatterPng(VectorBlock samples) {
        return SamplePictures.scatter(samples, config.data().source(), config.run().name() + " ("
                + config.data().source().configName() + "), " + checkpoint.roundsDone() + " rounds", 800);
    }

    /**
     * The image shape of the run's examples, or null for vector data. A model without an image
     * shape of its own (an MLP) trained on images takes it from the run's data set's manifest.
     *
     * @throws IllegalStateException naming the data set's URI if its manifest cannot be read
     */
    public ImageShape imageShape() {
        if (spec.imageShape() != null) return spec.imageShape();
        if (knownShape != null) return knownShape;
        if (config.data().source() != DataSettings.Source.IMAGES) return null;
        String uri = config.data().path();
        try {
            return PreparedDataset.open(uri, hadoopConf).manifest().shape();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot read the image shape of run " + config.run().name()
                    + " from its data set " + uri + " (data.path; an MLP keeps no image shape of its own): "
                    + e.getMessage() + ". Make the data set readable there, with the Hadoop settings the training"
                    + " used (--spark-conf spark.hadoop.KEY=VALUE)", e);
        }
    }

    /** The first {@code count} samples as a PNG grid, 10 images a row. */
    public byte[] imageGridPng(VectorBlock samples, int count) {
        return ImageGrid.png(samples, imageShape(), count, 10);
    }

    /**
     * Labelled samples (from {@link #generate(int, long)} of a conditional model) as a PNG grid
     * with one row per class: row k holds the first {@code perClass} samples of class k.
     */
    public byte[] classRowsGridPng(VectorBlock samples, int perClass) {
        return SamplePictures.classRows(samples, imageShape(), spec.classes(), perClass);
    }

    /**
     * The picture of {@link #generate(int, long)}'s samples: one row per class for a conditional
     * model (up to 10 a class), else (also for a self-conditioned model, whose clusters are drawn
     * like the data's) the first {@code count} in rows of 10.
     */
    public byte[] samplesGridPng(VectorBlock samples, int count) {
        return samples.labelled() && !selfConditioned() ? classRowsGridPng(samples, 10) : imageGridPng(samples, count);
    }

    /** This run's sampler for the last trained generator, ignoring any moving average of it. */
    public Sampler withLiveGenerator() {
        return new Sampler(config, spec, checkpoint.withoutGeneratorAverage(), hadoopConf, prior, knownShape);
    }

    /**
     * This run's sampler drawing latents with truncation threshold {@code truncation} instead of
     * the run's {@code samples.truncation}.
     *
     * @param truncation 0 (plain N(0, I)) or a threshold of at least {@link LatentPrior#MIN_TRUNCATION}
     */
    public Sampler withTruncation(double truncation) {
        return new Sampler(config, spec, checkpoint, hadoopConf, new LatentPrior(truncation), knownShape);
    }

    /** The latent distribution this sampler draws from. */
    public LatentPrior prior() {
        return prior;
    }

    /** The generator this sampler samples with (the moving average if kept), computed with new networks. */
    public GeneratorSnapshot generatorSnapshot() {
        return GeneratorSnapshot.of(spec, checkpoint, config.run().seed(), prior);
    }

    public Checkpoint checkpoint() {
        return checkpoint;
    }
}
