package io.sparkgan.model;

import io.sparkgan.nn.Activation;
import io.sparkgan.nn.ClassEmbedding;
import io.sparkgan.nn.Dense;
import io.sparkgan.nn.Layer;
import io.sparkgan.nn.Network;
import io.sparkgan.nn.ProjectionHead;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Multi-layer perceptron GAN: G maps z through hidden dense layers to the data space, D maps an
 * example through hidden dense layers to one logit. Used for the 2-D mixtures and the MLP GAN of the
 * throughput benchmark (docs/benchmarks.md, B2).
 *
 * @param latentDim size of z
 * @param dataDim size of an example
 * @param generatorHidden hidden layer widths of G, input to output
 * @param discriminatorHidden hidden layer widths of D, input to output
 * @param hiddenActivation activation after every hidden layer
 * @param leakySlope negative slope when the activation is leaky ReLU
 * @param generatorOutput activation of G's output (identity for real-valued data, tanh for [-1, 1])
 * @param dataType parameter precision
 * @param pack examples D sees concatenated in one input row (PacGAN; 1 = the usual D)
 * @param classes number of classes of a class-conditional GAN (0 = unconditional): G gets a
 *        learned class embedding of K values appended to z ({@link ClassEmbedding}), D's output
 *        layer is a {@link ProjectionHead} on its last hidden layer (Miyato &amp; Koyama 2018)
 */
public record MlpGanSpec(int latentDim, int dataDim, int[] generatorHidden, int[] discriminatorHidden,
                         Activation hiddenActivation, double leakySlope, Activation generatorOutput,
                         DataType dataType, int pack, int classes) implements GanModelSpec {

    public MlpGanSpec {
        if (pack < 1) throw new IllegalArgumentException("pack must be at least 1, got " + pack);
        if (classes < 0) throw new IllegalArgumentException("classes must be >= 0 (0 = unconditional), got " + classes);
        if (classes > 0 && pack > 1) {
            throw new IllegalArgumentException("a class-conditional GAN cannot pack examples (pack " + pack
                    + "): a packed row would mix several examples' classes");
        }
        generatorHidden = generatorHidden.clone();
        discriminatorHidden = discriminatorHidden.clone();
    }

    /** Unconditional. */
    public MlpGanSpec(int latentDim, int dataDim, int[] generatorHidden, int[] discriminatorHidden,
                      Activation hiddenActivation, double leakySlope, Activation generatorOutput, DataType dataType,
                      int pack) {
        this(latentDim, dataDim, generatorHidden, discriminatorHidden, hiddenActivation, leakySlope, generatorOutput,
                dataType, pack, 0);
    }

    /**
     * This spec made class-conditional over {@code classes} classes (0: unconditional).
     *
     * @param classes number of classes K, or 0
     */
    public MlpGanSpec withClasses(int classes) {
        return new MlpGanSpec(latentDim, dataDim, generatorHidden, discriminatorHidden, hiddenActivation, leakySlope,
                generatorOutput, dataType, pack, classes);
    }

    /** Unconditional, without packing. */
    public MlpGanSpec(int latentDim, int dataDim, int[] generatorHidden, int[] discriminatorHidden,
                      Activation hiddenActivation, double leakySlope, Activation generatorOutput, DataType dataType) {
        this(latentDim, dataDim, generatorHidden, discriminatorHidden, hiddenActivation, leakySlope, generatorOutput,
                dataType, 1);
    }

    @Override
    public Network buildGenerator() {
        int in = classes > 0 ? latentDim + classes : latentDim;
        List<Layer> layers = hiddenStack(in, generatorHidden);
        if (classes > 0) layers.add(0, new ClassEmbedding(latentDim, classes, classes));
        int last = generatorHidden.length == 0 ? in : generatorHidden[generatorHidden.length - 1];
        layers.add(new Dense(last, dataDim));
        addIfPresent(layers, generatorOutput.newLayer(leakySlope));
        return new Network(layers, dataType);
    }

    @Override
    public Network buildDiscriminator() {
        int in = dataDim * pack;
        List<Layer> layers = hiddenStack(in, discriminatorHidden);
        int last = discriminatorHidden.length == 0 ? in : discriminatorHidden[discriminatorHidden.length - 1];
        layers.add(classes > 0 ? new ProjectionHead(last, classes, true, 0) : new Dense(last, 1));
        return new Network(layers, dataType);
    }

    private List<Layer> hiddenStack(int in, int[] widths) {
        List<Layer> layers = new ArrayList<>();
        int prev = in;
        for (int w : widths) {
            layers.add(new Dense(prev, w));
            addIfPresent(layers, hiddenActivation.newLayer(leakySlope));
            prev = w;
        }
        return layers;
    }

    private static void addIfPresent(List<Layer> layers, Layer l) {
        if (l != null) layers.add(l);
    }

    @Override
    public String describe() {
        return "mlp G " + chain(latentDim, generatorHidden, dataDim) + " " + generatorOutput.configName()
                + " / D " + chain(dataDim * pack, discriminatorHidden, 1) + (pack > 1 ? " (pack " + pack + ")" : "")
                + ", " + hiddenActivation.configName()
                + (classes > 0 ? ", conditional on " + classes + " classes" : "")
                + ", " + dataType.name().toLowerCase();
    }

    private static String chain(int in, int[] hidden, int out) {
        return in + "-" + Arrays.stream(hidden).mapToObj(Integer::toString).collect(Collectors.joining("-"))
                + (hidden.length > 0 ? "-" : "") + out;
    }

    // Records compare arrays by identity; the executor cache needs value equality.
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MlpGanSpec s)) return false;
        return latentDim == s.latentDim && dataDim == s.dataDim && Arrays.equals(generatorHidden, s.generatorHidden)
                && Arrays.equals(discriminatorHidden, s.discriminatorHidden) && hiddenActivation == s.hiddenActivation
                && Double.compare(leakySlope, s.leakySlope) == 0 && generatorOutput == s.generatorOutput
                && dataType == s.dataType && pack == s.pack && classes == s.classes;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new Object[] {latentDim, dataDim, Arrays.hashCode(generatorHidden),
            Arrays.hashCode(discriminatorHidden), hiddenActivation, leakySlope, generatorOutput, dataType, pack, classes});
    }

    @Override
    public String toString() {
        return describe();
    }
}
