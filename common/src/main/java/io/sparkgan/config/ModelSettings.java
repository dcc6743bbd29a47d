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
 */
public record ModelSettings(String type, int latentDim, int[] generatorHidden, int[] discriminatorHidden,
                            Activation hiddenActivation, double leakySlope, Activation generatorOutput,
                            DataType dataType, int imageSize, int channels, int baseWidth, int pack,
                            int generatorBaseWidth, DiscriminatorNorm discriminatorNorm) {

    /** The buildable model spec for {@code data}, refusing a convolutional model of another image shape. */
    public GanModelSpec spec(DataSource data) {
        GanModelSpec spec = spec(data.dim());
        ImageShape shape = data.imageShape();
        if (spec instanceof DcganSpec d && shape != null
                && (shape.height() != d.imageSize() || shape.width() != d.imageSize() || shape.channels() != d.channels())) {
            throw new ConfigError("model.type = " + type + " makes " + d.imageSize() + "x" + d.imageSize() + "x"
                    + d.channels() + " images but the data is " + shape.describe() + " (" + data.describe()
                    + "); set model.image-size and model.channels to match, or prepare the data at that size");
        }
        return spec;
    }

    /** The buildable model spec for examples of size {@code dataDim}. */
    public GanModelSpec spec(int dataDim) {
        GanModelSpec spec;
        switch (type) {
            case "dcgan-reference":
                spec = DcganSpec.reference(dataType);
                break;
            case "dcgan":
                spec = DcganSpec.radford(imageSize, channels, latentDim, baseWidth, dataType)
                        .withGeneratorBaseWidth(generatorBaseWidth).withDiscriminatorNorm(discriminatorNorm);
                break;
            default:
                return new MlpGanSpec(latentDim, dataDim, generatorHidden, discriminatorHidden, hiddenActivation,
                        leakySlope, generatorOutput, dataType, pack);
        }
        if (spec.dataDim() != dataDim) {
            throw new ConfigError("model.type = " + type + " generates examples of " + spec.dataDim()
                    + " values, but the data has " + dataDim + " values per example; set model.image-size and"
                    + " model.channels to the data's shape");
        }
        return spec;
    }
}
