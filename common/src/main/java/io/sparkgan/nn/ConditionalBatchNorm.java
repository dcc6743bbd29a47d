package io.sparkgan.nn;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Conditional batch normalisation (de Vries et al. 2017; the generator side of Miyato &amp; Koyama
 * 2018): batch norm without its own affine transform, followed by a per-class one,
 * {@code y = gamma[label] * xhat + beta[label]}, over the last (channel) axis of [n, c] rows or
 * NHWC images [n, h, w, c]. Normalisation, eps, momentum and running statistics are exactly
 * {@link BatchNorm}'s (statistics over the whole batch, all classes together).
 *
 * <p>Parameters: gamma [K, c] then beta [K, c] (row k = class k's), initialised to 1 and 0, so an
 * untrained layer is plain batch norm. Buffers: running mean [c] then running variance [c], as
 * BatchNorm's (so {@link StandingStatistics} treats them alike).
 *
 * <p>With Y the [n, K] one-hot labels, per-example rows Gamma = Y gamma and Beta = Y beta [n, c]
 * are repeated over the h*w positions of an image. Backward, with g = dL/dy over the m = n*h*w
 * rows: dL/dgamma = Y^T S(g * xhat), dL/dbeta = Y^T S(g), S summing each example's positions;
 * with gh = g * Gamma (dL/dxhat), dx = invStd / m * (m gh - sum(gh) - xhat sum(gh xhat)) in
 * training mode (sums over the m rows per channel) and gh * invStd in eval mode.
 */
public final class ConditionalBatchNorm implements Layer, Conditioned {
    private final int channels;
    private final int classes;
    private final ColumnSums columnSums = new ColumnSums();
    private INDArray gamma;     // [K, c]
    private INDArray beta;      // [K, c]
    private INDArray gammaGrad; // [K, c]
    private INDArray betaGrad;  // [K, c]
    private INDArray runningMean;
    private INDArray runningVar;
    private int[] labels;
    // Saved by forward for backward.
    private INDArray lastNormalized; // xhat [m, c]
    private INDArray lastInvStd;     // [1, c]
    private INDArray lastOneHot;     // [n, K]
    private INDArray lastGammaRows;  // [m, c]
    private boolean lastTraining;
    private long[] lastShape;

    /**
     * @param channels channels c (the last axis)
     * @param classes number of classes K
     */
    public ConditionalBatchNorm(int channels, int classes) {
        if (channels <= 0 || classes <= 0) {
            throw new IllegalArgumentException("ConditionalBatchNorm channels and classes must be positive, got "
                    + channels + " and " + classes);
        }
        this.channels = channels;
        this.classes = classes;
    }

    @Override
    public int classes() {
        return classes;
    }

    /** Channels c. */
    public int channels() {
        return channels;
    }

    @Override
    public void setLabels(int[] labels) {
        this.labels = labels;
    }

    @Override
    public long numParams() {
        return 2L * classes * channels;
    }

    @Override
    public void bind(INDArray p, INDArray g) {
        long n = (long) classes * channels;
        gamma = p.get(NDArrayIndex.interval(0, n)).reshape('c', classes, channels);
        beta = p.get(NDArrayIndex.interval(n, 2 * n)).reshape('c', classes, channels);
        gammaGrad = g.get(NDArrayIndex.interval(0, n)).reshape('c', classes, channels);
        betaGrad = g.get(NDArrayIndex.interval(n, 2 * n)).reshape('c', classes, channels);
    }

    @Override
    public void initialize(RandomGenerator rng) {
        Init.constant(gamma, 1.0);
        Init.constant(beta, 0.0);
    }

    @Override
    public long numBuffers() {
        return 2L * channels;
    }

    @Override
    public void bindBuffers(INDArray b) {
        runningMean = b.get(NDArrayIndex.interval(0, channels));
        runningVar = b.get(NDArrayIndex.interval(channels, 2 * channels));
        runningMean.assign(0.0);
        runningVar.assign(1.0);
    }

    @Override
    public INDArray forward(INDArray input, boolean training) {
        if ((input.rank() != 2 && input.rank() != 4) || input.size(input.rank() - 1) != channels) {
            throw new IllegalArgumentException(this + " expects [n, " + channels + "] or [n, h, w, " + channels
                    + "], got " + Arrays.toString(input.shape()));
        }
        long n = input.size(0);
        int[] y = ClassLabels.require(labels, n, toString());
        lastShape = input.shape();
        long m = input.length() / channels;
        INDArray x = Ops.cOrder(input).reshape('c', m, channels);
        INDArray centered;
        INDArray var;
        if (training) {
            if (m < 2) {
                throw new IllegalArgumentException(this + " in training mode needs more than 1 value per channel, got "
                        + Arrays.toString(lastShape));
            }
            INDArray mean = columnSums.of(x).divi(m);
            centered = x.subRowVector(mean);
            var = columnSums.of(centered.mul(centered)).divi(m);
            runningMean.muli(1 - BatchNorm.MOMENTUM).addi(mean.reshape(channels).muli(BatchNorm.MOMENTUM));
            runningVar.muli(1 - BatchNorm.MOMENTUM).addi(var.reshape(channels).mul(BatchNorm.MOMENTUM * m / (m - 1.0)));
        } else {
            centered = x.subRowVector(runningMean);
            var = runningVar.reshape(1, channels);
        }
        lastTraining = training;
        lastInvStd = Transforms.sqrt(var.add(BatchNorm.EPS), false).rdivi(1.0);
        lastNormalized = centered.muliRowVector(lastInvStd);
        lastOneHot = ClassLabels.oneHot(y, classes, input.dataType(), toString());
        long positions = m / n;
        lastGammaRows = perPosition(Ops.matmul(lastOneHot, gamma, false, false), positions);
        INDArray betaRows = perPosition(Ops.matmul(lastOneHot, beta, false, false), positions);
        return lastNormalized.mul(lastGammaRows).addi(betaRows).reshape('c', lastShape);
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean accumulateParamGradients) {
        long m = lastNormalized.size(0);
        long n = lastOneHot.size(0);
        INDArray g = Ops.cOrder(gradOutput).reshape('c', m, channels);
        if (accumulateParamGradients) {
            gammaGrad.addi(Ops.matmul(lastOneHot, perExample(g.mul(lastNormalized), n), true, false));
            betaGrad.addi(Ops.matmul(lastOneHot, perExample(g, n), true, false));
        }
        INDArray gh = g.mul(lastGammaRows); // dL/dxhat
        if (!lastTraining) return gh.muliRowVector(lastInvStd).reshape('c', lastShape);
        INDArray sumGh = columnSums.of(gh);
        INDArray sumGhX = columnSums.of(gh.mul(lastNormalized));
        INDArray xhatTerm = lastNormalized.mulRowVector(sumGhX);
        INDArray gradIn = gh.muli(m).subiRowVector(sumGh).subi(xhatTerm).muliRowVector(lastInvStd.div(m));
        return gradIn.reshape('c', lastShape);
    }

    @Override
    public LayerExport export() {
        return new LayerExport.ConditionalBatchNorm(channels, classes, gamma, beta, runningMean, runningVar,
                BatchNorm.EPS);
    }

    /** Per-example rows [n, c] repeated for each of an example's {@code positions} rows: [n * positions, c]. */
    private INDArray perPosition(INDArray rows, long positions) {
        if (positions == 1) return rows;
        long n = rows.size(0);
        INDArray out = rows.reshape('c', n, 1, channels).repeat(1, positions);
        return Ops.cOrder(out).reshape('c', n * positions, channels);
    }

    /** Sums of the [m, c] rows of {@code a} over each example's positions: [n, c]. */
    private INDArray perExample(INDArray a, long n) {
        long positions = a.size(0) / n;
        if (positions == 1) return a;
        return a.reshape('c', n, positions, channels).sum(1);
    }

    @Override
    public String toString() {
        return "ConditionalBatchNorm(" + channels + ", " + classes + " classes)";
    }
}
