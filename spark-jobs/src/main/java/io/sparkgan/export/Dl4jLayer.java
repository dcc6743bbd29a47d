package io.sparkgan.export;

import io.sparkgan.nn.LayerExport;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One of our layers as a DL4J layer configuration plus the parameter values to load into it once
 * the network is initialised (DL4J parameter name, e.g. "W", to a float array in DL4J's layout).
 * Shared by the exports as a MultiLayerNetwork and as a ComputationGraph.
 *
 * @param conf the DL4J layer
 * @param params its parameters by DL4J name
 */
record Dl4jLayer(Layer conf, Map<String, INDArray> params) {

    /**
     * The DL4J layer computing what {@code e} computes (NCHW activations where ours are NHWC).
     *
     * @throws UnsupportedOperationException for an export that is not a plain layer (reshapes, conditional layers)
     */
    static Dl4jLayer of(LayerExport e) {
        Map<String, INDArray> p = new LinkedHashMap<>();
        if (e instanceof LayerExport.Dense d) {
            p.put("W", f(d.weights()));
            if (d.bias() != null) p.put("b", f(d.bias().reshape(1, d.out())));
            return new Dl4jLayer(dense(d.in(), d.out(), d.bias() != null), p);
        }
        if (e instanceof LayerExport.Convolution c) {
            if (!c.transposed()) throw new UnsupportedOperationException("generators have no forward convolutions");
            // ours [k, k, out, in] (libnd4j deconv2d layout); DL4J's [in, out, k, k]
            p.put("W", f(c.weights().permute(3, 2, 0, 1)));
            if (c.bias() != null) p.put("b", f(c.bias().reshape(1, c.out())));
            return new Dl4jLayer(new Deconvolution2D.Builder(c.kernel(), c.kernel()).stride(c.stride(), c.stride())
                    .padding(c.padding(), c.padding()).nIn(c.in()).nOut(c.out()).hasBias(c.bias() != null)
                    .convolutionMode(ConvolutionMode.Truncate).activation(Activation.IDENTITY).build(), p);
        }
        if (e instanceof LayerExport.BatchNorm b) {
            p.put("gamma", f(b.gamma().reshape(1, b.channels())));
            p.put("beta", f(b.beta().reshape(1, b.channels())));
            p.put("mean", f(b.mean().reshape(1, b.channels())));
            p.put("var", f(b.variance().reshape(1, b.channels())));
            return new Dl4jLayer(new BatchNormalization.Builder().nIn(b.channels()).nOut(b.channels()).eps(b.eps())
                    .useLogStd(false).build(), p);
        }
        if (e instanceof LayerExport.Activation a) {
            return new Dl4jLayer(new ActivationLayer.Builder().activation(switch (a.kind()) {
                case RELU -> Activation.RELU.getActivationFunction();
                case LEAKY_RELU -> new ActivationLReLU(a.slope());
                case TANH -> Activation.TANH.getActivationFunction();
                case IDENTITY -> Activation.IDENTITY.getActivationFunction();
            }).build(), p);
        }
        throw new UnsupportedOperationException("cannot export " + e + " as one DL4J layer");
    }

    /** y = x W (+ b), no activation. */
    static Layer dense(int in, int out, boolean bias) {
        return new DenseLayer.Builder().nIn(in).nOut(out).hasBias(bias).activation(Activation.IDENTITY).build();
    }

    /**
     * Batch norm with the running statistics {@code mean} and {@code variance} and no affine map of
     * its own (gamma 1 and beta 0, locked): the normalisation half of conditional batch norm.
     */
    static Dl4jLayer normalisation(int channels, INDArray mean, INDArray variance, double eps) {
        Map<String, INDArray> p = new LinkedHashMap<>();
        p.put("mean", f(mean.reshape(1, channels)));
        p.put("var", f(variance.reshape(1, channels)));
        return new Dl4jLayer(new BatchNormalization.Builder().nIn(channels).nOut(channels).eps(eps).useLogStd(false)
                .lockGammaBeta(true).gamma(1.0).beta(0.0).build(), p);
    }

    /** A float copy of {@code a} in c order (a view of our parameters must not be shared with DL4J). */
    static INDArray f(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c');
    }
}
