package io.sparkgan.export;

import io.sparkgan.model.GanModelSpec;
import io.sparkgan.nn.FlatVector;
import io.sparkgan.nn.LayerExport;
import io.sparkgan.nn.Network;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
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
        List<Runnable> copies = new ArrayList<>();
        MultiLayerNetwork[] net = new MultiLayerNetwork[1];
        InputType inputType = InputType.feedForward(spec.latentDim());
        int index = 0;
        for (int i = 0; i < layers.size(); i++) {
            LayerExport e = layers.get(i);
            Layer dl4j;
            final int at = index;
            if (e instanceof LayerExport.ToImage t) {
                if (i != 0 || t.height() != 1 || t.width() != 1) {
                    throw new UnsupportedOperationException("only a 1x1 reshape of z is exported, got " + t);
                }
                // z [n, latent] becomes [n, latent, 1, 1] through DL4J's feed-forward-to-CNN preprocessor
                inputType = InputType.convolutionalFlat(1, 1, t.channels());
                continue;
            } else if (e instanceof LayerExport.ToRows) {
                continue; // the exported network returns NCHW images
            } else if (e instanceof LayerExport.Dense d) {
                dl4j = new DenseLayer.Builder().nIn(d.in()).nOut(d.out()).hasBias(d.bias() != null)
                        .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build();
                copies.add(() -> {
                    net[0].setParam(at + "_W", d.weights().castTo(DataType.FLOAT));
                    if (d.bias() != null) net[0].setParam(at + "_b", d.bias().reshape(1, d.out()).castTo(DataType.FLOAT));
                });
            } else if (e instanceof LayerExport.Convolution c) {
                if (!c.transposed()) throw new UnsupportedOperationException("generators have no forward convolutions");
                dl4j = new Deconvolution2D.Builder(c.kernel(), c.kernel()).stride(c.stride(), c.stride())
                        .padding(c.padding(), c.padding()).nIn(c.in()).nOut(c.out()).hasBias(c.bias() != null)
                        .convolutionMode(ConvolutionMode.Truncate)
                        .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build();
                copies.add(() -> {
                    // ours [k, k, out, in] (libnd4j deconv2d layout); DL4J's [in, out, k, k]
                    net[0].setParam(at + "_W", c.weights().permute(3, 2, 0, 1).castTo(DataType.FLOAT));
                    if (c.bias() != null) net[0].setParam(at + "_b", c.bias().reshape(1, c.out()).castTo(DataType.FLOAT));
                });
            } else if (e instanceof LayerExport.BatchNorm b) {
                dl4j = new BatchNormalization.Builder().nIn(b.channels()).nOut(b.channels()).eps(b.eps())
                        .useLogStd(false).build();
                copies.add(() -> {
                    net[0].setParam(at + "_gamma", b.gamma().reshape(1, b.channels()).castTo(DataType.FLOAT));
                    net[0].setParam(at + "_beta", b.beta().reshape(1, b.channels()).castTo(DataType.FLOAT));
                    net[0].setParam(at + "_mean", b.mean().reshape(1, b.channels()).castTo(DataType.FLOAT));
                    net[0].setParam(at + "_var", b.variance().reshape(1, b.channels()).castTo(DataType.FLOAT));
                });
            } else if (e instanceof LayerExport.Activation a) {
                dl4j = new ActivationLayer.Builder().activation(switch (a.kind()) {
                    case RELU -> org.nd4j.linalg.activations.Activation.RELU.getActivationFunction();
                    case LEAKY_RELU -> new ActivationLReLU(a.slope());
                    case TANH -> org.nd4j.linalg.activations.Activation.TANH.getActivationFunction();
                    case IDENTITY -> org.nd4j.linalg.activations.Activation.IDENTITY.getActivationFunction();
                }).build();
            } else {
                throw new UnsupportedOperationException("cannot export " + e);
            }
            conf.layer(dl4j);
            index++;
        }
        MultiLayerConfiguration built = conf.setInputType(inputType).build();
        net[0] = new MultiLayerNetwork(built);
        net[0].init();
        copies.forEach(Runnable::run);
        return net[0];
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
