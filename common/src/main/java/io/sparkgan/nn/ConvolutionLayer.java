package io.sparkgan.nn;

import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What a convolution and a transposed convolution share: NHWC activations, square kernels,
 * weights then the optional bias in the flat vector, N(0, 0.02) weight initialisation (Radford et
 * al.), and a forward/backward pair of libnd4j custom ops that take the same integer arguments.
 */
abstract class ConvolutionLayer implements WeightedLayer {
    static final double WEIGHT_STD = 0.02;

    final int inChannels;
    final int outChannels;
    final int kernel;
    final int stride;
    final int padding;
    final boolean bias;
    private final ColumnSums columnSums = new ColumnSums();
    private INDArray weights;
    private INDArray biasVector;
    private INDArray weightGrad;
    /** weightGrad as the F-order transpose of the weight matrix, [b, k*k*a]: what Nd4j.gemm can write into. */
    private INDArray weightGradTransposed;
    private INDArray biasGrad;
    private INDArray lastInput;

    ConvolutionLayer(int inChannels, int outChannels, int kernel, int stride, int padding, boolean bias) {
        if (inChannels <= 0 || outChannels <= 0) {
            throw new IllegalArgumentException(name() + " channels must be positive, got " + inChannels + " -> "
                    + outChannels);
        }
        if (kernel <= 0 || stride <= 0 || padding < 0) {
            throw new IllegalArgumentException(name() + " needs kernel > 0, stride > 0, padding >= 0, got k" + kernel
                    + " s" + stride + " p" + padding);
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.bias = bias;
    }

    /** Class name for messages. */
    abstract String name();

    /** The forward op; its backward op is this name + "_bp". */
    abstract String opName();

    /** The ops' integer arguments. */
    abstract int[] intArgs();

    /** Weight shape as the op expects it. */
    abstract long[] weightShape();

    /** Fan-in PyTorch uses for the default bias initialisation. */
    abstract int biasFanIn();

    /** Output height (or width) for input height (or width) {@code in}. */
    public abstract int outputSize(int in);

    @Override
    public long numParams() {
        return (long) kernel * kernel * inChannels * outChannels + (bias ? outChannels : 0);
    }

    @Override
    public void bind(INDArray p, INDArray g) {
        long nW = (long) kernel * kernel * inChannels * outChannels;
        weights = p.get(NDArrayIndex.interval(0, nW)).reshape('c', weightShape());
        weightGrad = g.get(NDArrayIndex.interval(0, nW)).reshape('c', weightShape());
        long[] s = weightShape();
        weightGradTransposed = g.get(NDArrayIndex.interval(0, nW)).reshape('f', s[3], s[0] * s[1] * s[2]);
        if (bias) {
            biasVector = p.get(NDArrayIndex.interval(nW, nW + outChannels));
            biasGrad = g.get(NDArrayIndex.interval(nW, nW + outChannels));
        }
    }

    @Override
    public void initialize(RandomGenerator rng) {
        Init.normal(weights, rng, 0.0, WEIGHT_STD);
        // The DCGAN recipe re-initialises weights only; biases keep PyTorch's default U(+-1/sqrt(fan_in)).
        if (bias) Init.uniform(biasVector, rng, 1.0 / Math.sqrt((double) biasFanIn() * kernel * kernel));
    }

    /** Checks the input is NHWC with {@code inChannels}, keeps it for backward, returns it in C order. */
    INDArray keepInput(INDArray input) {
        Ops.checkNhwc(toString(), input, inChannels);
        lastInput = Ops.cOrder(input);
        return lastInput;
    }

    INDArray lastInput() {
        return lastInput;
    }

    /** Forward with the libnd4j op (oneDNN on an -onednn classifier). */
    INDArray opForward(INDArray input) {
        long[] s = keepInput(input).shape();
        INDArray out = Nd4j.createUninitialized(input.dataType(),
                s[0], outputSize((int) s[1]), outputSize((int) s[2]), outChannels);
        INDArray[] in = bias ? new INDArray[] {lastInput, weights, biasVector} : new INDArray[] {lastInput, weights};
        Ops.exec(opName(), in, new INDArray[] {out}, intArgs());
        return out;
    }

    /** Backward with the libnd4j "_bp" op, which always computes every gradient. */
    INDArray opBackward(INDArray gradOutput, boolean accumulateParamGradients) {
        INDArray gradOut = Ops.cOrder(gradOutput);
        INDArray gradIn = lastInput.ulike();
        // The op writes all its outputs; parameter gradients go to temporaries and are added in.
        INDArray gW = weights.ulike();
        if (bias) {
            INDArray gB = biasVector.ulike();
            Ops.exec(opName() + "_bp", new INDArray[] {lastInput, weights, biasVector, gradOut},
                    new INDArray[] {gradIn, gW, gB}, intArgs());
            if (accumulateParamGradients) biasGrad.addi(gB);
        } else {
            Ops.exec(opName() + "_bp", new INDArray[] {lastInput, weights, gradOut}, new INDArray[] {gradIn, gW},
                    intArgs());
        }
        if (accumulateParamGradients) weightGrad.addi(gW);
        return gradIn;
    }

    /** Weight shape [k, k, a, b] in C order: rows k*k*a (one per input patch value), columns b. */
    @Override
    public int weightRows() {
        long[] s = weightShape();
        return (int) (s[0] * s[1] * s[2]);
    }

    @Override
    public int weightColumns() {
        return (int) weightShape()[3];
    }

    /** The weights as a matrix [k*k*a, b] for weight shape [k, k, a, b] (a view). */
    INDArray weightMatrix() {
        long[] s = weightShape();
        return weights.reshape('c', s[0] * s[1] * s[2], s[3]);
    }

    /** The weights as the op expects them (a view). */
    INDArray weights() {
        return weights;
    }

    /**
     * Adds aᵀ b to the weight gradient, where aᵀ b is the TRANSPOSE of a {@link #weightMatrix()}-
     * shaped gradient ([b, k*k*a]), in one gemm into the flat gradient (no temporary).
     */
    void addWeightGradientTransposed(INDArray a, INDArray b) {
        Nd4j.gemm(a, b, weightGradTransposed, true, false, 1.0, 1.0);
    }

    /** Adds the bias to output rows [m, outC] in place; no-op without bias. */
    void addBias(INDArray outRows) {
        if (bias) outRows.addiRowVector(biasVector);
    }

    /** Adds the bias gradient for output-gradient rows [m, outC]; no-op without bias. */
    void addBiasGradient(INDArray gradOutRows) {
        if (bias) biasGrad.addi(columnSums.of(gradOutRows).reshape(outChannels));
    }

    @Override
    public String toString() {
        return name() + "(" + inChannels + "->" + outChannels + ", k" + kernel + " s" + stride + " p" + padding
                + (bias ? "" : ", no bias") + ")";
    }

    @Override
    public LayerExport export() {
        return new LayerExport.Convolution(this instanceof ConvTranspose2d, inChannels, outChannels, kernel, stride,
                padding, weights, bias ? biasVector : null);
    }
}
