package io.sparkgan.evaluator;

import io.sparkgan.images.ImageShape;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The evaluation classifier: LeNet-5 as in DL4J's and Caffe's MNIST examples (conv 5x5x20, max-pool
 * 2, conv 5x5x50, max-pool 2, dense 500 ReLU, softmax) with batch normalisation after each
 * convolution and dropout (keep 0.5, training only) on the dense layer's output. The dense layer is
 * the feature layer FID is computed in (the last dense layer before the output layer, see
 * {@link EvaluatorModel}); dropout does not act at inference, so the features are deterministic.
 * Input: images flattened in CHW order, scaled to [-1, 1].
 */
public final class LeNet {
    /** Width of the dense layer whose activations are the FID features. */
    public static final int FEATURES = 500;
    /** Probability of keeping a feature in training (dropout between the feature layer and the softmax). */
    public static final double KEEP = 0.5;
    public static final String DESCRIPTION = "LeNet: conv5x5-20 relu, batchnorm, maxpool2, conv5x5-50 relu, batchnorm,"
            + " maxpool2, dense " + FEATURES + " relu (features), dropout keep " + KEEP + " (training only), softmax";

    private LeNet() {}

    /** The network with a constant Adam learning rate. */
    public static MultiLayerConfiguration configuration(ImageShape shape, int classes, long seed, double learningRate) {
        return configuration(shape, classes, seed, new Adam(learningRate));
    }

    /** The network with Adam on a learning-rate schedule (e.g. {@link LearningRateSchedule#toSchedule()}). */
    public static MultiLayerConfiguration configuration(ImageShape shape, int classes, long seed, ISchedule learningRate) {
        return configuration(shape, classes, seed, new Adam(learningRate));
    }

    private static MultiLayerConfiguration configuration(ImageShape shape, int classes, long seed, Adam adam) {
        if (shape.height() < 16 || shape.width() < 16) {
            throw new IllegalArgumentException("the LeNet evaluator needs images of at least 16x16, got " + shape.describe());
        }
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .l2(5e-4)
                .weightInit(WeightInit.XAVIER)
                .updater(adam)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).nIn(shape.channels()).stride(1, 1).nOut(20)
                        .activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(5, 5).stride(1, 1).nOut(50).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(FEATURES).activation(Activation.RELU).build())
                // dropOut(p) in DL4J is the probability of keeping an input of this layer (training only).
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).nOut(classes).dropOut(KEEP)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(shape.height(), shape.width(), shape.channels()))
                .build();
    }

    /**
     * Copies {@code rows} HWC images (as sparkgan stores and generates them) into CHW order, the
     * layout DL4J's convolutional-flat input expects. Grayscale images are the same in both.
     */
    public static float[] toChw(float[] hwc, int rows, ImageShape shape) {
        int c = shape.channels();
        if (c == 1) return hwc;
        int hw = shape.height() * shape.width();
        int d = hw * c;
        float[] chw = new float[rows * d];
        for (int r = 0; r < rows; r++) {
            int base = r * d;
            for (int p = 0; p < hw; p++) {
                for (int ch = 0; ch < c; ch++) chw[base + ch * hw + p] = hwc[base + p * c + ch];
            }
        }
        return chw;
    }
}
