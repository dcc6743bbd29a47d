package io.sparkgan.rng;

import java.io.Serializable;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The distribution latent vectors are drawn from when sampling a trained generator: N(0, I), or
 * with the truncation trick (Brock et al. 2019, BigGAN) a standard normal whose components are
 * redrawn while their magnitude exceeds {@code truncation}. Truncating keeps G away from the
 * sparsely trained tails of its prior: images get cleaner and more typical of their class, at the
 * price of variety (measure both: IS rises, the class histogram and FID say what it cost).
 * Training always draws from N(0, I).
 *
 * @param truncation largest accepted component magnitude; 0 = no truncation (plain N(0, I))
 */
public record LatentPrior(double truncation) implements Serializable {
    /** Plain N(0, I). */
    public static final LatentPrior STANDARD = new LatentPrior(0);
    /**
     * Smallest accepted threshold: below it redrawing needs many tries per component (at 0.05
     * about 25) and G sees almost only z = 0.
     */
    public static final double MIN_TRUNCATION = 0.05;

    public LatentPrior {
        if (!(truncation == 0 || truncation >= MIN_TRUNCATION) || Double.isInfinite(truncation)) {
            throw new IllegalArgumentException("latent truncation must be 0 (off) or a finite threshold >= "
                    + MIN_TRUNCATION + " (e.g. 1.0; BigGAN uses 0.5-2), got " + truncation);
        }
    }

    /** Whether components are redrawn beyond a threshold. */
    public boolean truncated() {
        return truncation > 0;
    }

    /**
     * {@code batch} latent vectors of size {@code latentDim} as [batch, latentDim], drawn in order
     * from {@code rng} (the same rows whatever the batch size a caller splits a sample into).
     */
    public INDArray draw(SplittableRandom rng, int batch, int latentDim, DataType type) {
        if (type == DataType.DOUBLE) {
            double[] z = new double[batch * latentDim];
            for (int i = 0; i < z.length; i++) z[i] = component(rng);
            return Nd4j.createFromArray(z).reshape(batch, latentDim);
        }
        float[] z = new float[batch * latentDim];
        for (int i = 0; i < z.length; i++) z[i] = (float) component(rng);
        return Nd4j.createFromArray(z).reshape(batch, latentDim);
    }

    /**
     * One latent component drawn from {@code rng}: what {@link #draw} draws for each value, for
     * callers that assemble latent rows themselves (one stream per row).
     */
    public double component(SplittableRandom rng) {
        double g = rng.nextGaussian();
        if (truncation == 0) return g;
        while (Math.abs(g) > truncation) g = rng.nextGaussian();
        return g;
    }

    @Override
    public String toString() {
        return truncated() ? "N(0, I) truncated at |z_i| <= " + truncation : "N(0, I)";
    }
}
