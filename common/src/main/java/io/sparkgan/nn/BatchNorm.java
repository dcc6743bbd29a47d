package io.sparkgan.nn;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalisation over the last (channel) axis of [n, c] rows or NHWC images [n, h, w, c],
 * PyTorch conventions: eps 1e-5; training mode normalises with the batch mean and BIASED variance
 * and updates running statistics with momentum 0.1 (running variance from the UNBIASED batch
 * variance); eval mode normalises with the running statistics.
 *
 * <p>Parameters: gamma [c] then beta [c]. Buffers (non-trainable): running mean [c] then running
 * variance [c], initially 0 and 1.
 *
 * <p>Forward and backward are written out from reductions rather than libnd4j's batchnorm_bp,
 * which is slow in NHWC under oneDNN (docs/platform-notes.md, trap 4) and whose input gradient
 * already includes the mean/variance paths (trap 2). The per-channel sums are gemms with a ones
 * row ({@link ColumnSums}): ND4J's sum(0)/var(0) over [m, c] were 3-18x slower. Training-mode backward:
 * dx = gamma / sqrt(var + eps) / m * (m * g - sum(g) - xhat * sum(g * xhat)), sums over the m
 * values per channel.
 */
public final class BatchNorm implements Layer {
    static final double EPS = 1e-5;
    static final double MOMENTUM = 0.1;

    private final int channels;
    private final ColumnSums columnSums = new ColumnSums();
    private final double gammaInitStd;
    private INDArray gamma;
    private INDArray beta;
    private INDArray gammaGrad;
    private INDArray betaGrad;
    private INDArray runningMean;
    private INDArray runningVar;
    // Saved by forward for backward.
    private INDArray lastNormalized; // xhat [m, c]
    private INDArray lastInvStd;     // [1, c]
    private boolean lastTraining;
    private long[] lastShape;

    /** Batch norm with gamma initialised to 1 and beta to 0. */
    public BatchNorm(int channels) {
        this(channels, 0.0);
    }

    /** Batch norm with gamma initialised to N(1, gammaInitStd^2) (0.02 in DCGAN) and beta to 0. */
    public BatchNorm(int channels, double gammaInitStd) {
        if (channels <= 0) throw new IllegalArgumentException("BatchNorm channels must be positive, got " + channels);
        if (!(gammaInitStd >= 0)) {
            throw new IllegalArgumentException("BatchNorm gamma init std must be >= 0, got " + gammaInitStd);
        }
        this.channels = channels;
        this.gammaInitStd = gammaInitStd;
    }

    @Override
    public long numParams() {
        return 2L * channels;
    }

    @Override
    public void bind(INDArray p, INDArray g) {
        gamma = p.get(NDArrayIndex.interval(0, channels));
        beta = p.get(NDArrayIndex.interval(channels, 2 * channels));
        gammaGrad = g.get(NDArrayIndex.interval(0, channels));
        betaGrad = g.get(NDArrayIndex.interval(channels, 2 * channels));
    }

    @Override
    public void initialize(RandomGenerator rng) {
        if (gammaInitStd > 0) Init.normal(gamma, rng, 1.0, gammaInitStd);
        else Init.constant(gamma, 1.0);
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
            throw new IllegalArgumentException("BatchNorm(" + channels + ") expects [n, " + channels + "] or [n, h, w, "
                    + channels + "], got " + Arrays.toString(input.shape()));
        }
        lastShape = input.shape();
        long m = input.length() / channels;
        INDArray x = Ops.cOrder(input).reshape('c', m, channels);
        INDArray centered;
        INDArray var;
        if (training) {
            if (m < 2) {
                throw new IllegalArgumentException("BatchNorm in training mode needs more than 1 value per channel, got "
                        + Arrays.toString(lastShape));
            }
            INDArray mean = columnSums.of(x).divi(m);
            centered = x.subRowVector(mean);
            // Two passes (centre, then square) rather than E[x^2] - E[x]^2, which cancels in FLOAT.
            var = columnSums.of(centered.mul(centered)).divi(m); // biased: what the batch is normalised with
            runningMean.muli(1 - MOMENTUM).addi(mean.reshape(channels).muli(MOMENTUM));
            runningVar.muli(1 - MOMENTUM).addi(var.reshape(channels).mul(MOMENTUM * m / (m - 1.0)));
        } else {
            centered = x.subRowVector(runningMean);
            var = runningVar.reshape(1, channels);
        }
        lastTraining = training;
        lastInvStd = Transforms.sqrt(var.add(EPS), false).rdivi(1.0);
        lastNormalized = centered.muliRowVector(lastInvStd);
        return lastNormalized.mulRowVector(gamma).addiRowVector(beta).reshape('c', lastShape);
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean accumulateParamGradients) {
        long m = lastNormalized.size(0);
        INDArray g = Ops.cOrder(gradOutput).reshape('c', m, channels);
        INDArray gTimesXhat = g.mul(lastNormalized);
        INDArray scale = lastInvStd.mulRowVector(gamma);
        if (!lastTraining) {
            if (accumulateParamGradients) {
                gammaGrad.addi(columnSums.of(gTimesXhat).reshape(channels));
                betaGrad.addi(columnSums.of(g).reshape(channels));
            }
            return g.mulRowVector(scale).reshape('c', lastShape);
        }
        INDArray sumG = columnSums.of(g);
        INDArray sumGX = columnSums.of(gTimesXhat);
        if (accumulateParamGradients) {
            gammaGrad.addi(sumGX.reshape(channels));
            betaGrad.addi(sumG.reshape(channels));
        }
        // The batch mean and variance depend on every input: the two subtracted terms.
        INDArray xhatTerm = gTimesXhat.assign(lastNormalized).muliRowVector(sumGX);
        INDArray gradIn = g.mul(m).subiRowVector(sumG).subi(xhatTerm).muliRowVector(scale.divi(m));
        return gradIn.reshape('c', lastShape);
    }

    @Override
    public String toString() {
        return "BatchNorm(" + channels + ")";
    }

    @Override
    public LayerExport export() {
        return new LayerExport.BatchNorm(channels, gamma, beta, runningMean, runningVar, EPS);
    }
}
