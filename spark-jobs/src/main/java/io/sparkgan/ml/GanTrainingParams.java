// GENERATED from sparkgan-defaults.conf by TrainingParamsGenerator (spark-jobs test sources): do not edit.
// TrainingParamsDriftTest fails when this file and the defaults file disagree; it says how to regenerate.
package io.sparkgan.ml;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;

/**
 * The training settings of {@link GanEstimator} as typed Spark ML params: one per key of
 * sparkgan-defaults.conf (but the keys of the data, the run directory and the
 * console), named after the key, documented and defaulted by it. A param that is set wins
 * over {@link GanEstimator#setConfig} and {@link GanEstimator#setRecipe}; one that is not set
 * leaves the key to them (its getter shows the defaults file's value).
 */
public abstract class GanTrainingParams extends Estimator<GanModel> {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final List<ConfigParam> configParams = new ArrayList<>();
    private final Param<String> checkpointDir;
    private final IntParam checkpointEvery;
    private final IntParam checkpointKeep;
    private final Param<String> evaluationEvaluator;
    private final IntParam evaluationEveryRounds;
    private final IntParam evaluationSamples;
    private final IntParam logEveryRounds;
    private final IntParam baseWidth;
    private final IntParam channels;
    private final Param<String> clusterFeatures;
    private final IntParam clusterIterations;
    private final IntParam clusters;
    private final BooleanParam conditional;
    private final IntArrayParam discriminatorHidden;
    private final Param<String> discriminatorNorm;
    private final IntParam generatorBaseWidth;
    private final IntArrayParam generatorHidden;
    private final Param<String> generatorOutput;
    private final Param<String> hiddenActivation;
    private final IntParam imageSize;
    private final IntParam latentDim;
    private final DoubleParam leakySlope;
    private final IntParam pack;
    private final Param<String> precision;
    private final Param<String> modelType;
    private final BooleanParam overwrite;
    private final LongParam seed;
    private final IntParam samplesCount;
    private final IntParam samplesEveryRounds;
    private final DoubleParam samplesTruncation;
    private final Param<String> aggregation;
    private final IntParam batchPerPartition;
    private final IntParam criticSteps;
    private final DoubleParam discriminatorOptimizerBeta1;
    private final DoubleParam discriminatorOptimizerBeta2;
    private final DoubleParam discriminatorOptimizerEpsilon;
    private final DoubleParam discriminatorOptimizerLearningRate;
    private final Param<String> discriminatorOptimizerType;
    private final DoubleParam generatorEmaDecay;
    private final DoubleParam generatorEmaStart;
    private final DoubleParam generatorOptimizerBeta1;
    private final DoubleParam generatorOptimizerBeta2;
    private final DoubleParam generatorOptimizerEpsilon;
    private final DoubleParam generatorOptimizerLearningRate;
    private final Param<String> generatorOptimizerType;
    private final DoubleParam labelSmoothing;
    private final IntParam localSteps;
    private final Param<String> loss;
    private final DoubleParam lrDecayStart;
    private final DoubleParam lrFinalFraction;
    private final Param<String> mode;
    private final DoubleParam r1Gamma;
    private final Param<String> resultEncoding;
    private final IntParam rounds;

    /**
     * Params with their defaults from sparkgan-defaults.conf.
     *
     * @param uid this estimator's unique id
     */
    @SuppressWarnings("unchecked")
    protected GanTrainingParams(String uid) {
        this.uid = Objects.requireNonNull(uid, "uid");
        checkpointDir = (Param<String>) configParam("checkpoint.dir", "checkpointDir", ConfigParam.Kind.STRING);
        checkpointEvery = (IntParam) configParam("checkpoint.every", "checkpointEvery", ConfigParam.Kind.INT);
        checkpointKeep = (IntParam) configParam("checkpoint.keep", "checkpointKeep", ConfigParam.Kind.INT);
        evaluationEvaluator = (Param<String>) configParam("evaluation.evaluator", "evaluationEvaluator", ConfigParam.Kind.STRING);
        evaluationEveryRounds = (IntParam) configParam("evaluation.every-rounds", "evaluationEveryRounds", ConfigParam.Kind.INT);
        evaluationSamples = (IntParam) configParam("evaluation.samples", "evaluationSamples", ConfigParam.Kind.INT);
        logEveryRounds = (IntParam) configParam("log.every-rounds", "logEveryRounds", ConfigParam.Kind.INT);
        baseWidth = (IntParam) configParam("model.base-width", "baseWidth", ConfigParam.Kind.INT);
        channels = (IntParam) configParam("model.channels", "channels", ConfigParam.Kind.INT);
        clusterFeatures = (Param<String>) configParam("model.cluster-features", "clusterFeatures", ConfigParam.Kind.STRING);
        clusterIterations = (IntParam) configParam("model.cluster-iterations", "clusterIterations", ConfigParam.Kind.INT);
        clusters = (IntParam) configParam("model.clusters", "clusters", ConfigParam.Kind.INT);
        conditional = (BooleanParam) configParam("model.conditional", "conditional", ConfigParam.Kind.BOOLEAN);
        discriminatorHidden = (IntArrayParam) configParam("model.discriminator-hidden", "discriminatorHidden", ConfigParam.Kind.INT_ARRAY);
        discriminatorNorm = (Param<String>) configParam("model.discriminator-norm", "discriminatorNorm", ConfigParam.Kind.STRING);
        generatorBaseWidth = (IntParam) configParam("model.generator-base-width", "generatorBaseWidth", ConfigParam.Kind.INT);
        generatorHidden = (IntArrayParam) configParam("model.generator-hidden", "generatorHidden", ConfigParam.Kind.INT_ARRAY);
        generatorOutput = (Param<String>) configParam("model.generator-output", "generatorOutput", ConfigParam.Kind.STRING);
        hiddenActivation = (Param<String>) configParam("model.hidden-activation", "hiddenActivation", ConfigParam.Kind.STRING);
        imageSize = (IntParam) configParam("model.image-size", "imageSize", ConfigParam.Kind.INT);
        latentDim = (IntParam) configParam("model.latent-dim", "latentDim", ConfigParam.Kind.INT);
        leakySlope = (DoubleParam) configParam("model.leaky-slope", "leakySlope", ConfigParam.Kind.DOUBLE);
        pack = (IntParam) configParam("model.pack", "pack", ConfigParam.Kind.INT);
        precision = (Param<String>) configParam("model.precision", "precision", ConfigParam.Kind.STRING);
        modelType = (Param<String>) configParam("model.type", "modelType", ConfigParam.Kind.STRING);
        overwrite = (BooleanParam) configParam("run.overwrite", "overwrite", ConfigParam.Kind.BOOLEAN);
        seed = (LongParam) configParam("run.seed", "seed", ConfigParam.Kind.LONG);
        samplesCount = (IntParam) configParam("samples.count", "samplesCount", ConfigParam.Kind.INT);
        samplesEveryRounds = (IntParam) configParam("samples.every-rounds", "samplesEveryRounds", ConfigParam.Kind.INT);
        samplesTruncation = (DoubleParam) configParam("samples.truncation", "samplesTruncation", ConfigParam.Kind.DOUBLE);
        aggregation = (Param<String>) configParam("train.aggregation", "aggregation", ConfigParam.Kind.STRING);
        batchPerPartition = (IntParam) configParam("train.batch-per-partition", "batchPerPartition", ConfigParam.Kind.INT);
        criticSteps = (IntParam) configParam("train.critic-steps", "criticSteps", ConfigParam.Kind.INT);
        discriminatorOptimizerBeta1 = (DoubleParam) configParam("train.discriminator-optimizer.beta1", "discriminatorOptimizerBeta1", ConfigParam.Kind.DOUBLE);
        discriminatorOptimizerBeta2 = (DoubleParam) configParam("train.discriminator-optimizer.beta2", "discriminatorOptimizerBeta2", ConfigParam.Kind.DOUBLE);
        discriminatorOptimizerEpsilon = (DoubleParam) configParam("train.discriminator-optimizer.epsilon", "discriminatorOptimizerEpsilon", ConfigParam.Kind.DOUBLE);
        discriminatorOptimizerLearningRate = (DoubleParam) configParam("train.discriminator-optimizer.learning-rate", "discriminatorOptimizerLearningRate", ConfigParam.Kind.DOUBLE);
        discriminatorOptimizerType = (Param<String>) configParam("train.discriminator-optimizer.type", "discriminatorOptimizerType", ConfigParam.Kind.STRING);
        generatorEmaDecay = (DoubleParam) configParam("train.generator-ema-decay", "generatorEmaDecay", ConfigParam.Kind.DOUBLE);
        generatorEmaStart = (DoubleParam) configParam("train.generator-ema-start", "generatorEmaStart", ConfigParam.Kind.DOUBLE);
        generatorOptimizerBeta1 = (DoubleParam) configParam("train.generator-optimizer.beta1", "generatorOptimizerBeta1", ConfigParam.Kind.DOUBLE);
        generatorOptimizerBeta2 = (DoubleParam) configParam("train.generator-optimizer.beta2", "generatorOptimizerBeta2", ConfigParam.Kind.DOUBLE);
        generatorOptimizerEpsilon = (DoubleParam) configParam("train.generator-optimizer.epsilon", "generatorOptimizerEpsilon", ConfigParam.Kind.DOUBLE);
        generatorOptimizerLearningRate = (DoubleParam) configParam("train.generator-optimizer.learning-rate", "generatorOptimizerLearningRate", ConfigParam.Kind.DOUBLE);
        generatorOptimizerType = (Param<String>) configParam("train.generator-optimizer.type", "generatorOptimizerType", ConfigParam.Kind.STRING);
        labelSmoothing = (DoubleParam) configParam("train.label-smoothing", "labelSmoothing", ConfigParam.Kind.DOUBLE);
        localSteps = (IntParam) configParam("train.local-steps", "localSteps", ConfigParam.Kind.INT);
        loss = (Param<String>) configParam("train.loss", "loss", ConfigParam.Kind.STRING);
        lrDecayStart = (DoubleParam) configParam("train.lr-decay-start", "lrDecayStart", ConfigParam.Kind.DOUBLE);
        lrFinalFraction = (DoubleParam) configParam("train.lr-final-fraction", "lrFinalFraction", ConfigParam.Kind.DOUBLE);
        mode = (Param<String>) configParam("train.mode", "mode", ConfigParam.Kind.STRING);
        r1Gamma = (DoubleParam) configParam("train.r1-gamma", "r1Gamma", ConfigParam.Kind.DOUBLE);
        resultEncoding = (Param<String>) configParam("train.result-encoding", "resultEncoding", ConfigParam.Kind.STRING);
        rounds = (IntParam) configParam("train.rounds", "rounds", ConfigParam.Kind.INT);
    }

