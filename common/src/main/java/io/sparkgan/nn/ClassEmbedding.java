package io.sparkgan.nn;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Appends a learned class embedding to each input row: [n, in] -&gt; [n, in + d], row i becoming
 * {@code [x_i, E[y_i]]} (the generator input of a conditional GAN without batch norm, Mirza &amp;
 * Osindero 2014 with a learned table instead of a one-hot code). Parameters: E [K, d], initialised
 * N(0, 1) (the scale of z). Backward: dL/dx = the first {@code in} columns of g,
 * dL/dE = Y^T (the last d columns of g), Y the one-hot labels [n, K].
 */
public final class ClassEmbedding implements Layer, Conditioned {
    private final int in;
    private final int classes;
    private final int dim;
    private INDArray embedding;     // [K, d]
    private INDArray embeddingGrad; // [K, d]
    private int[] labels;
    private INDArray lastOneHot;

    /**
     * @param in size of the input rows
     * @param classes number of classes K
     * @param dim size d of a class embedding
     */
    public ClassEmbedding(int in, int classes, int dim) {
        if (in <= 0 || classes <= 0 || dim <= 0) {
            throw new IllegalArgumentException("ClassEmbedding input size, classes and embedding size must be positive,"
                    + " got " + in + ", " + classes + ", " + dim);
        }
        this.in = in;
        this.classes = classes;
        this.dim = dim;
    }

    @Override
    public int classes() {
        return classes;
    }

    /** Size of the output rows: input size plus embedding size. */
    public int outputSize() {
        return in + dim;
    }

    @Override
    public void setLabels(int[] labels) {
        this.labels = labels;
    }

    @Override
    public long numParams() {
        return (long) classes * dim;
    }

    @Override
    public void bind(INDArray p, INDArray g) {
        embedding = p.reshape('c', classes, dim);
        embeddingGrad = g.reshape('c', classes, dim);
    }

    @Override
    public void initialize(RandomGenerator rng) {
        Init.normal(embedding, rng, 0.0, 1.0);
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        if (input.rank() != 2 || input.size(1) != in) {
            throw new IllegalArgumentException(this + " expects input [n, " + in + "], got "
                    + Arrays.toString(input.shape()));
        }
        int[] y = ClassLabels.require(labels, input.size(0), toString());
        lastOneHot = ClassLabels.oneHot(y, classes, input.dataType(), toString());
        return Nd4j.hstack(input, Ops.matmul(lastOneHot, embedding, false, false));
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean accumulateParamGradients) {
        if (accumulateParamGradients) backwardParamsOnly(gradOutput);
        return gradOutput.get(NDArrayIndex.all(), NDArrayIndex.interval(0, in)).dup('c');
    }

    @Override
    public void backwardParamsOnly(INDArray gradOutput) {
        INDArray gE = gradOutput.get(NDArrayIndex.all(), NDArrayIndex.interval(in, in + dim));
        embeddingGrad.addi(Ops.matmul(lastOneHot, gE.dup('c'), true, false));
    }

    @Override
    public LayerExport export() {
        return new LayerExport.ClassEmbedding(in, classes, dim, embedding);
    }

    @Override
    public String toString() {
        return "ClassEmbedding(" + in + " + " + dim + ", " + classes + " classes)";
    }
}
