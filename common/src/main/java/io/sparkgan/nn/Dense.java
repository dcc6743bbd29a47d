package io.sparkgan.nn;

import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Fully connected layer {@code y = x W + b}, x [n, in], W [in, out] (Fortran order, as
 * {@code Nd4j.gemm} requires of the output views it writes parameter gradients into).
 * Initialised like PyTorch's {@code nn.Linear}: W and b uniform in +-1/sqrt(in).
 */
public final class Dense implements WeightedLayer {
    private final int in;
    private final int out;
    private final boolean bias;
    private INDArray weights;
    private INDArray biasRow;
    private INDArray weightGrad;
    private INDArray biasGrad;
    private INDArray lastInput;

    public Dense(int in, int out, boolean bias) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Dense layer sizes must be positive, got " + in + " -> " + out);
        }
        this.in = in;
        this.out = out;
        this.bias = bias;
    }

    public Dense(int in, int out) {
        this(in, out, true);
    }

    @Override
    public long numParams() {
        return (long) in * out + (bias ? out : 0);
    }

    @Override
    public void bind(INDArray p, INDArray g) {
        long nW = (long) in * out;
        weights = p.get(NDArrayIndex.interval(0, nW)).reshape('f', in, out);
        weightGrad = g.get(NDArrayIndex.interval(0, nW)).reshape('f', in, out);
        if (bias) {
            biasRow = p.get(NDArrayIndex.interval(nW, nW + out)).reshape(1, out);
            biasGrad = g.get(NDArrayIndex.interval(nW, nW + out)).reshape(1, out);
        }
    }

    @Override
    public void initialize(RandomGenerator rng) {
        double bound = 1.0 / Math.sqrt(in);
        Init.uniform(weights, rng, bound);
        if (bias) Init.uniform(biasRow, rng, bound);
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        if (input.rank() != 2 || input.size(1) != in) {
            throw new IllegalArgumentException("Dense(" + in + "->" + out + ") expects input [n, " + in
                    + "], got " + java.util.Arrays.toString(input.shape()));
        }
        lastInput = input;
        INDArray y = Nd4j.gemm(input, weights, false, false);
        if (bias) y.addiRowVector(biasRow);
        return y;
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean accumulateParamGradients) {
        if (accumulateParamGradients) backwardParamsOnly(gradOutput);
        // C order: the layer before (ToRows, reshaping to NHWC) then needs no copy.
        INDArray gradInput = Nd4j.createUninitialized(gradOutput.dataType(), new long[] {gradOutput.size(0), in}, 'c');
        return Nd4j.gemm(gradOutput, weights, gradInput, false, true, 1.0, 0.0);
    }

    @Override
    public void backwardParamsOnly(INDArray gradOutput) {
        Nd4j.gemm(lastInput, gradOutput, weightGrad, true, false, 1.0, 1.0);
        if (bias) biasGrad.addi(gradOutput.sum(true, 0));
    }

    /** The weights are stored [in, out] in Fortran order: read in C order they are [out, in], W transposed. */
    @Override
    public int weightRows() {
        return out;
    }

    @Override
    public int weightColumns() {
        return in;
    }

    /** Rows of the last forward pass's input. */
    long lastRows() {
        return lastInput.size(0);
    }

    /** The weight matrix [in, out] (live view). */
    INDArray weights() {
        return weights;
    }

    /** Adds {@code a^T b} ([in, n] x [n, out]) to the weight gradient; for penalties on the input gradient. */
    void accumulateWeightGradient(INDArray a, INDArray b) {
        Nd4j.gemm(a, b, weightGrad, true, false, 1.0, 1.0);
    }

    @Override
    public String toString() {
        return "Dense(" + in + "->" + out + (bias ? "" : ", no bias") + ")";
    }

    @Override
    public LayerExport export() {
        return new LayerExport.Dense(in, out, weights, bias ? biasRow.reshape(out) : null);
    }
}