    private Param<?> configParam(String key, String name, ConfigParam.Kind kind) {
        ConfigParam p = ConfigParam.create(this, key, name, kind);
        configParams.add(p);
        @SuppressWarnings("unchecked")
        Param<Object> param = (Param<Object>) p.param();
        setDefault(param, p.defaultValue());
        return p.param();
    }

    @Override
    public final String uid() {
        return uid;
    }

    /** Every param that stands for a config key, with its key. */
    public final List<ConfigParam> configParams() {
        return List.copyOf(configParams);
    }

    /** This estimator, for the setters to return. */
    protected abstract GanEstimator self();

    /**
     * Directory of the checkpoint files round-NNNNNN.ckpt: a local path or any Hadoop filesystem URI. "" =
     * the checkpoints/ folder of the run directory. Use one directory per run. Config key {@code
     * checkpoint.dir}.
     */
    public final Param<String> checkpointDir() {
        return checkpointDir;
    }

    /** The value of {@link #checkpointDir()}: set, or the default of {@code checkpoint.dir}. */
    public final String getCheckpointDir() {
        return (String) getOrDefault(checkpointDir);
    }

    /**
     * Sets {@link #checkpointDir()}, over any value of {@code checkpoint.dir} from the config or recipe.
     *
     * @param value the value of {@code checkpoint.dir}
     * @return this estimator
     */
    public final GanEstimator setCheckpointDir(String value) {
        set(checkpointDir, value);
        return self();
    }

    /**
     * Write a checkpoint every this many rounds (0 = only at the end). One is also written at the end and
     * when the driver gets SIGTERM or SIGINT (it finishes the current round first). A checkpoint holds
     * both networks' parameters and batch-norm statistics, both optimisers' state, the moving average of
     * G, the round, the seed and the complete config, and is checked by a CRC32 when read. See
     * docs/reliability.md. Config key {@code checkpoint.every}.
     */
    public final IntParam checkpointEvery() {
        return checkpointEvery;
    }

    /** The value of {@link #checkpointEvery()}: set, or the default of {@code checkpoint.every}. */
    public final int getCheckpointEvery() {
        return (Integer) getOrDefault(checkpointEvery);
    }

    /**
     * Sets {@link #checkpointEvery()}, over any value of {@code checkpoint.every} from the config or recipe.
     *
     * @param value the value of {@code checkpoint.every}
     * @return this estimator
     */
    public final GanEstimator setCheckpointEvery(int value) {
        set(checkpointEvery, value);
        return self();
    }

    /**
     * Keep the newest this many checkpoints; older ones are deleted only after a newer one has been
     * written completely (temporary name, then rename). Config key {@code checkpoint.keep}.
     */
    public final IntParam checkpointKeep() {
        return checkpointKeep;
    }

    /** The value of {@link #checkpointKeep()}: set, or the default of {@code checkpoint.keep}. */
    public final int getCheckpointKeep() {
        return (Integer) getOrDefault(checkpointKeep);
    }

    /**
     * Sets {@link #checkpointKeep()}, over any value of {@code checkpoint.keep} from the config or recipe.
     *
     * @param value the value of {@code checkpoint.keep}
     * @return this estimator
     */
    public final GanEstimator setCheckpointKeep(int value) {
        set(checkpointKeep, value);
        return self();
    }

    /**
     * The evaluator directory written by `sparkgan evaluator train` (any Hadoop filesystem URI); required
     * when every-rounds &gt; 0. Its image shape must be the run's. Config key {@code
     * evaluation.evaluator}.
     */
    public final Param<String> evaluationEvaluator() {
        return evaluationEvaluator;
    }

    /** The value of {@link #evaluationEvaluator()}: set, or the default of {@code evaluation.evaluator}. */
    public final String getEvaluationEvaluator() {
        return (String) getOrDefault(evaluationEvaluator);
    }

    /**
     * Sets {@link #evaluationEvaluator()}, over any value of {@code evaluation.evaluator} from the config or recipe.
     *
     * @param value the value of {@code evaluation.evaluator}
     * @return this estimator
     */
    public final GanEstimator setEvaluationEvaluator(String value) {
        set(evaluationEvaluator, value);
        return self();
    }

