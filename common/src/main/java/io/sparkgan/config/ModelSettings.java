package io.sparkgan.config;

import io.sparkgan.data.DataSource;
import io.sparkgan.images.ImageShape;
import io.sparkgan.model.DcganSpec;
import io.sparkgan.model.DiscriminatorNorm;
import io.sparkgan.model.GanModelSpec;
import io.sparkgan.model.MlpGanSpec;
import io.sparkgan.nn.Activation;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The model family and its sizes, before the data dimension is known.
 *
 * @param type model family ("mlp")
 * @param latentDim size of z
 * @param generatorHidden G's hidden widths
 * @param discriminatorHidden D's hidden widths
 * @param hiddenActivation activation of hidden layers
 * @param leakySlope slope of leaky ReLU
 * @param generatorOutput G's output activation
 * @param dataType precision
 * @param imageSize dcgan image side
 * @param channels dcgan image channels
 * @param baseWidth dcgan base channel width
 * @param pack mlp: examples D sees concatenated per input (PacGAN; 1 = off)
 * @param generatorBaseWidth dcgan: channels of G's last hidden layer
 * @param discriminatorNorm dcgan: how D's layers are normalised
 * @param conditional class-conditional G and D (the number of classes comes from the data)
 * @param clusters self-conditioning: G and D conditioned on this many k-means clusters of the
 *                 training examples (0 = off)
 * @param clusterIterations most k-means iterations when finding the clusters
 * @param clusterFeatures what k-means compares examples by: one of {@link #CLUSTER_FEATURES}
 */
public record ModelSettings(String type, int latentDim, int[] generatorHidden, int[] discriminatorHidden,
                            Activation hiddenActivation, double leakySlope, Activation generatorOutput,
                            DataType dataType, int imageSize, int channels, int baseWidth, int pack,
                            int generatorBaseWidth, DiscriminatorNorm discriminatorNorm, boolean conditional, int clusters,
                            int clusterIterations, String clusterFeatures) {

    /**
     * The values of model.cluster-features: the examples as they are, then the label-free maps of
     * images that clustering/ClusterFeatures builds (only pixels applies to data without images).
     */
    public static final java.util.List<String> CLUSTER_FEATURES = java.util.List.of("pixels", "deskewed", "hog",
            "deskewed-hog");

    /** Whether G and D take a class: the data's labels (conditional) or k-means clusters (self-conditioned). */
    public boolean classConditioned() {
        return conditional || clusters > 0;
    }

    /** Whether the classes are k-means clusters found before training (model.clusters &gt; 0). */
    public boolean selfConditioned() {
        return clusters > 0;
    }


    /** The buildable model spec for {@code data}, refusing a convolutional model of another image shape. */
    public GanModelSpec spec(DataSource data) {
        if (selfConditioned() && data.classes() != clusters) {
            throw new IllegalStateException("model.clusters = " + clusters + " but the data is labelled with "
                    + data.classes() + " classes: the data must be the clustered source");
        }
        if (conditional && data.classes() == 0) {
            throw new ConfigError("model.conditional = true needs labelled data, but " + data.describe() + " has no"
                    + " labels: prepare images with their labels (IDX label files, or sparkgan prepare --labels folder),"
                    + " or name the CSV label column with data.label-column; or set model.conditional = false");
        }
        GanModelSpec spec = spec(data.dim(), classConditioned() ? data.classes() : 0);
        ImageShape shape = data.imageShape();
        if (spec instanceof DcganSpec d && shape != null
                && (shape.height() != d.imageSize() || shape.width() != d.imageSize() || shape.channels() != d.channels())) {
            throw new ConfigError("model.type = " + type + " makes " + d.imageSize() + "x" + d.imageSize() + "x"
                    + d.channels() + " images but the data is " + shape.describe() + " (" + data.describe()
                    + "); set model.image-size and model.channels to match, or prepare the data at that size");
        }
        return spec;
    }

    /**
     * The buildable model spec for examples of size {@code dataDim}; an unconditional model only
     * (a conditional one needs its number of classes: {@link #spec(int, int)}).
     */
    public GanModelSpec spec(int dataDim) {
        if (classConditioned()) {
            throw new ConfigError((conditional ? "model.conditional = true" : "model.clusters = " + clusters)
                    + ": the model needs the number of classes of its data");
        }
        return spec(dataDim, 0);
    }

    /**
     * The buildable model spec for examples of size {@code dataDim}.
     *
     * @param dataDim size of an example
     * @param classes number of classes of a conditional model (from the data set), 0 for an unconditional one
     * @throws ConfigError if {@code classes} does not fit model.conditional
     */
    public GanModelSpec spec(int dataDim, int classes) {
        if (classConditioned() != (classes > 0) || (selfConditioned() && classes != clusters)) {
            throw new ConfigError(selfConditioned() ? "model.clusters = " + clusters + " but the model has " + classes
                    + " classes" : conditional ? "model.conditional = true needs the number of classes of the data, got "
                    + classes : "model.conditional = false, but " + classes + " classes were given");
        }
        GanModelSpec spec;
        switch (type) {
            case "dcgan-reference":
                spec = DcganSpec.reference(dataType).withClasses(classes);
                break;
            case "dcgan":
                spec = DcganSpec.radford(imageSize, channels, latentDim, baseWidth, dataType)
                        .withGeneratorBaseWidth(generatorBaseWidth).withDiscriminatorNorm(discriminatorNorm)
                        .withClasses(classes);
                break;
            default:
                return new MlpGanSpec(latentDim, dataDim, generatorHidden, discriminatorHidden, hiddenActivation,
                        leakySlope, generatorOutput, dataType, pack, classes);
        }
        if (spec.dataDim() != dataDim) {
            throw new ConfigError("model.type = " + type + " generates examples of " + spec.dataDim()
                    + " values, but the data has " + dataDim + " values per example; set model.image-size and"
                    + " model.channels to the data's shape");
        }
        return spec;
    }
}
