package io.sparkgan.nn;

import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * 2-D convolution (PyTorch {@code nn.Conv2d} semantics, square kernel, dilation 1) on NHWC
 * activations [n, h, w, inC], with libnd4j's {@code conv2d}/{@code conv2d_bp} ops. Weights are
 * [k, k, inC, outC] (libnd4j weight format 0), then the optional bias [outC], in the flat vector.
 * Initialised as in Radford et al.'s DCGAN: weights N(0, 0.02); the bias keeps PyTorch's default
 * U(+-1/sqrt(fan_in)) because the DCGAN recipe does not re-initialise it.
 */
public final class Conv2d implements Layer {
    static final double WEIGHT_STD = 0.02;

    private final int inChannels;
    private final int outChannels;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final boolean bias;
    private INDArray weights;
    private INDArray biasVector;
    private INDArray weightGrad;
    private INDArray biasGrad;
    private INDArray lastInput;

    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, boolean bias) {
        if (inChannels <= 0 || outChannels <= 0) {
            throw new IllegalArgumentException("Conv2d channels must be positive, got " + inChannels + " -> " + outChannels);
        }
        if (kernel <= 0 || stride <= 0 || padding < 0) {
            throw new IllegalArgumentException("Conv2d needs kernel > 0, stride > 0, padding >= 0, got k" + kernel
                    + " s" + stride + " p" + padding);
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.bias = bias;
    }

    /** Output height (or width) for input height (or width) {@code in}. */
    public int outputSize(int in) {
        int span = in + 2 * padding - kernel;
        if (span < 0) {
            throw new IllegalArgumentException("Conv2d k" + kernel + " p" + padding + " does not fit an input of size " + in);
        }
        return span / stride + 1;
    }

    @Override
    public long numParams() {
        return (long) kernel * kernel * inChannels * outChannels + (bias ? outChannels : 0);
    }

    @Override
    public void bind(INDArray p, INDArray g) {
        long nW = (long) kernel * kernel * inChannels * outChannels;
        weights = p.get(NDArrayIndex.interval(0, nW)).reshape('c', kernel, kernel, inChannels, outChannels);
        weightGrad = g.get(NDArrayIndex.interval(0, nW)).reshape('c', kernel, kernel, inChannels, outChannels);
        if (bias) {
            biasVector = p.get(NDArrayIndex.interval(nW, nW + outChannels));
            biasGrad = g.get(NDArrayIndex.interval(nW, nW + outChannels));
        }
    }

    @Override
    public void initialize(RandomGenerator rng) {
        Init.normal(weights, rng, 0.0, WEIGHT_STD);
        if (bias) Init.uniform(biasVector, rng, 1.0 / Math.sqrt((double) inChannels * kernel * kernel));
    }

    private int[] intArgs() {
        // kH, kW, sH, sW, pH, pW, dH, dW, 0 = explicit padding, 1 = NHWC, 0 = W [kH, kW, iC, oC]
        return new int[] {kernel, kernel, stride, stride, padding, padding, 1, 1, 0, 1, 0};
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        long[] s = Ops.checkNhwc(toString(), input, inChannels);
        lastInput = Ops.cOrder(input);
        INDArray out = Nd4j.createUninitialized(input.dataType(),
                s[0], outputSize((int) s[1]), outputSize((int) s[2]), outChannels);
        INDArray[] in = bias ? new INDArray[] {lastInput, weights, biasVector} : new INDArray[] {lastInput, weights};
        Ops.exec("conv2d", in, new INDArray[] {out}, intArgs());
        return out;
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean accumulateParamGradients) {
        INDArray gradOut = Ops.cOrder(gradOutput);
        INDArray gradIn = lastInput.ulike();
        // The op writes all its outputs; parameter gradients go to temporaries and are added in.
        INDArray gW = weights.ulike();
        if (bias) {
            INDArray gB = biasVector.ulike();
            Ops.exec("conv2d_bp", new INDArray[] {lastInput, weights, biasVector, gradOut},
                    new INDArray[] {gradIn, gW, gB}, intArgs());
            if (accumulateParamGradients) biasGrad.addi(gB);
        } else {
            Ops.exec("conv2d_bp", new INDArray[] {lastInput, weights, gradOut}, new INDArray[] {gradIn, gW}, intArgs());
        }
        if (accumulateParamGradients) weightGrad.addi(gW);
        return gradIn;
    }

    @Override
    public String toString() {
        return "Conv2d(" + inChannels + "->" + outChannels + ", k" + kernel + " s" + stride + " p" + padding
                + (bias ? "" : ", no bias") + ")";
    }
}