    /**
     * Image runs (a prepared image set; in GanEstimator, an image model such as model.type = dcgan): score
     * the generator during training every this many rounds (0 = off) with the evaluation classifier
     * (docs/quality.md): Inception Score, FID against the real test set, class histogram and its KL to
     * uniform, one JSON line per evaluation appended to &lt;run directory&gt;/quality.jsonl (also after
     * the last round). Samples are generated and scored on Spark; the time taken is recorded ("seconds")
     * and counts in later rounds' elapsedSeconds. Config key {@code evaluation.every-rounds}.
     */
    public final IntParam evaluationEveryRounds() {
        return evaluationEveryRounds;
    }

    /** The value of {@link #evaluationEveryRounds()}: set, or the default of {@code evaluation.every-rounds}. */
    public final int getEvaluationEveryRounds() {
        return (Integer) getOrDefault(evaluationEveryRounds);
    }

    /**
     * Sets {@link #evaluationEveryRounds()}, over any value of {@code evaluation.every-rounds} from the config or recipe.
     *
     * @param value the value of {@code evaluation.every-rounds}
     * @return this estimator
     */
    public final GanEstimator setEvaluationEveryRounds(int value) {
        set(evaluationEveryRounds, value);
        return self();
    }

    /**
     * Generated images per evaluation (at least 2; 10000 is the protocol of docs/benchmarks.md, B4, fewer
     * is faster but biases FID upwards). Config key {@code evaluation.samples}.
     */
    public final IntParam evaluationSamples() {
        return evaluationSamples;
    }

    /** The value of {@link #evaluationSamples()}: set, or the default of {@code evaluation.samples}. */
    public final int getEvaluationSamples() {
        return (Integer) getOrDefault(evaluationSamples);
    }

    /**
     * Sets {@link #evaluationSamples()}, over any value of {@code evaluation.samples} from the config or recipe.
     *
     * @param value the value of {@code evaluation.samples}
     * @return this estimator
     */
    public final GanEstimator setEvaluationSamples(int value) {
        set(evaluationSamples, value);
        return self();
    }

    /**
     * Write a log line every this many rounds (metrics.jsonl always gets every round). Config key {@code
     * log.every-rounds}.
     */
    public final IntParam logEveryRounds() {
        return logEveryRounds;
    }

    /** The value of {@link #logEveryRounds()}: set, or the default of {@code log.every-rounds}. */
    public final int getLogEveryRounds() {
        return (Integer) getOrDefault(logEveryRounds);
    }

    /**
     * Sets {@link #logEveryRounds()}, over any value of {@code log.every-rounds} from the config or recipe.
     *
     * @param value the value of {@code log.every-rounds}
     * @return this estimator
     */
    public final GanEstimator setLogEveryRounds(int value) {
        set(logEveryRounds, value);
        return self();
    }

    /**
     * dcgan: channels of D's first layer and of G's last hidden layer (64 in Radford et al.); widths
     * double at every halving of the side. Config key {@code model.base-width}.
     */
    public final IntParam baseWidth() {
        return baseWidth;
    }

    /** The value of {@link #baseWidth()}: set, or the default of {@code model.base-width}. */
    public final int getBaseWidth() {
        return (Integer) getOrDefault(baseWidth);
    }

    /**
     * Sets {@link #baseWidth()}, over any value of {@code model.base-width} from the config or recipe.
     *
     * @param value the value of {@code model.base-width}
     * @return this estimator
     */
    public final GanEstimator setBaseWidth(int value) {
        set(baseWidth, value);
        return self();
    }

    /**
     * channels Config key {@code model.channels}.
     */
    public final IntParam channels() {
        return channels;
    }

    /** The value of {@link #channels()}: set, or the default of {@code model.channels}. */
    public final int getChannels() {
        return (Integer) getOrDefault(channels);
    }

    /**
     * Sets {@link #channels()}, over any value of {@code model.channels} from the config or recipe.
     *
     * @param value the value of {@code model.channels}
     * @return this estimator
     */
    public final GanEstimator setChannels(int value) {
        set(channels, value);
        return self();
    }

    /**
     * What k-means compares training examples by (only the clustering sees these features: G and D train
     * on the images as they are): pixels, the examples as they are (any data); deskewed (grayscale
     * handwriting), each image's ink sheared upright and centred by its moments, so that clusters group by
     * what is written rather than by slant; hog (images), histograms of gradient orientations in 4x4-pixel
     * cells, which compare shapes and outlines rather than where the ink is (colour images through the
     * channels' mean); deskewed-hog (grayscale handwriting), the histograms of the deskewed image. Image
     * sides must be multiples of 4 for the hog maps. On the first 10,000 MNIST training images at K = 30,
     * the share of images whose digit is their cluster's most common one is 75.2% for pixels and 91.5% for
     * deskewed-hog with `sparkgan clusters`, and 73.1% (pixels), 85.6% (deskewed), 88.2% (hog) and 92.0%
     * (deskewed-hog) with the PyTorch control's k-means (docs/quality.md, "Purer clusters without
     * labels"). `sparkgan clusters` runs this k-means alone and prints the clusters' sizes and, for
     * labelled data, that share: compare maps and K on your data with it before a long run. Each example's
     * features are computed once and kept beside the cached data while k-means runs (examples x features x
     * 4 bytes; none for pixels). Config key {@code model.cluster-features}.
     */
    public final Param<String> clusterFeatures() {
        return clusterFeatures;
    }

    /** The value of {@link #clusterFeatures()}: set, or the default of {@code model.cluster-features}. */
    public final String getClusterFeatures() {
        return (String) getOrDefault(clusterFeatures);
    }

    /**
     * Sets {@link #clusterFeatures()}, over any value of {@code model.cluster-features} from the config or recipe.
     *
     * @param value the value of {@code model.cluster-features}
     * @return this estimator
     */
    public final GanEstimator setClusterFeatures(String value) {
        set(clusterFeatures, value);
        return self();
    }

    /**
     * Most k-means (Lloyd) iterations; it stops earlier when no centre moves. One iteration is one pass
     * over the training examples, as a Spark job. Config key {@code model.cluster-iterations}.
     */
    public final IntParam clusterIterations() {
        return clusterIterations;
    }

    /** The value of {@link #clusterIterations()}: set, or the default of {@code model.cluster-iterations}. */
    public final int getClusterIterations() {
        return (Integer) getOrDefault(clusterIterations);
    }

    /**
     * Sets {@link #clusterIterations()}, over any value of {@code model.cluster-iterations} from the config or recipe.
     *
     * @param value the value of {@code model.cluster-iterations}
     * @return this estimator
     */
    public final GanEstimator setClusterIterations(int value) {
        set(clusterIterations, value);
        return self();
    }

    /**
     * Self-conditioning (Liu et al. 2020, "Diverse Image Generation via Self-Conditioned GANs"): K &gt; 0
     * makes an unconditional GAN out of a class-conditional one (the same G and D as model.conditional =
     * true) whose classes are K k-means clusters of the training examples, found before round 1 in the
     * space of model.cluster-features (data labels are not used). Knowing which cluster it draws, G need
     * not morph one kind of example into another across its latent space, which is what makes
     * unconditional samples blurry or malformed. Generated examples draw their cluster with the clusters'
     * frequencies, in training and in sampling, so samples follow the data's mix; `sparkgan sample --class
     * k` asks for cluster k. The centres and counts are saved in every checkpoint (a resumed run keeps
     * them). Not with model.conditional = true or model.pack &gt; 1. Config key {@code model.clusters}.
     */
    public final IntParam clusters() {
        return clusters;
    }

