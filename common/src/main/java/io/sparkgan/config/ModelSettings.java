package io.sparkgan.config;

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
 */
public record ModelSettings(String type, int latentDim, int[] generatorHidden, int[] discriminatorHidden,
                            Activation hiddenActivation, double leakySlope, Activation generatorOutput,
                            DataType dataType) {

    /** The buildable model spec for examples of size {@code dataDim}. */
    public GanModelSpec spec(int dataDim) {
        return new MlpGanSpec(latentDim, dataDim, generatorHidden, discriminatorHidden, hiddenActivation, leakySlope,
                generatorOutput, dataType);
    }
}
