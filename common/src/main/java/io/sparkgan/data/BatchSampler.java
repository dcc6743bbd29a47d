package io.sparkgan.data;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Draws minibatches: real examples uniformly with replacement from a block, latents from N(0, I). */
public final class BatchSampler {
    private BatchSampler() {}

    /** {@code batch} rows drawn uniformly with replacement from {@code block}, as [batch, dim]. */
    public static INDArray realBatch(ExampleBlock block, SplittableRandom rng, int batch, DataType type) {
        if (block.rows() == 0) throw new IllegalStateException("cannot draw a batch from an empty partition");
        int d = block.dim();
        float[] out = new float[batch * d];
        for (int i = 0; i < batch; i++) block.copyRow(rng.nextInt(block.rows()), out, i * d);
        return Nd4j.createFromArray(out).reshape(batch, d).castTo(type);
    }

    /** {@code batch} latent vectors z ~ N(0, I) of size {@code latentDim}, as [batch, latentDim]. */
    public static INDArray latent(SplittableRandom rng, int batch, int latentDim, DataType type) {
        if (type == DataType.DOUBLE) {
            double[] z = new double[batch * latentDim];
            for (int i = 0; i < z.length; i++) z[i] = rng.nextGaussian();
            return Nd4j.createFromArray(z).reshape(batch, latentDim);
        }
        float[] z = new float[batch * latentDim];
        for (int i = 0; i < z.length; i++) z[i] = (float) rng.nextGaussian();
        return Nd4j.createFromArray(z).reshape(batch, latentDim);
    }
}