    /** The value of {@link #clusters()}: set, or the default of {@code model.clusters}. */
    public final int getClusters() {
        return (Integer) getOrDefault(clusters);
    }

    /**
     * Sets {@link #clusters()}, over any value of {@code model.clusters} from the config or recipe.
     *
     * @param value the value of {@code model.clusters}
     * @return this estimator
     */
    public final GanEstimator setClusters(int value) {
        set(clusters, value);
        return self();
    }

    /**
     * Class-conditional GAN (Miyato &amp; Koyama 2018): G(z, y) makes an example of class y and D(x, y)
     * judges the pair. G conditions through conditional batch norm (dcgan: per-class gamma and beta in
     * every batch norm) or a learned class embedding appended to z (mlp); D through a projection head
     * (logit = psi(phi) + &lt;E[y], phi&gt;, phi its last features). The real batch brings its labels,
     * generated examples get classes drawn uniformly. The number of classes K comes from the data: a
     * labelled prepared image set's manifest, or data.label-column for csv; unlabelled data is refused.
     * Not with model.pack &gt; 1 or train.r1-gamma &gt; 0. Sampling and evaluation ask G for every class
     * equally often (example i: class i mod K); final-samples.png has one row per class; `sparkgan sample
     * --class K` asks for one class; evaluation reports how often the evaluator agrees with the requested
     * class (classAgreement). Config key {@code model.conditional}.
     */
    public final BooleanParam conditional() {
        return conditional;
    }

    /** The value of {@link #conditional()}: set, or the default of {@code model.conditional}. */
    public final boolean getConditional() {
        return (Boolean) getOrDefault(conditional);
    }

    /**
     * Sets {@link #conditional()}, over any value of {@code model.conditional} from the config or recipe.
     *
     * @param value the value of {@code model.conditional}
     * @return this estimator
     */
    public final GanEstimator setConditional(boolean value) {
        set(conditional, value);
        return self();
    }

    /**
     * discriminator-hidden Config key {@code model.discriminator-hidden}.
     */
    public final IntArrayParam discriminatorHidden() {
        return discriminatorHidden;
    }

    /** The value of {@link #discriminatorHidden()}: set, or the default of {@code model.discriminator-hidden}. */
    public final int[] getDiscriminatorHidden() {
        return (int[]) getOrDefault(discriminatorHidden);
    }

    /**
     * Sets {@link #discriminatorHidden()}, over any value of {@code model.discriminator-hidden} from the config or recipe.
     *
     * @param value the value of {@code model.discriminator-hidden}
     * @return this estimator
     */
    public final GanEstimator setDiscriminatorHidden(int[] value) {
        set(discriminatorHidden, value);
        return self();
    }

    /**
     * dcgan: how D is normalised: batch-norm (Radford et al.: BN after every conv but the first) |
     * spectral-norm (every conv divided by its largest singular value, Miyato et al. 2018: no BN, a
     * 1-Lipschitz D that cannot sharpen without bound; pair it with train.loss = hinge) | none. The power
     * iteration's vectors are network state, checkpointed like batch-norm statistics. Config key {@code
     * model.discriminator-norm}.
     */
    public final Param<String> discriminatorNorm() {
        return discriminatorNorm;
    }

    /** The value of {@link #discriminatorNorm()}: set, or the default of {@code model.discriminator-norm}. */
    public final String getDiscriminatorNorm() {
        return (String) getOrDefault(discriminatorNorm);
    }

    /**
     * Sets {@link #discriminatorNorm()}, over any value of {@code model.discriminator-norm} from the config or recipe.
     *
     * @param value the value of {@code model.discriminator-norm}
     * @return this estimator
     */
    public final GanEstimator setDiscriminatorNorm(String value) {
        set(discriminatorNorm, value);
        return self();
    }

    /**
     * dcgan: channels of G's last hidden layer if not base-width (0 = base-width). D costs more per image
     * than G (it runs three times per iteration to G's two), so widening G alone is the cheaper way to a
     * stronger generator. Config key {@code model.generator-base-width}.
     */
    public final IntParam generatorBaseWidth() {
        return generatorBaseWidth;
    }

    /** The value of {@link #generatorBaseWidth()}: set, or the default of {@code model.generator-base-width}. */
    public final int getGeneratorBaseWidth() {
        return (Integer) getOrDefault(generatorBaseWidth);
    }

    /**
     * Sets {@link #generatorBaseWidth()}, over any value of {@code model.generator-base-width} from the config or recipe.
     *
     * @param value the value of {@code model.generator-base-width}
     * @return this estimator
     */
    public final GanEstimator setGeneratorBaseWidth(int value) {
        set(generatorBaseWidth, value);
        return self();
    }

    /**
     * Hidden layer widths of the generator and the discriminator, input to output. Config key {@code
     * model.generator-hidden}.
     */
    public final IntArrayParam generatorHidden() {
        return generatorHidden;
    }

    /** The value of {@link #generatorHidden()}: set, or the default of {@code model.generator-hidden}. */
    public final int[] getGeneratorHidden() {
        return (int[]) getOrDefault(generatorHidden);
    }

    /**
     * Sets {@link #generatorHidden()}, over any value of {@code model.generator-hidden} from the config or recipe.
     *
     * @param value the value of {@code model.generator-hidden}
     * @return this estimator
     */
    public final GanEstimator setGeneratorHidden(int[] value) {
        set(generatorHidden, value);
        return self();
    }

    /**
     * Activation of the generator's output: identity (real-valued data) | tanh (data in [-1, 1]). Config
     * key {@code model.generator-output}.
     */
    public final Param<String> generatorOutput() {
        return generatorOutput;
    }

    /** The value of {@link #generatorOutput()}: set, or the default of {@code model.generator-output}. */
    public final String getGeneratorOutput() {
        return (String) getOrDefault(generatorOutput);
    }

    /**
     * Sets {@link #generatorOutput()}, over any value of {@code model.generator-output} from the config or recipe.
     *
     * @param value the value of {@code model.generator-output}
     * @return this estimator
     */
    public final GanEstimator setGeneratorOutput(String value) {
        set(generatorOutput, value);
        return self();
    }

    /**
     * Activation after each hidden layer: relu | leaky-relu | tanh Config key {@code
     * model.hidden-activation}.
     */
    public final Param<String> hiddenActivation() {
        return hiddenActivation;
    }

    /** The value of {@link #hiddenActivation()}: set, or the default of {@code model.hidden-activation}. */
    public final String getHiddenActivation() {
        return (String) getOrDefault(hiddenActivation);
    }

    /**
     * Sets {@link #hiddenActivation()}, over any value of {@code model.hidden-activation} from the config or recipe.
     *
     * @param value the value of {@code model.hidden-activation}
     * @return this estimator
     */
    public final GanEstimator setHiddenActivation(String value) {
        set(hiddenActivation, value);
        return self();
    }

    /**
     * dcgan: image side in pixels (28, 32 or 64; 28 starts from 7x7 instead of 4x4) and channels (1
     * grayscale, 3 RGB). Examples are flat rows of image-size x image-size x channels values in HWC order,
     * scaled to [-1, 1]. Config key {@code model.image-size}.
     */
    public final IntParam imageSize() {
        return imageSize;
    }

