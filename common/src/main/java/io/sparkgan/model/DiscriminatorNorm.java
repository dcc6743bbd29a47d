package io.sparkgan.model;

import io.sparkgan.util.EnumNames;

/** How a convolutional discriminator's layers are normalised ({@code model.discriminator-norm}). */
public enum DiscriminatorNorm {
    /** Batch norm after every conv but the first (Radford et al. 2016); convs without bias. */
    BATCH_NORM,
    /**
     * Spectral normalisation of every conv (Miyato et al. 2018), no batch norm: D is 1-Lipschitz
     * per layer, so it cannot sharpen without bound; usually trained with the hinge loss.
     */
    SPECTRAL_NORM,
    /** No normalisation (convs with bias). */
    NONE;

    /** Parses "batch-norm", "spectral-norm" or "none". */
    public static DiscriminatorNorm parse(String name) {
        return EnumNames.parse(DiscriminatorNorm.class, name, "discriminator normalisation");
    }

    public String configName() {
        return EnumNames.configName(this);
    }
}
