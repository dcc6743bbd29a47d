package io.sparkgan.export;

import io.sparkgan.model.GanModelSpec;
import io.sparkgan.nn.ClassLabels;
import io.sparkgan.nn.FlatVector;
import io.sparkgan.nn.LayerExport;
import io.sparkgan.nn.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained class-conditional generator as a DL4J {@link ComputationGraph} with two inputs, so
 * DL4J users load it with {@code ModelSerializer.restoreComputationGraph} and no sparkgan:
 * {@value #LATENT_INPUT} [n, latent] ~ N(0, I) and {@value #LABEL_INPUT} [n, K], the one-hot
 * class (row i all zeros but a 1 at column y_i). Output as {@link Dl4jGenerator}'s: rows
 * [n, dim], or NCHW images [n, c, h, w] in [-1, 1].
 *
 * <p>Stock DL4J has no conditional batch norm, so it is built from parts: a {@code
 * BatchNormalization} with its own gamma and beta locked to 1 and 0 (the running statistics
 * normalise), and per-class gamma and beta from dense layers without bias on the one-hot label
 * (a dense layer on a one-hot row is a table lookup), multiplied and added by {@link
 * ElementWiseVertex}es. ElementWiseVertex does not broadcast [n, c] over an image's positions, so
 * those dense layers emit the value of every position ([n, c*h*w], the class's row of the table
 * repeated h*w times per channel), reshaped to [n, c, h, w]: K*c*h*w parameters for a table of
 * K*c values, the price of exact stock layers. The MLP's class embedding is a dense layer on the
 * one-hot label whose output is concatenated to z ({@link MergeVertex}).
 */
public final class Dl4jConditionalGenerator {
    /** Name of the graph's latent input. */
    public static final String LATENT_INPUT = "z";
    /** Name of the graph's one-hot class input. */
    public static final String LABEL_INPUT = "label";

    private final ComputationGraphConfiguration.GraphBuilder graph;
    private final List<String> layerNames = new ArrayList<>();
    private final List<Map<String, INDArray>> layerParams = new ArrayList<>();
    /** The vertex holding the activations so far, and their shape: channels, and h and w (0 for rows). */
    private String current = LATENT_INPUT;
    private int channels;
    private int height;
    private int width;
    private int next;

    private Dl4jConditionalGenerator(int latentDim, int classes) {
        graph = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).graphBuilder()
                .addInputs(LATENT_INPUT, LABEL_INPUT)
                .setInputTypes(InputType.feedForward(latentDim), InputType.feedForward(classes));
        channels = latentDim;
    }

    /**
     * The class-conditional generator of {@code spec} with parameters {@code theta} and batch-norm
     * state {@code buffers}.
     *
     * @throws IllegalArgumentException if {@code spec} is unconditional (export it with {@link Dl4jGenerator})
     */
    public static ComputationGraph build(GanModelSpec spec, FlatVector theta, FlatVector buffers) {
        if (spec.classes() == 0) {
            throw new IllegalArgumentException(spec.describe() + " is unconditional: export it with Dl4jGenerator");
        }
        Network g = spec.buildGenerator();
        g.setParams(theta);
        if (g.numBuffers() > 0) g.setBuffers(buffers);
        Dl4jConditionalGenerator b = new Dl4jConditionalGenerator(spec.latentDim(), spec.classes());
        List<io.sparkgan.nn.Layer> layers = g.layers();
        for (int i = 0; i < layers.size(); i++) b.add(layers.get(i).export(), i == 0);
        ComputationGraph net = new ComputationGraph(b.graph.setOutputs(b.current).build());
        net.init();
        for (int i = 0; i < b.layerNames.size(); i++) {
            for (Map.Entry<String, INDArray> p : b.layerParams.get(i).entrySet()) {
                net.setParam(b.layerNames.get(i) + "_" + p.getKey(), p.getValue());
            }
        }
        return net;
    }

    private void add(LayerExport e, boolean first) {
        if (e instanceof LayerExport.ToImage t) {
            if (!first || t.height() != 1 || t.width() != 1) {
                throw new UnsupportedOperationException("only a 1x1 reshape of z is exported, got " + t);
            }
            current = vertex("zImage", new PreprocessorVertex(new FeedForwardToCnnPreProcessor(1, 1, t.channels())),
                    current);
            height = 1;
            width = 1;
        } else if (e instanceof LayerExport.ToRows) {
            // the exported network returns NCHW images
        } else if (e instanceof LayerExport.ConditionalBatchNorm c) {
            conditionalBatchNorm(c);
        } else if (e instanceof LayerExport.ClassEmbedding c) {
            String embedding = layer("embedding", new Dl4jLayer(Dl4jLayer.dense(c.classes(), c.dim(), false),
                    Map.of("W", Dl4jLayer.f(c.embedding()))), LABEL_INPUT);
            current = vertex("withClass", new MergeVertex(), current, embedding);
            channels = c.in() + c.dim();
        } else {
            current = layer("layer", Dl4jLayer.of(e), current);
            if (e instanceof LayerExport.Dense d) {
                channels = d.out();
            } else if (e instanceof LayerExport.Convolution c) {
                // DL4J's transposed convolution in Truncate mode: (in - 1) * stride + kernel - 2 * padding
                height = (height - 1) * c.stride() + c.kernel() - 2 * c.padding();
                width = (width - 1) * c.stride() + c.kernel() - 2 * c.padding();
                channels = c.out();
            }
        }
    }

    /** xhat (running statistics) * gamma[y] + beta[y], gamma and beta looked up from the one-hot label. */
    private void conditionalBatchNorm(LayerExport.ConditionalBatchNorm c) {
        String normalised = layer("normalised", Dl4jLayer.normalisation(c.channels(), c.mean(), c.variance(), c.eps()),
                current);
        String gamma = perClass("gamma", c.gamma(), c.classes());
        String beta = perClass("beta", c.beta(), c.classes());
        String scaled = vertex("scaled", new ElementWiseVertex(ElementWiseVertex.Op.Product), normalised, gamma);
        current = vertex("conditioned", new ElementWiseVertex(ElementWiseVertex.Op.Add), scaled, beta);
    }

    /**
     * The label's row of {@code table} [K, c] at every position of the current activations:
     * [n, c] for rows, [n, c, h, w] for images.
     */
    private String perClass(String what, INDArray table, int classes) {
        int positions = height == 0 ? 1 : height * width;
        float[] t = table.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] tiled = new float[classes * channels * positions];
        // NCHW flattening: channel-major, so channel ch's value fills positions [ch * hw, (ch + 1) * hw)
        for (int k = 0; k < classes; k++) {
            for (int ch = 0; ch < channels; ch++) {
                java.util.Arrays.fill(tiled, (k * channels + ch) * positions, (k * channels + ch + 1) * positions,
                        t[k * channels + ch]);
            }
        }
        INDArray w = Nd4j.create(tiled, new long[] {classes, (long) channels * positions}, 'c');
        String rows = layer(what, new Dl4jLayer(Dl4jLayer.dense(classes, channels * positions, false), Map.of("W", w)),
                LABEL_INPUT);
        if (height == 0) return rows;
        return vertex(what + "Image", new PreprocessorVertex(new FeedForwardToCnnPreProcessor(height, width, channels)),
                rows);
    }

    private String layer(String kind, Dl4jLayer layer, String input) {
        String name = kind + next++;
        graph.addLayer(name, layer.conf(), input);
        layerNames.add(name);
        layerParams.add(layer.params());
        return name;
    }

    private String vertex(String kind, GraphVertex vertex, String... inputs) {
        String name = kind + next++;
        graph.addVertex(name, vertex, inputs);
        return name;
    }

    /** The one-hot label input [n, K] for classes {@code labels}. */
    public static INDArray oneHot(int[] labels, int classes) {
        return ClassLabels.oneHot(labels, classes, DataType.FLOAT, "exported generator");
    }

    /** Number of classes K the graph's label input takes. */
    public static int classes(ComputationGraph net) {
        return (int) inputSize(net.getConfiguration(), LABEL_INPUT);
    }

    /** Size of z the graph takes. */
    public static int latentDim(ComputationGraph net) {
        return (int) inputSize(net.getConfiguration(), LATENT_INPUT);
    }

    /**
     * Size of the rows vertex {@code name} feeds into the graph, read from what consumes them (a
     * saved graph keeps no input types): a dense layer's nIn, a reshape's image size, or a
     * concatenation's size less the other parts.
     */
    private static long inputSize(ComputationGraphConfiguration conf, String name) {
        for (Map.Entry<String, List<String>> e : conf.getVertexInputs().entrySet()) {
            if (!e.getValue().contains(name)) continue;
            GraphVertex v = conf.getVertices().get(e.getKey());
            if (v instanceof LayerVertex l && l.getLayerConf().getLayer() instanceof FeedForwardLayer f) return f.getNIn();
            if (v instanceof PreprocessorVertex p && p.getPreProcessor() instanceof FeedForwardToCnnPreProcessor c) {
                return c.getNumChannels() * c.getInputHeight() * c.getInputWidth();
            }
            if (v instanceof MergeVertex) {
                long size = inputSize(conf, e.getKey());
                for (String other : e.getValue()) {
                    if (!other.equals(name)) size -= outputSize(conf, other);
                }
                return size;
            }
        }
        throw new IllegalArgumentException("not a generator exported by sparkgan: cannot tell the size of input " + name);
    }

    private static long outputSize(ComputationGraphConfiguration conf, String layer) {
        if (conf.getVertices().get(layer) instanceof LayerVertex l && l.getLayerConf().getLayer() instanceof FeedForwardLayer f) {
            return f.getNOut();
        }
        throw new IllegalArgumentException("not a generator exported by sparkgan: " + layer + " is not a dense layer");
    }

    /**
     * Runs the generator on z [n, latent] for classes {@code labels} and returns rows [n, dim] in
     * our layout: image outputs [n, c, h, w] are permuted to NHWC before flattening.
     */
    public static INDArray generateRows(ComputationGraph net, INDArray z, int[] labels) {
        INDArray out = net.output(false, z.castTo(DataType.FLOAT), oneHot(labels, classes(net)))[0];
        if (out.rank() == 4) out = out.permute(0, 2, 3, 1).dup('c');
        return out.reshape('c', out.size(0), out.length() / out.size(0));
    }

    /** The image shape of the graph's output, or null for vector output. */
    public static io.sparkgan.images.ImageShape imageShape(ComputationGraph net) {
        INDArray probe = net.output(false, Nd4j.zeros(DataType.FLOAT, 1, latentDim(net)), oneHot(new int[1], classes(net)))[0];
        return probe.rank() == 4
                ? new io.sparkgan.images.ImageShape((int) probe.size(2), (int) probe.size(3), (int) probe.size(1)) : null;
    }
}