    /** The value of {@link #imageSize()}: set, or the default of {@code model.image-size}. */
    public final int getImageSize() {
        return (Integer) getOrDefault(imageSize);
    }

    /**
     * Sets {@link #imageSize()}, over any value of {@code model.image-size} from the config or recipe.
     *
     * @param value the value of {@code model.image-size}
     * @return this estimator
     */
    public final GanEstimator setImageSize(int value) {
        set(imageSize, value);
        return self();
    }

    /**
     * Size of the latent vector z ~ N(0, I) (dcgan-reference: must be 100). Config key {@code
     * model.latent-dim}.
     */
    public final IntParam latentDim() {
        return latentDim;
    }

    /** The value of {@link #latentDim()}: set, or the default of {@code model.latent-dim}. */
    public final int getLatentDim() {
        return (Integer) getOrDefault(latentDim);
    }

    /**
     * Sets {@link #latentDim()}, over any value of {@code model.latent-dim} from the config or recipe.
     *
     * @param value the value of {@code model.latent-dim}
     * @return this estimator
     */
    public final GanEstimator setLatentDim(int value) {
        set(latentDim, value);
        return self();
    }

    /**
     * Negative slope of leaky-relu. Config key {@code model.leaky-slope}.
     */
    public final DoubleParam leakySlope() {
        return leakySlope;
    }

    /** The value of {@link #leakySlope()}: set, or the default of {@code model.leaky-slope}. */
    public final double getLeakySlope() {
        return (Double) getOrDefault(leakySlope);
    }

    /**
     * Sets {@link #leakySlope()}, over any value of {@code model.leaky-slope} from the config or recipe.
     *
     * @param value the value of {@code model.leaky-slope}
     * @return this estimator
     */
    public final GanEstimator setLeakySlope(double value) {
        set(leakySlope, value);
        return self();
    }

    /**
     * mlp: examples D sees at once, concatenated into one input row (PacGAN, Lin et al. 2018; 1 = the
     * usual D). A packed D judges a group of samples, so a generator missing modes is easier to spot. Must
     * divide train.batch-per-partition. Config key {@code model.pack}.
     */
    public final IntParam pack() {
        return pack;
    }

    /** The value of {@link #pack()}: set, or the default of {@code model.pack}. */
    public final int getPack() {
        return (Integer) getOrDefault(pack);
    }

    /**
     * Sets {@link #pack()}, over any value of {@code model.pack} from the config or recipe.
     *
     * @param value the value of {@code model.pack}
     * @return this estimator
     */
    public final GanEstimator setPack(int value) {
        set(pack, value);
        return self();
    }

    /**
     * Arithmetic precision: float (training) | double (exactness checks; about 2x slower). Config key
     * {@code model.precision}.
     */
    public final Param<String> precision() {
        return precision;
    }

    /** The value of {@link #precision()}: set, or the default of {@code model.precision}. */
    public final String getPrecision() {
        return (String) getOrDefault(precision);
    }

    /**
     * Sets {@link #precision()}, over any value of {@code model.precision} from the config or recipe.
     *
     * @param value the value of {@code model.precision}
     * @return this estimator
     */
    public final GanEstimator setPrecision(String value) {
        set(precision, value);
        return self();
    }

    /**
     * mlp | dcgan (Radford et al.: strided transposed convolutions in G, strided convolutions in D, batch
     * norm except at G's output and D's input, LeakyReLU 0.2 in D, N(0, 0.02) init) | dcgan-reference
     * (docs/benchmarks.md, B2: 28x28x1, latent 100) Config key {@code model.type}.
     */
    public final Param<String> modelType() {
        return modelType;
    }

    /** The value of {@link #modelType()}: set, or the default of {@code model.type}. */
    public final String getModelType() {
        return (String) getOrDefault(modelType);
    }

    /**
     * Sets {@link #modelType()}, over any value of {@code model.type} from the config or recipe.
     *
     * @param value the value of {@code model.type}
     * @return this estimator
     */
    public final GanEstimator setModelType(String value) {
        set(modelType, value);
        return self();
    }

    /**
     * Overwrite an existing run directory of the same name (otherwise refuse to start). Config key {@code
     * run.overwrite}.
     */
    public final BooleanParam overwrite() {
        return overwrite;
    }

    /** The value of {@link #overwrite()}: set, or the default of {@code run.overwrite}. */
    public final boolean getOverwrite() {
        return (Boolean) getOrDefault(overwrite);
    }

    /**
     * Sets {@link #overwrite()}, over any value of {@code run.overwrite} from the config or recipe.
     *
     * @param value the value of {@code run.overwrite}
     * @return this estimator
     */
    public final GanEstimator setOverwrite(boolean value) {
        set(overwrite, value);
        return self();
    }

    /**
     * Master seed. Every random stream (initialisation, data generation, minibatches, latents) is derived
     * from it and from its coordinates, so a run is reproducible from seed + partitions. Config key {@code
     * run.seed}.
     */
    public final LongParam seed() {
        return seed;
    }

    /** The value of {@link #seed()}: set, or the default of {@code run.seed}. */
    public final long getSeed() {
        return (Long) getOrDefault(seed);
    }

    /**
     * Sets {@link #seed()}, over any value of {@code run.seed} from the config or recipe.
     *
     * @param value the value of {@code run.seed}
     * @return this estimator
     */
    public final GanEstimator setSeed(long value) {
        set(seed, value);
        return self();
    }

    /**
     * Examples per snapshot: images in the grid (at most 256 shown, 8 a row for 64) or points in the
     * scatter plot. 0 = automatic: 64 images for image data, 2500 points for 2-D data. Config key {@code
     * samples.count}.
     */
    public final IntParam samplesCount() {
        return samplesCount;
    }

    /** The value of {@link #samplesCount()}: set, or the default of {@code samples.count}. */
    public final int getSamplesCount() {
        return (Integer) getOrDefault(samplesCount);
    }

    /**
     * Sets {@link #samplesCount()}, over any value of {@code samples.count} from the config or recipe.
     *
     * @param value the value of {@code samples.count}
     * @return this estimator
     */
    public final GanEstimator setSamplesCount(int value) {
        set(samplesCount, value);
        return self();
    }

    /**
     * Sample snapshots during training: every this many rounds (and at round 0 and the last round) the
     * driver generates samples.count examples from FIXED latent vectors (drawn once from the seed's
     * snapshot stream) with the current generator, and writes &lt;run&gt;/samples/round-NNNNNN.png: an
     * image grid for image data, a scatter plot over the true modes for 2-D data (nothing for other vector
     * data). The same z in every snapshot shows how the generator evolves; `sparkgan report` shows them in
     * order. 0 = off. Config key {@code samples.every-rounds}.
     */
    public final IntParam samplesEveryRounds() {
        return samplesEveryRounds;
    }

    /** The value of {@link #samplesEveryRounds()}: set, or the default of {@code samples.every-rounds}. */
    public final int getSamplesEveryRounds() {
        return (Integer) getOrDefault(samplesEveryRounds);
    }

    /**
     * Sets {@link #samplesEveryRounds()}, over any value of {@code samples.every-rounds} from the config or recipe.
     *
     * @param value the value of {@code samples.every-rounds}
     * @return this estimator
     */
    public final GanEstimator setSamplesEveryRounds(int value) {
        set(samplesEveryRounds, value);
        return self();
    }

