package io.sparkgan.export;

import io.sparkgan.model.GanModelSpec;
import io.sparkgan.nn.FlatVector;
import io.sparkgan.nn.LayerExport;
import io.sparkgan.nn.Network;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained generator as a DL4J {@link MultiLayerNetwork}, so DL4J/ND4J users load it with
 * {@code ModelSerializer.restoreMultiLayerNetwork} and no sparkgan. Input: z as [n, latent];
 * output: [n, dim] rows for vector models, or images [n, c, h, w] (DL4J's usual NCHW layout)
 * in [-1, 1] for convolutional ones; our NHWC rows are that output permuted to [n, h, w, c].
 * Batch norm uses the running statistics, as our sampling does.
 */
public final class Dl4jGenerator {
    private Dl4jGenerator() {}

    /** The generator of {@code spec} with parameters {@code theta} and batch-norm state {@code buffers}. */
    public static MultiLayerNetwork build(GanModelSpec spec, FlatVector theta, FlatVector buffers) {
        Network g = spec.buildGenerator();
        g.setParams(theta);
        if (g.numBuffers() > 0) g.setBuffers(buffers);
        List<LayerExport> layers = new ArrayList<>();
        for (io.sparkgan.nn.Layer l : g.layers()) layers.add(l.export());

        NeuralNetConfiguration.ListBuilder conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT).list();
        List<Dl4jLayer> dl4jLayers = new ArrayList<>();
        InputType inputType = InputType.feedForward(spec.latentDim());
        for (int i = 0; i < layers.size(); i++) {
            LayerExport e = layers.get(i);
            if (e instanceof LayerExport.ToImage t) {
                if (i != 0 || t.height() != 1 || t.width() != 1) {
                    throw new UnsupportedOperationException("only a 1x1 reshape of z is exported, got " + t);
                }
                // z [n, latent] becomes [n, latent, 1, 1] through DL4J's feed-forward-to-CNN preprocessor
                inputType = InputType.convolutionalFlat(1, 1, t.channels());
                continue;
            } else if (e instanceof LayerExport.ToRows) {
                continue; // the exported network returns NCHW images
            } else if (e instanceof LayerExport.ConditionalBatchNorm || e instanceof LayerExport.ClassEmbedding) {
                throw new UnsupportedOperationException("a class-conditional generator (" + e.getClass().getSimpleName()
                        + ") needs the label as a second input: export it with Dl4jConditionalGenerator");
            }
            Dl4jLayer layer = Dl4jLayer.of(e);
            conf.layer(layer.conf());
            dl4jLayers.add(layer);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(conf.setInputType(inputType).build());
        net.init();
        for (int i = 0; i < dl4jLayers.size(); i++) {
            for (Map.Entry<String, INDArray> p : dl4jLayers.get(i).params().entrySet()) {
                net.setParam(i + "_" + p.getKey(), p.getValue());
            }
        }
        return net;
    }

    /** Writes {@code net} with ModelSerializer (no updater: it is for inference). */
    public static void save(MultiLayerNetwork net, File file) throws IOException {
        ModelSerializer.writeModel(net, file, false);
    }

    /** Loads a network written by {@link #save}. */
    public static MultiLayerNetwork load(File file) throws IOException {
        return ModelSerializer.restoreMultiLayerNetwork(file, false);
    }

    /** Size of z the exported generator takes. */
    public static int latentDim(MultiLayerNetwork net) {
        org.deeplearning4j.nn.conf.InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(0);
        if (pre instanceof org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor p) {
            return (int) p.getNumChannels();
        }
        return (int) net.layerInputSize(0);
    }

    /**
     * Runs the generator on z [n, latent] and returns rows [n, dim] in our layout: image outputs
     * [n, c, h, w] are permuted to NHWC before flattening.
     */
    public static INDArray generateRows(MultiLayerNetwork net, INDArray z) {
        INDArray out = net.output(z.castTo(DataType.FLOAT), false);
        if (out.rank() == 4) out = out.permute(0, 2, 3, 1).dup('c');
        return out.reshape('c', out.size(0), out.length() / out.size(0));
    }

    /** The image shape of the generator's output, or null for vector output. */
    public static io.sparkgan.images.ImageShape imageShape(MultiLayerNetwork net, int latentDim) {
        INDArray probe = net.output(org.nd4j.linalg.factory.Nd4j.zeros(DataType.FLOAT, 1, latentDim), false);
        return probe.rank() == 4
                ? new io.sparkgan.images.ImageShape((int) probe.size(2), (int) probe.size(3), (int) probe.size(1)) : null;
    }
}
