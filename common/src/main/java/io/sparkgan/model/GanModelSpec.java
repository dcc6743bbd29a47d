package io.sparkgan.model;

import java.io.Serializable;
import io.sparkgan.nn.Network;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Everything needed to build a GAN's two networks; small, immutable and serialisable so it can
 * travel to executors and serve as the key of their per-thread network cache.
 */
public interface GanModelSpec extends Serializable {

    /** Size of the latent vector z. */
    int latentDim();

    /** Size of one (flattened) example. */
    int dataDim();

    /** The image shape of an example for convolutional models, or null for vector models. */
    default io.sparkgan.images.ImageShape imageShape() {
        return null;
    }

    /**
     * Examples D sees at once, concatenated into one input row (PacGAN; 1 = the usual D). A
     * packed D judges whether a whole group looks real, which penalises missing modes.
     */
    default int pack() {
        return 1;
    }

    /**
     * Number of classes K of a class-conditional GAN (G(z, y) and D(x, y) with labels y in [0, K);
     * their networks are {@link Network#conditional()}), 0 for an unconditional one.
     */
    default int classes() {
        return 0;
    }

    /** Precision of parameters and activations (FLOAT for training, DOUBLE for gradient checks). */
    DataType dataType();

    /** A freshly built, uninitialised generator. */
    Network buildGenerator();

    /** A freshly built, uninitialised discriminator (outputs one logit per example). */
    Network buildDiscriminator();

    /** One line a person can read, e.g. "mlp G 2-128-128-2 / D 2-128-128-1". */
    String describe();
}