    /**
     * Latent truncation of all sampling (snapshots, final samples, sparkgan sample, evaluation):
     * components of z are redrawn while |z_i| &gt; truncation (the "truncation trick", Brock et al. 2019),
     * keeping G away from its prior's sparsely trained tails. Cleaner, more typical images for less
     * variety: compare IS, FID and the class histogram with `sparkgan evaluate --truncation T`. 0 = plain
     * N(0, I); otherwise at least 0.05. Training always draws from N(0, I). Config key {@code
     * samples.truncation}.
     */
    public final DoubleParam samplesTruncation() {
        return samplesTruncation;
    }

    /** The value of {@link #samplesTruncation()}: set, or the default of {@code samples.truncation}. */
    public final double getSamplesTruncation() {
        return (Double) getOrDefault(samplesTruncation);
    }

    /**
     * Sets {@link #samplesTruncation()}, over any value of {@code samples.truncation} from the config or recipe.
     *
     * @param value the value of {@code samples.truncation}
     * @return this estimator
     */
    public final GanEstimator setSamplesTruncation(double value) {
        set(samplesTruncation, value);
        return self();
    }

    /**
     * How a Spark phase gathers the tasks' results: auto (direct up to 8 partitions, tree beyond) | direct
     * (the driver collects every whole result and merges in partition order: N x |theta| bytes in) | tree
     * (treeAggregate: small fan-in, merge order and so the sums' last bits depend on timing) | sliced
     * (reduce-scatter over the shuffle: each result is cut into one slice per partition, reducer s merges
     * slice s of every task in partition order and the driver concatenates: |theta| bytes in, sync mode
     * bit-identical to direct and to --reference at any partition count). No effect on threads or with
     * --reference (docs/architecture.md, "Aggregation"). Config key {@code train.aggregation}.
     */
    public final Param<String> aggregation() {
        return aggregation;
    }

    /** The value of {@link #aggregation()}: set, or the default of {@code train.aggregation}. */
    public final String getAggregation() {
        return (String) getOrDefault(aggregation);
    }

    /**
     * Sets {@link #aggregation()}, over any value of {@code train.aggregation} from the config or recipe.
     *
     * @param value the value of {@code train.aggregation}
     * @return this estimator
     */
    public final GanEstimator setAggregation(String value) {
        set(aggregation, value);
        return self();
    }

    /**
     * Examples each partition draws per minibatch; the global batch is partitions x this. Config key
     * {@code train.batch-per-partition}.
     */
    public final IntParam batchPerPartition() {
        return batchPerPartition;
    }

    /** The value of {@link #batchPerPartition()}: set, or the default of {@code train.batch-per-partition}. */
    public final int getBatchPerPartition() {
        return (Integer) getOrDefault(batchPerPartition);
    }

    /**
     * Sets {@link #batchPerPartition()}, over any value of {@code train.batch-per-partition} from the config or recipe.
     *
     * @param value the value of {@code train.batch-per-partition}
     * @return this estimator
     */
    public final GanEstimator setBatchPerPartition(int value) {
        set(batchPerPartition, value);
        return self();
    }

    /**
     * D phases per round (n_critic). Config key {@code train.critic-steps}.
     */
    public final IntParam criticSteps() {
        return criticSteps;
    }

    /** The value of {@link #criticSteps()}: set, or the default of {@code train.critic-steps}. */
    public final int getCriticSteps() {
        return (Integer) getOrDefault(criticSteps);
    }

    /**
     * Sets {@link #criticSteps()}, over any value of {@code train.critic-steps} from the config or recipe.
     *
     * @param value the value of {@code train.critic-steps}
     * @return this estimator
     */
    public final GanEstimator setCriticSteps(int value) {
        set(criticSteps, value);
        return self();
    }

    /**
     * beta1 Config key {@code train.discriminator-optimizer.beta1}.
     */
    public final DoubleParam discriminatorOptimizerBeta1() {
        return discriminatorOptimizerBeta1;
    }

    /** The value of {@link #discriminatorOptimizerBeta1()}: set, or the default of {@code train.discriminator-optimizer.beta1}. */
    public final double getDiscriminatorOptimizerBeta1() {
        return (Double) getOrDefault(discriminatorOptimizerBeta1);
    }

    /**
     * Sets {@link #discriminatorOptimizerBeta1()}, over any value of {@code train.discriminator-optimizer.beta1} from the config or recipe.
     *
     * @param value the value of {@code train.discriminator-optimizer.beta1}
     * @return this estimator
     */
    public final GanEstimator setDiscriminatorOptimizerBeta1(double value) {
        set(discriminatorOptimizerBeta1, value);
        return self();
    }

    /**
     * beta2 Config key {@code train.discriminator-optimizer.beta2}.
     */
    public final DoubleParam discriminatorOptimizerBeta2() {
        return discriminatorOptimizerBeta2;
    }

    /** The value of {@link #discriminatorOptimizerBeta2()}: set, or the default of {@code train.discriminator-optimizer.beta2}. */
    public final double getDiscriminatorOptimizerBeta2() {
        return (Double) getOrDefault(discriminatorOptimizerBeta2);
    }

    /**
     * Sets {@link #discriminatorOptimizerBeta2()}, over any value of {@code train.discriminator-optimizer.beta2} from the config or recipe.
     *
     * @param value the value of {@code train.discriminator-optimizer.beta2}
     * @return this estimator
     */
    public final GanEstimator setDiscriminatorOptimizerBeta2(double value) {
        set(discriminatorOptimizerBeta2, value);
        return self();
    }

    /**
     * epsilon Config key {@code train.discriminator-optimizer.epsilon}.
     */
    public final DoubleParam discriminatorOptimizerEpsilon() {
        return discriminatorOptimizerEpsilon;
    }

    /** The value of {@link #discriminatorOptimizerEpsilon()}: set, or the default of {@code train.discriminator-optimizer.epsilon}. */
    public final double getDiscriminatorOptimizerEpsilon() {
        return (Double) getOrDefault(discriminatorOptimizerEpsilon);
    }

    /**
     * Sets {@link #discriminatorOptimizerEpsilon()}, over any value of {@code train.discriminator-optimizer.epsilon} from the config or recipe.
     *
     * @param value the value of {@code train.discriminator-optimizer.epsilon}
     * @return this estimator
     */
    public final GanEstimator setDiscriminatorOptimizerEpsilon(double value) {
        set(discriminatorOptimizerEpsilon, value);
        return self();
    }

    /**
     * learning-rate Config key {@code train.discriminator-optimizer.learning-rate}.
     */
    public final DoubleParam discriminatorOptimizerLearningRate() {
        return discriminatorOptimizerLearningRate;
    }

    /** The value of {@link #discriminatorOptimizerLearningRate()}: set, or the default of {@code train.discriminator-optimizer.learning-rate}. */
    public final double getDiscriminatorOptimizerLearningRate() {
        return (Double) getOrDefault(discriminatorOptimizerLearningRate);
    }

    /**
     * Sets {@link #discriminatorOptimizerLearningRate()}, over any value of {@code train.discriminator-optimizer.learning-rate} from the config or recipe.
     *
     * @param value the value of {@code train.discriminator-optimizer.learning-rate}
     * @return this estimator
     */
    public final GanEstimator setDiscriminatorOptimizerLearningRate(double value) {
        set(discriminatorOptimizerLearningRate, value);
        return self();
    }

    /**
     * type Config key {@code train.discriminator-optimizer.type}.
     */
    public final Param<String> discriminatorOptimizerType() {
        return discriminatorOptimizerType;
    }

