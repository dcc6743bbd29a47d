package io.sparkgan.nn;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The projection discriminator's output layer (Miyato &amp; Koyama 2018): for a feature row phi
 * [n, F] (D's activations before its last linear layer) and label y,
 * {@code logit = phi . w + b + <E[y], phi>}, a linear layer psi plus the inner product with the
 * class embedding E [K, F]. One logit per example, [n, 1].
 *
 * <p>Parameters: w [F] (a [F, 1] column, as {@link Dense}'s weights), the bias b [1] if present,
 * then E [K, F] (row k = class k's embedding). Backward, with g = dL/dlogit [n, 1] and Y the
 * one-hot labels [n, K]: dL/dw = phi^T g, dL/db = sum(g), dL/dE = Y^T (g * phi),
 * dL/dphi = g (w^T + Y E).
 *
 * <p>As a {@link WeightedLayer} its weight matrix is w ([F, 1]), so {@link SpectralNorm} of the head
 * divides psi's w by its norm and leaves the bias and the class embeddings as they are.
 *
 * <p>Initialisation: with {@code initStd} &gt; 0, w and E are N(0, initStd^2) and b is 0 (the
 * DCGAN convention); with 0, w, b and E are uniform in +-1/sqrt(F) (PyTorch's {@code nn.Linear}).
 */
public final class ProjectionHead implements WeightedLayer, Conditioned {
    private final int features;
    private final int classes;
    private final boolean bias;
    private final double initStd;
    private INDArray weights;     // [F, 1]
    private INDArray biasValue;   // [1, 1]
    private INDArray embedding;   // [K, F]
    private INDArray weightGrad;
    private INDArray biasGrad;
    private INDArray embeddingGrad;
    private int[] labels;
    // Saved by forward for backward.
    private INDArray lastInput;   // phi [n, F]
    private INDArray lastOneHot;  // [n, K]
    private INDArray lastEmbedded; // Y E [n, F]

    /**
     * @param features size F of the feature row phi
     * @param classes number of classes K
     * @param bias whether psi has a bias
     * @param initStd standard deviation of w and E at initialisation, or 0 for PyTorch's linear-layer init
     */
    public ProjectionHead(int features, int classes, boolean bias, double initStd) {
        if (features <= 0 || classes <= 0) {
            throw new IllegalArgumentException("ProjectionHead features and classes must be positive, got " + features
                    + " and " + classes);
        }
        if (!(initStd >= 0)) throw new IllegalArgumentException("ProjectionHead init std must be >= 0, got " + initStd);
        this.features = features;
        this.classes = classes;
        this.bias = bias;
        this.initStd = initStd;
    }

    @Override
    public int classes() {
        return classes;
    }

    /** Size F of the feature row. */
    public int features() {
        return features;
    }

    @Override
    public int weightRows() {
        return features;
    }

    @Override
    public int weightColumns() {
        return 1;
    }

    @Override
    public void setLabels(int[] labels) {
        this.labels = labels;
    }

    @Override
    public long numParams() {
        return features + (bias ? 1 : 0) + (long) classes * features;
    }

    @Override
    public void bind(INDArray p, INDArray g) {
        long e = features + (bias ? 1 : 0);
        weights = p.get(NDArrayIndex.interval(0, features)).reshape('f', features, 1);
        weightGrad = g.get(NDArrayIndex.interval(0, features)).reshape('f', features, 1);
        if (bias) {
            biasValue = p.get(NDArrayIndex.interval(features, e)).reshape(1, 1);
            biasGrad = g.get(NDArrayIndex.interval(features, e)).reshape(1, 1);
        }
        long end = e + (long) classes * features;
        embedding = p.get(NDArrayIndex.interval(e, end)).reshape('c', classes, features);
        embeddingGrad = g.get(NDArrayIndex.interval(e, end)).reshape('c', classes, features);
    }

    @Override
    public void initialize(RandomGenerator rng) {
        if (initStd > 0) {
            Init.normal(weights, rng, 0.0, initStd);
            if (bias) Init.constant(biasValue, 0.0);
            Init.normal(embedding, rng, 0.0, initStd);
        } else {
            double bound = 1.0 / Math.sqrt(features);
            Init.uniform(weights, rng, bound);
            if (bias) Init.uniform(biasValue, rng, bound);
            Init.uniform(embedding, rng, bound);
        }
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        if (input.rank() != 2 || input.size(1) != features) {
            throw new IllegalArgumentException(this + " expects input [n, " + features + "], got "
                    + Arrays.toString(input.shape()));
        }
        int[] y = ClassLabels.require(labels, input.size(0), toString());
        lastInput = input;
        lastOneHot = ClassLabels.oneHot(y, classes, input.dataType(), toString());
        lastEmbedded = Ops.matmul(lastOneHot, embedding, false, false);
        INDArray out = Ops.matmul(input, weights, false, false);
        if (bias) out.addi(biasValue.getDouble(0));
        return out.addi(input.mul(lastEmbedded).sum(true, 1));
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean accumulateParamGradients) {
        if (accumulateParamGradients) backwardParamsOnly(gradOutput);
        INDArray g = gradOutput.reshape(gradOutput.size(0), 1);
        INDArray gradIn = Ops.matmul(g, weights, false, true);
        return gradIn.addi(lastEmbedded.mulColumnVector(g));
    }

    @Override
    public void backwardParamsOnly(INDArray gradOutput) {
        INDArray g = gradOutput.reshape(gradOutput.size(0), 1);
        Nd4j.gemm(lastInput, g, weightGrad, true, false, 1.0, 1.0);
        if (bias) biasGrad.addi(g.sum(true, 0));
        embeddingGrad.addi(Ops.matmul(lastOneHot, lastInput.mulColumnVector(g), true, false));
    }

    @Override
    public String toString() {
        return "ProjectionHead(" + features + ", " + classes + " classes)";
    }
}
