package io.sparkgan.model;

import io.sparkgan.nn.Activation;
import io.sparkgan.nn.BatchNorm;
import io.sparkgan.nn.ConditionalBatchNorm;
import io.sparkgan.nn.Conv2d;
import io.sparkgan.nn.ConvTranspose2d;
import io.sparkgan.nn.Dense;
import io.sparkgan.nn.Layer;
import io.sparkgan.nn.Network;
import io.sparkgan.nn.ProjectionHead;
import io.sparkgan.nn.SpectralNorm;
import io.sparkgan.nn.ToImage;
import io.sparkgan.nn.ToRows;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Convolutional GAN on square images, examples as flat NHWC rows [n, size*size*channels].
 * Two variants; build them with {@link #reference} and {@link #radford}.
 *
 * <ul>
 * <li>{@link Variant#REFERENCE_28}: the throughput benchmark's model (docs/benchmarks.md, B2) for 28x28x1, latent 100:
 *   G: z as [n,1,1,100]; ConvT(100->128, k7 s1 p0, no bias) BN ReLU; ConvT(128->64, k4 s2 p1, no
 *   bias) BN ReLU; ConvT(64->1, k4 s2 p1) Tanh. D: Conv(1->64, k4 s2 p1) LReLU 0.2; Conv(64->128,
 *   k4 s2 p1, no bias) BN LReLU 0.2; Linear(6272->1) (a logit: the sigmoid is in the loss).
 * <li>{@link Variant#RADFORD}: the DCGAN family of Radford et al. (PyTorch's DCGAN example) for
 *   size = s0 * 2^L with a start side s0 of 4 (8, 16, 32, 64) or 7 (14, 28: MNIST's size). G
 *   projects z with ConvT k s0 s1 p0 to s0 x s0 x (gBase*2^(L-1)), then L ConvT k4 s2 p1 halving
 *   the channels, the last to the image channels; BN + ReLU after every layer but the last (Tanh).
 *   D mirrors it: L Conv k4 s2 p1 doubling from dBase, LReLU 0.2, and a final Conv k s0 s1 p0 to a
 *   1x1x1 logit; its normalisation is {@link DiscriminatorNorm}: batch norm on all but the first
 *   conv (Radford et al.; no biases, BN makes them redundant), spectral norm of every conv
 *   (Miyato et al. 2018; with biases, no BN), or none (with biases).
 * </ul>
 * Conv weights are initialised N(0, 0.02), BN gamma N(1, 0.02), beta 0.
 *
 * <p>Class-conditional ({@code classes} = K &gt; 0; Miyato &amp; Koyama 2018): every batch norm of
 * G becomes a {@link ConditionalBatchNorm} (per-class gamma 1 and beta 0 at initialisation), and
 * D's last linear map becomes a {@link ProjectionHead} on the flattened features before it: the
 * reference D's Linear(6272-&gt;1), and the Radford D's final Conv k s0 (a linear map of the
 * s0 x s0 x width features, so a dense layer on them: ToRows, then the head with w and the class
 * embeddings N(0, 0.02), a bias unless D has batch norm). With spectral norm the head's psi is
 * spectrally normalised like the convs (w / |w|); its class embeddings are not.
 *
 * @param variant which architecture
 * @param imageSize image height = width
 * @param channels image channels (1 or 3)
 * @param latentDim size of z
 * @param baseWidth channels of D's first layer (RADFORD; 64 in the paper's code)
 * @param generatorBaseWidth channels of G's last hidden layer (RADFORD; usually baseWidth). D's cost
 *        per image dominates a GAN iteration (it runs forward and backward three times to G's two), so
 *        a wider G is the cheaper way to more capacity
 * @param discriminatorNorm how D's layers are normalised (RADFORD; the reference D uses batch norm)
 * @param classes number of classes of a class-conditional GAN, 0 for an unconditional one
 * @param dataType parameter precision
 */
public record DcganSpec(Variant variant, int imageSize, int channels, int latentDim, int baseWidth,
                        int generatorBaseWidth, DiscriminatorNorm discriminatorNorm, int classes,
                        DataType dataType) implements GanModelSpec {

    /** The architectures this spec can build. */
    public enum Variant { REFERENCE_28, RADFORD }

    static final double LEAKY_SLOPE = 0.2;
    static final double BN_GAMMA_STD = 0.02;
    /** Standard deviation of DCGAN's conv weights at initialisation (and of a projection head's). */
    static final double CONV_INIT_STD = 0.02;

    public DcganSpec {
        if (variant == null || dataType == null || discriminatorNorm == null) {
            throw new IllegalArgumentException("variant, discriminator normalisation and data type are required");
        }
        if (channels <= 0 || latentDim <= 0 || baseWidth <= 0 || generatorBaseWidth <= 0) {
            throw new IllegalArgumentException("DCGAN channels, latent size and base widths must be positive, got "
                    + channels + ", " + latentDim + ", " + baseWidth + ", " + generatorBaseWidth);
        }
        if (variant == Variant.REFERENCE_28 && (imageSize != 28 || channels != 1 || latentDim != 100 || baseWidth != 64
                || generatorBaseWidth != 64 || discriminatorNorm != DiscriminatorNorm.BATCH_NORM)) {
            throw new IllegalArgumentException("the reference DCGAN is fixed at 28x28x1, latent 100, base width 64, batch"
                    + " norm; got " + imageSize + "x" + imageSize + "x" + channels + ", latent " + latentDim + ", base "
                    + baseWidth + "/" + generatorBaseWidth + ", " + discriminatorNorm.configName());
        }
        if (classes < 0) throw new IllegalArgumentException("DCGAN classes must be >= 0 (0 = unconditional), got " + classes);
        if (variant == Variant.RADFORD && startSide(imageSize) == 0) {
            throw new IllegalArgumentException("the Radford DCGAN needs an image size of 8, 16, 32, 64, 14 or 28, got "
                    + imageSize);
        }
    }

    /** An unconditional DCGAN (see the record's parameters). */
    public DcganSpec(Variant variant, int imageSize, int channels, int latentDim, int baseWidth, int generatorBaseWidth,
                     DiscriminatorNorm discriminatorNorm, DataType dataType) {
        this(variant, imageSize, channels, latentDim, baseWidth, generatorBaseWidth, discriminatorNorm, 0, dataType);
    }

    /** The reference DCGAN of the throughput benchmark (docs/benchmarks.md, B2; 28x28x1, latent 100). */
    public static DcganSpec reference(DataType dataType) {
        return new DcganSpec(Variant.REFERENCE_28, 28, 1, 100, 64, 64, DiscriminatorNorm.BATCH_NORM, 0, dataType);
    }

    /**
     * The Radford DCGAN for {@code imageSize} (28, 32 or 64; 8, 14 or 16 for tests) square images,
     * with batch norm in D and one base width for G and D.
     */
    public static DcganSpec radford(int imageSize, int channels, int latentDim, int baseWidth, DataType dataType) {
        return new DcganSpec(Variant.RADFORD, imageSize, channels, latentDim, baseWidth, baseWidth,
                DiscriminatorNorm.BATCH_NORM, 0, dataType);
    }

    /** This spec with G's base width {@code width}. */
    public DcganSpec withGeneratorBaseWidth(int width) {
        return new DcganSpec(variant, imageSize, channels, latentDim, baseWidth, width, discriminatorNorm, classes,
                dataType);
    }

    /** This spec with D normalised by {@code norm}. */
    public DcganSpec withDiscriminatorNorm(DiscriminatorNorm norm) {
        return new DcganSpec(variant, imageSize, channels, latentDim, baseWidth, generatorBaseWidth, norm, classes,
                dataType);
    }

    /**
     * This spec made class-conditional over {@code classes} classes (0: unconditional).
     *
     * @param classes number of classes K, or 0
     */
    public DcganSpec withClasses(int classes) {
        return new DcganSpec(variant, imageSize, channels, latentDim, baseWidth, generatorBaseWidth, discriminatorNorm,
                classes, dataType);
    }

    /** The side s0 the Radford family starts from for {@code imageSize} = s0 * 2^L (L >= 1), or 0 if none fits. */
    static int startSide(int imageSize) {
        for (int s0 : new int[] {4, 7}) {
            int ratio = imageSize / s0;
            if (imageSize % s0 == 0 && ratio >= 2 && Integer.bitCount(ratio) == 1 && imageSize <= 64) return s0;
        }
        return 0;
    }

    @Override
    public int dataDim() {
        return imageSize * imageSize * channels;
    }

    @Override
    public io.sparkgan.images.ImageShape imageShape() {
        return new io.sparkgan.images.ImageShape(imageSize, imageSize, channels);
    }

    /** Number of stride-2 (up- or down-sampling) layers of the RADFORD variant: log2(size / s0). */
    private int upsamplings() {
        return Integer.numberOfTrailingZeros(imageSize / startSide(imageSize));
    }

    @Override
    public Network buildGenerator() {
        List<Layer> l = new ArrayList<>();
        l.add(new ToImage(1, 1, latentDim));
        if (variant == Variant.REFERENCE_28) {
            addUp(l, new ConvTranspose2d(latentDim, 128, 7, 1, 0, false), 128, classes);
            addUp(l, new ConvTranspose2d(128, 64, 4, 2, 1, false), 64, classes);
            l.add(new ConvTranspose2d(64, 1, 4, 2, 1, true));
        } else {
            int u = upsamplings();
            int width = generatorBaseWidth << (u - 1);
            addUp(l, new ConvTranspose2d(latentDim, width, startSide(imageSize), 1, 0, false), width, classes);
            for (int i = 1; i < u; i++) {
                addUp(l, new ConvTranspose2d(width, width / 2, 4, 2, 1, false), width / 2, classes);
                width /= 2;
            }
            l.add(new ConvTranspose2d(width, channels, 4, 2, 1, false));
        }
        l.add(Activation.TANH.newLayer(0));
        l.add(new ToRows());
        return new Network(l, dataType);
    }

    @Override
    public Network buildDiscriminator() {
        List<Layer> l = new ArrayList<>();
        l.add(new ToImage(imageSize, imageSize, channels));
        if (variant == Variant.REFERENCE_28) {
            l.add(new Conv2d(1, 64, 4, 2, 1, true));
            l.add(Activation.LEAKY_RELU.newLayer(LEAKY_SLOPE));
            l.add(new Conv2d(64, 128, 4, 2, 1, false));
            l.add(new BatchNorm(128, BN_GAMMA_STD));
            l.add(Activation.LEAKY_RELU.newLayer(LEAKY_SLOPE));
            l.add(new ToRows());
            l.add(classes > 0 ? new ProjectionHead(7 * 7 * 128, classes, true, 0) : new Dense(7 * 7 * 128, 1));
        } else {
            boolean batchNorm = discriminatorNorm == DiscriminatorNorm.BATCH_NORM;
            int width = baseWidth;
            l.add(discriminatorConv(channels, width, 4, 2, 1));
            l.add(Activation.LEAKY_RELU.newLayer(LEAKY_SLOPE));
            for (int i = 1; i < upsamplings(); i++) {
                l.add(discriminatorConv(width, width * 2, 4, 2, 1));
                if (batchNorm) l.add(new BatchNorm(width * 2, BN_GAMMA_STD));
                l.add(Activation.LEAKY_RELU.newLayer(LEAKY_SLOPE));
                width *= 2;
            }
            if (classes > 0) {
                int s0 = startSide(imageSize);
                l.add(new ToRows());
                ProjectionHead head = new ProjectionHead(s0 * s0 * width, classes, !batchNorm, CONV_INIT_STD);
                l.add(discriminatorNorm == DiscriminatorNorm.SPECTRAL_NORM ? new SpectralNorm(head) : head);
            } else {
                l.add(discriminatorConv(width, 1, startSide(imageSize), 1, 0));
                l.add(new ToRows());
            }
        }
        return new Network(l, dataType);
    }

    /** A conv of D: no bias under batch norm (Radford et al.), else with bias; spectrally normalised if asked. */
    private Layer discriminatorConv(int in, int out, int kernel, int stride, int padding) {
        Conv2d conv = new Conv2d(in, out, kernel, stride, padding, discriminatorNorm != DiscriminatorNorm.BATCH_NORM);
        return discriminatorNorm == DiscriminatorNorm.SPECTRAL_NORM ? new SpectralNorm(conv) : conv;
    }

    private static void addUp(List<Layer> layers, ConvTranspose2d deconv, int width, int classes) {
        layers.add(deconv);
        layers.add(classes > 0 ? new ConditionalBatchNorm(width, classes) : new BatchNorm(width, BN_GAMMA_STD));
        layers.add(Activation.RELU.newLayer(0));
    }

    @Override
    public String describe() {
        String size = imageSize + "x" + imageSize + "x" + channels;
        return (variant == Variant.REFERENCE_28 ? "dcgan reference " + size
                : "dcgan " + size + ", base width " + baseWidth
                        + (generatorBaseWidth != baseWidth ? " (G " + generatorBaseWidth + ")" : "")
                        + ", D " + discriminatorNorm.configName())
                + ", latent " + latentDim + (classes > 0 ? ", conditional on " + classes + " classes" : "")
                + ", " + dataType.name().toLowerCase();
    }

    @Override
    public String toString() {
        return describe();
    }
}