    /** The value of {@link #discriminatorOptimizerType()}: set, or the default of {@code train.discriminator-optimizer.type}. */
    public final String getDiscriminatorOptimizerType() {
        return (String) getOrDefault(discriminatorOptimizerType);
    }

    /**
     * Sets {@link #discriminatorOptimizerType()}, over any value of {@code train.discriminator-optimizer.type} from the config or recipe.
     *
     * @param value the value of {@code train.discriminator-optimizer.type}
     * @return this estimator
     */
    public final GanEstimator setDiscriminatorOptimizerType(String value) {
        set(discriminatorOptimizerType, value);
        return self();
    }

    /**
     * Exponential moving average of G's parameters, kept on the driver after every G update and used for
     * sampling, sample snapshots, evaluation and export (0 = off; 0.999 is usual). Averages out the
     * oscillation of G around the modes, which sharpens samples. A generator with batch norm samples with
     * "standing statistics" recomputed for the averaged parameters (docs/quality.md). Config key {@code
     * train.generator-ema-decay}.
     */
    public final DoubleParam generatorEmaDecay() {
        return generatorEmaDecay;
    }

    /** The value of {@link #generatorEmaDecay()}: set, or the default of {@code train.generator-ema-decay}. */
    public final double getGeneratorEmaDecay() {
        return (Double) getOrDefault(generatorEmaDecay);
    }

    /**
     * Sets {@link #generatorEmaDecay()}, over any value of {@code train.generator-ema-decay} from the config or recipe.
     *
     * @param value the value of {@code train.generator-ema-decay}
     * @return this estimator
     */
    public final GanEstimator setGeneratorEmaDecay(double value) {
        set(generatorEmaDecay, value);
        return self();
    }

    /**
     * Fraction of train.rounds before which the moving average just equals G; it averages from round
     * generator-ema-start x rounds on. 0 = from the first round: at 0.999 over 4,000 rounds the first
     * 2,000 still weigh 13.5%, too much for a run whose G moves a lot early. Config key {@code
     * train.generator-ema-start}.
     */
    public final DoubleParam generatorEmaStart() {
        return generatorEmaStart;
    }

    /** The value of {@link #generatorEmaStart()}: set, or the default of {@code train.generator-ema-start}. */
    public final double getGeneratorEmaStart() {
        return (Double) getOrDefault(generatorEmaStart);
    }

    /**
     * Sets {@link #generatorEmaStart()}, over any value of {@code train.generator-ema-start} from the config or recipe.
     *
     * @param value the value of {@code train.generator-ema-start}
     * @return this estimator
     */
    public final GanEstimator setGeneratorEmaStart(double value) {
        set(generatorEmaStart, value);
        return self();
    }

    /**
     * Optimisers of G and D: adam | sgd, with separate learning rates. (beta1) Config key {@code
     * train.generator-optimizer.beta1}.
     */
    public final DoubleParam generatorOptimizerBeta1() {
        return generatorOptimizerBeta1;
    }

    /** The value of {@link #generatorOptimizerBeta1()}: set, or the default of {@code train.generator-optimizer.beta1}. */
    public final double getGeneratorOptimizerBeta1() {
        return (Double) getOrDefault(generatorOptimizerBeta1);
    }

    /**
     * Sets {@link #generatorOptimizerBeta1()}, over any value of {@code train.generator-optimizer.beta1} from the config or recipe.
     *
     * @param value the value of {@code train.generator-optimizer.beta1}
     * @return this estimator
     */
    public final GanEstimator setGeneratorOptimizerBeta1(double value) {
        set(generatorOptimizerBeta1, value);
        return self();
    }

    /**
     * Optimisers of G and D: adam | sgd, with separate learning rates. (beta2) Config key {@code
     * train.generator-optimizer.beta2}.
     */
    public final DoubleParam generatorOptimizerBeta2() {
        return generatorOptimizerBeta2;
    }

    /** The value of {@link #generatorOptimizerBeta2()}: set, or the default of {@code train.generator-optimizer.beta2}. */
    public final double getGeneratorOptimizerBeta2() {
        return (Double) getOrDefault(generatorOptimizerBeta2);
    }

    /**
     * Sets {@link #generatorOptimizerBeta2()}, over any value of {@code train.generator-optimizer.beta2} from the config or recipe.
     *
     * @param value the value of {@code train.generator-optimizer.beta2}
     * @return this estimator
     */
    public final GanEstimator setGeneratorOptimizerBeta2(double value) {
        set(generatorOptimizerBeta2, value);
        return self();
    }

    /**
     * Optimisers of G and D: adam | sgd, with separate learning rates. (epsilon) Config key {@code
     * train.generator-optimizer.epsilon}.
     */
    public final DoubleParam generatorOptimizerEpsilon() {
        return generatorOptimizerEpsilon;
    }

    /** The value of {@link #generatorOptimizerEpsilon()}: set, or the default of {@code train.generator-optimizer.epsilon}. */
    public final double getGeneratorOptimizerEpsilon() {
        return (Double) getOrDefault(generatorOptimizerEpsilon);
    }

    /**
     * Sets {@link #generatorOptimizerEpsilon()}, over any value of {@code train.generator-optimizer.epsilon} from the config or recipe.
     *
     * @param value the value of {@code train.generator-optimizer.epsilon}
     * @return this estimator
     */
    public final GanEstimator setGeneratorOptimizerEpsilon(double value) {
        set(generatorOptimizerEpsilon, value);
        return self();
    }

    /**
     * Optimisers of G and D: adam | sgd, with separate learning rates. (learning-rate) Config key {@code
     * train.generator-optimizer.learning-rate}.
     */
    public final DoubleParam generatorOptimizerLearningRate() {
        return generatorOptimizerLearningRate;
    }

    /** The value of {@link #generatorOptimizerLearningRate()}: set, or the default of {@code train.generator-optimizer.learning-rate}. */
    public final double getGeneratorOptimizerLearningRate() {
        return (Double) getOrDefault(generatorOptimizerLearningRate);
    }

    /**
     * Sets {@link #generatorOptimizerLearningRate()}, over any value of {@code train.generator-optimizer.learning-rate} from the config or recipe.
     *
     * @param value the value of {@code train.generator-optimizer.learning-rate}
     * @return this estimator
     */
    public final GanEstimator setGeneratorOptimizerLearningRate(double value) {
        set(generatorOptimizerLearningRate, value);
        return self();
    }

    /**
     * Optimisers of G and D: adam | sgd, with separate learning rates. (type) Config key {@code
     * train.generator-optimizer.type}.
     */
    public final Param<String> generatorOptimizerType() {
        return generatorOptimizerType;
    }

    /** The value of {@link #generatorOptimizerType()}: set, or the default of {@code train.generator-optimizer.type}. */
    public final String getGeneratorOptimizerType() {
        return (String) getOrDefault(generatorOptimizerType);
    }

    /**
     * Sets {@link #generatorOptimizerType()}, over any value of {@code train.generator-optimizer.type} from the config or recipe.
     *
     * @param value the value of {@code train.generator-optimizer.type}
     * @return this estimator
     */
    public final GanEstimator setGeneratorOptimizerType(String value) {
        set(generatorOptimizerType, value);
        return self();
    }

    /**
     * One-sided label smoothing: real examples get target 1 - label-smoothing in D's loss (not with
     * hinge). Config key {@code train.label-smoothing}.
     */
    public final DoubleParam labelSmoothing() {
        return labelSmoothing;
    }

    /** The value of {@link #labelSmoothing()}: set, or the default of {@code train.label-smoothing}. */
    public final double getLabelSmoothing() {
        return (Double) getOrDefault(labelSmoothing);
    }

