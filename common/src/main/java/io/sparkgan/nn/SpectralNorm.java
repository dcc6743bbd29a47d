package io.sparkgan.nn;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Spectral normalisation (Miyato et al. 2018) of a dense or convolution layer: the wrapped layer
 * computes with W / sigma(W), where sigma is W's largest singular value, so the layer is
 * 1-Lipschitz and D cannot sharpen without bound. The parameters are the raw W (and the bias,
 * which is not normalised), in the same layout as the wrapped layer's.
 *
 * <p>sigma is estimated by power iteration as in the paper and PyTorch's {@code spectral_norm}:
 * every training-mode forward pass takes one step, v = W^T u / |W^T u|, u = W v / |W v|,
 * sigma = u^T W v, from the u of the step before. u and v are the layer's buffers (network state
 * like batch-norm statistics: they travel with the parameters, are averaged over partitions, are
 * checkpointed and resumed). Eval-mode passes use the stored u and v without a step.
 *
 * <p>Backward treats u and v as constants (as the paper does): with G = dLoss/d(W / sigma),
 * dLoss/dW = (G - &lt;G, W / sigma&gt; u v^T) / sigma.
 *
 * <p>W is seen as the matrix of {@link WeightedLayer#weightRows()} x {@link WeightedLayer#weightColumns()}
 * (C order of the flat weight prefix); a transpose or reordering of rows and columns has the same
 * singular values, so the view need not be the layer's "natural" one.
 */
public final class SpectralNorm implements Layer {
    /** Added to norms before dividing (PyTorch's {@code eps}). */
    static final double EPS = 1e-12;
    /** Power-iteration steps taken at initialisation (PyTorch's 15), so the first sigma is already close. */
    static final int INIT_STEPS = 15;

    private final WeightedLayer inner;
    private final int rows;
    private final int cols;
    private final long weightCount;
    // The raw parameters and their gradients (slices of the network's flat vectors).
    private INDArray weight;      // [rows, cols], C order
    private INDArray weightGrad;  // [rows, cols], C order
    private INDArray otherParams; // bias, or null
    private INDArray otherGrad;
    // What the wrapped layer is bound to: W / sigma and the bias, and its own gradient vector.
    private INDArray innerParams;
    private INDArray innerGrad;
    private INDArray normalizedWeight; // view of innerParams, [rows, cols]
    private INDArray normalizedGrad;   // view of innerGrad, [rows, cols]
    // Buffers: the power iteration's left and right singular vector estimates.
    private INDArray u; // [rows, 1]
    private INDArray v; // [cols, 1]
    private double lastSigma;

    /** Wraps {@code inner}, which must not be bound to a network yet (the wrapper binds it). */
    public SpectralNorm(WeightedLayer inner) {
        if (inner == null) throw new IllegalArgumentException("SpectralNorm needs a layer to normalise");
        if (inner.numBuffers() != 0) {
            throw new IllegalArgumentException("SpectralNorm cannot wrap " + inner + ": it has buffers of its own");
        }
        this.inner = inner;
        this.rows = inner.weightRows();
        this.cols = inner.weightColumns();
        this.weightCount = inner.weightCount();
    }

    /** The wrapped layer. */
    public WeightedLayer inner() {
        return inner;
    }

    /** sigma of the last forward pass (the estimate of W's largest singular value). */
    public double lastSigma() {
        return lastSigma;
    }

    @Override
    public long numParams() {
        return inner.numParams();
    }

    @Override
    public void bind(INDArray p, INDArray g) {
        weight = p.get(NDArrayIndex.interval(0, weightCount)).reshape('c', rows, cols);
        weightGrad = g.get(NDArrayIndex.interval(0, weightCount)).reshape('c', rows, cols);
        long n = inner.numParams();
        if (n > weightCount) {
            otherParams = p.get(NDArrayIndex.interval(weightCount, n));
            otherGrad = g.get(NDArrayIndex.interval(weightCount, n));
        }
        // Allocated here, outside any step workspace: they live as long as the network.
        innerParams = Nd4j.zeros(p.dataType(), n);
        innerGrad = Nd4j.zeros(p.dataType(), n);
        normalizedWeight = innerParams.get(NDArrayIndex.interval(0, weightCount)).reshape('c', rows, cols);
        normalizedGrad = innerGrad.get(NDArrayIndex.interval(0, weightCount)).reshape('c', rows, cols);
        inner.bind(innerParams, innerGrad);
    }

    @Override
    public void initialize(RandomGenerator rng) {
        // The wrapped layer draws its usual initial values (same RNG use as without the wrapper).
        inner.initialize(rng);
        weight.assign(normalizedWeight);
        if (otherParams != null) otherParams.assign(innerParams.get(NDArrayIndex.interval(weightCount, innerParams.length())));
        for (int i = 0; i < INIT_STEPS; i++) powerStep();
    }

    @Override
    public long numBuffers() {
        return (long) rows + cols;
    }

    /**
     * u and v start as fixed pseudo-random unit vectors (seeded by the matrix shape, not the run:
     * the first power-iteration steps forget the start, and every copy of the network agrees).
     */
    @Override
    public void bindBuffers(INDArray b) {
        u = b.get(NDArrayIndex.interval(0, rows)).reshape('c', rows, 1);
        v = b.get(NDArrayIndex.interval(rows, rows + cols)).reshape('c', cols, 1);
        SplittableRandom start = new SplittableRandom(31L * rows + cols);
        Init.normal(u, start, 0.0, 1.0);
        Init.normal(v, start, 0.0, 1.0);
        u.divi(u.norm2Number().doubleValue());
        v.divi(v.norm2Number().doubleValue());
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        if (training) {
            lastSigma = powerStep();
        } else {
            INDArray unitU = unit(u);
            lastSigma = unitU.mul(Nd4j.gemm(weight, unit(v), false, false)).sumNumber().doubleValue();
        }
        if (!(lastSigma > 0)) {
            throw new IllegalStateException("spectral norm of " + inner + " is " + lastSigma
                    + " (all-zero or non-finite weights?)");
        }
        normalizedWeight.assign(weight).divi(lastSigma);
        if (otherParams != null) innerParams.get(NDArrayIndex.interval(weightCount, innerParams.length())).assign(otherParams);
        return inner.forward(input, training);
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean accumulateParamGradients) {
        if (!accumulateParamGradients) return inner.backward(gradOutput, false);
        innerGrad.assign(0.0);
        INDArray gradIn = inner.backward(gradOutput, true);
        addParamGradients();
        return gradIn;
    }

    @Override
    public void backwardParamsOnly(INDArray gradOutput) {
        innerGrad.assign(0.0);
        inner.backwardParamsOnly(gradOutput);
        addParamGradients();
    }

    /** One power-iteration step from the stored u: updates u and v, returns sigma = u^T W v. */
    private double powerStep() {
        INDArray newV = unit(Nd4j.gemm(weight, u, true, false));
        INDArray wv = Nd4j.gemm(weight, newV, false, false);
        INDArray newU = unit(wv);
        u.assign(newU);
        v.assign(newV);
        return newU.mul(wv).sumNumber().doubleValue();
    }

    /** dW += (G - <G, W/sigma> u v^T) / sigma; the bias gradient passes through. */
    private void addParamGradients() {
        double inner = normalizedGrad.mul(normalizedWeight).sumNumber().doubleValue();
        INDArray uUnit = unit(u);
        INDArray vUnit = unit(v);
        INDArray correction = Nd4j.gemm(uUnit, vUnit, false, true).muli(inner);
        weightGrad.addi(normalizedGrad.sub(correction).divi(lastSigma));
        if (otherGrad != null) otherGrad.addi(innerGrad.get(NDArrayIndex.interval(weightCount, innerGrad.length())));
    }

    private static INDArray unit(INDArray x) {
        return x.div(x.norm2Number().doubleValue() + EPS);
    }

    @Override
    public String toString() {
        return "SpectralNorm(" + inner + ")";
    }
}