    /**
     * Sets {@link #labelSmoothing()}, over any value of {@code train.label-smoothing} from the config or recipe.
     *
     * @param value the value of {@code train.label-smoothing}
     * @return this estimator
     */
    public final GanEstimator setLabelSmoothing(double value) {
        set(labelSmoothing, value);
        return self();
    }

    /**
     * Local steps per phase in average mode (must be 1 in sync mode). Config key {@code
     * train.local-steps}.
     */
    public final IntParam localSteps() {
        return localSteps;
    }

    /** The value of {@link #localSteps()}: set, or the default of {@code train.local-steps}. */
    public final int getLocalSteps() {
        return (Integer) getOrDefault(localSteps);
    }

    /**
     * Sets {@link #localSteps()}, over any value of {@code train.local-steps} from the config or recipe.
     *
     * @param value the value of {@code train.local-steps}
     * @return this estimator
     */
    public final GanEstimator setLocalSteps(int value) {
        set(localSteps, value);
        return self();
    }

    /**
     * non-saturating (default) | minimax | least-squares | hinge (D: max(0, 1 - D(x)) + max(0, 1 +
     * D(G(z))), G: -D(G(z)); the usual partner of model.discriminator-norm = spectral-norm, Miyato et al.
     * 2018). The JSD estimate is reported for non-saturating and minimax only (D's output is a probability
     * there). Config key {@code train.loss}.
     */
    public final Param<String> loss() {
        return loss;
    }

    /** The value of {@link #loss()}: set, or the default of {@code train.loss}. */
    public final String getLoss() {
        return (String) getOrDefault(loss);
    }

    /**
     * Sets {@link #loss()}, over any value of {@code train.loss} from the config or recipe.
     *
     * @param value the value of {@code train.loss}
     * @return this estimator
     */
    public final GanEstimator setLoss(String value) {
        set(loss, value);
        return self();
    }

    /**
     * Learning-rate schedule of both optimisers: constant until this fraction of train.rounds, then linear
     * decay to lr-final-fraction x the configured rate at the last round (1.0: constant). Decay at the end
     * sharpens the modes a GAN has found. Config key {@code train.lr-decay-start}.
     */
    public final DoubleParam lrDecayStart() {
        return lrDecayStart;
    }

    /** The value of {@link #lrDecayStart()}: set, or the default of {@code train.lr-decay-start}. */
    public final double getLrDecayStart() {
        return (Double) getOrDefault(lrDecayStart);
    }

    /**
     * Sets {@link #lrDecayStart()}, over any value of {@code train.lr-decay-start} from the config or recipe.
     *
     * @param value the value of {@code train.lr-decay-start}
     * @return this estimator
     */
    public final GanEstimator setLrDecayStart(double value) {
        set(lrDecayStart, value);
        return self();
    }

    /**
     * lr-final-fraction Config key {@code train.lr-final-fraction}.
     */
    public final DoubleParam lrFinalFraction() {
        return lrFinalFraction;
    }

    /** The value of {@link #lrFinalFraction()}: set, or the default of {@code train.lr-final-fraction}. */
    public final double getLrFinalFraction() {
        return (Double) getOrDefault(lrFinalFraction);
    }

    /**
     * Sets {@link #lrFinalFraction()}, over any value of {@code train.lr-final-fraction} from the config or recipe.
     *
     * @param value the value of {@code train.lr-final-fraction}
     * @return this estimator
     */
    public final GanEstimator setLrFinalFraction(double value) {
        set(lrFinalFraction, value);
        return self();
    }

    /**
     * sync: gradient averaging, equal to one machine with the global batch. average: each partition takes
     * local-steps optimiser steps, then parameters and optimiser state are averaged (fewer Spark jobs, not
     * exactly equal to one machine). Config key {@code train.mode}.
     */
    public final Param<String> mode() {
        return mode;
    }

    /** The value of {@link #mode()}: set, or the default of {@code train.mode}. */
    public final String getMode() {
        return (String) getOrDefault(mode);
    }

    /**
     * Sets {@link #mode()}, over any value of {@code train.mode} from the config or recipe.
     *
     * @param value the value of {@code train.mode}
     * @return this estimator
     */
    public final GanEstimator setMode(String value) {
        set(mode, value);
        return self();
    }

    /**
     * Zero-centred gradient penalty on real data (R1, Mescheder et al. 2018): D's loss gets r1-gamma / 2 x
     * |grad_x D(x)|^2 per real example (0 = off). It damps D's oscillation around the data so the game
     * converges instead of circling. model.type = mlp with relu or leaky-relu only. Its scale depends on
     * the data: narrow modes need steep D slopes (ring8, modes 0.01 wide: 0.01 works, 1 flattens D
     * completely; docs/benchmarks.md, B1). Config key {@code train.r1-gamma}.
     */
    public final DoubleParam r1Gamma() {
        return r1Gamma;
    }

    /** The value of {@link #r1Gamma()}: set, or the default of {@code train.r1-gamma}. */
    public final double getR1Gamma() {
        return (Double) getOrDefault(r1Gamma);
    }

    /**
     * Sets {@link #r1Gamma()}, over any value of {@code train.r1-gamma} from the config or recipe.
     *
     * @param value the value of {@code train.r1-gamma}
     * @return this estimator
     */
    public final GanEstimator setR1Gamma(double value) {
        set(r1Gamma, value);
        return self();
    }

    /**
     * How each task sends its result to the driver: float32 (as computed, bit for bit; double with
     * model.precision = double) | bfloat16 | float16. The 16-bit encodings halve the result bytes and
     * round every value to nearest even: in sync mode the gradient, in average mode the CHANGE of the
     * parameters and optimiser state from what the task received (not the values: rounding those would
     * lose most of a small step). The driver decodes and accumulates in float. bfloat16 keeps float's
     * range, relative error &lt;= 2^-8; float16 scales each vector by a power of two so that its largest
     * magnitude fits (nothing overflows), relative error &lt;= 2^-11 down to 2^-28 of that magnitude.
     * Batch-norm statistics travel in float. float32 only with --reference (one global batch, no task
     * results) and with model.precision = double (docs/architecture.md, "Result encoding"). Config key
     * {@code train.result-encoding}.
     */
    public final Param<String> resultEncoding() {
        return resultEncoding;
    }

    /** The value of {@link #resultEncoding()}: set, or the default of {@code train.result-encoding}. */
    public final String getResultEncoding() {
        return (String) getOrDefault(resultEncoding);
    }

    /**
     * Sets {@link #resultEncoding()}, over any value of {@code train.result-encoding} from the config or recipe.
     *
     * @param value the value of {@code train.result-encoding}
     * @return this estimator
     */
    public final GanEstimator setResultEncoding(String value) {
        set(resultEncoding, value);
        return self();
    }

    /**
     * Rounds to train. A round is critic-steps D phases followed by one G phase. Config key {@code
     * train.rounds}.
     */
    public final IntParam rounds() {
        return rounds;
    }

    /** The value of {@link #rounds()}: set, or the default of {@code train.rounds}. */
    public final int getRounds() {
        return (Integer) getOrDefault(rounds);
    }

    /**
     * Sets {@link #rounds()}, over any value of {@code train.rounds} from the config or recipe.
     *
     * @param value the value of {@code train.rounds}
     * @return this estimator
     */
    public final GanEstimator setRounds(int value) {
        set(rounds, value);
        return self();
    }
}
