package io.sparkgan.model;

import io.sparkgan.nn.Activation;
import io.sparkgan.nn.BatchNorm;
import io.sparkgan.nn.Conv2d;
import io.sparkgan.nn.ConvTranspose2d;
import io.sparkgan.nn.Dense;
import io.sparkgan.nn.Layer;
import io.sparkgan.nn.Network;
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
 * <li>{@link Variant#REFERENCE_28}: the B2 benchmark model (BENCHMARKS.md) for 28x28x1, latent 100:
 *   G: z as [n,1,1,100]; ConvT(100->128, k7 s1 p0, no bias) BN ReLU; ConvT(128->64, k4 s2 p1, no
 *   bias) BN ReLU; ConvT(64->1, k4 s2 p1) Tanh. D: Conv(1->64, k4 s2 p1) LReLU 0.2; Conv(64->128,
 *   k4 s2 p1, no bias) BN LReLU 0.2; Linear(6272->1) (a logit: the sigmoid is in the loss).
 * <li>{@link Variant#RADFORD}: the DCGAN family of Radford et al. (PyTorch's DCGAN example) for
 *   size = 4 * 2^L (32 or 64 in practice; 8 and 16 are allowed for tests). G projects z with
 *   ConvT k4 s1 p0 to 4x4x(base*2^(L-1)), then L ConvT k4 s2 p1 halving the channels, the last
 *   to the image channels; BN + ReLU after every layer but the last (Tanh). D mirrors it: L Conv
 *   k4 s2 p1 doubling from base, BN on all but the first, LReLU 0.2, and a final Conv k4 s1 p0
 *   to a 1x1x1 logit. No biases (as in the PyTorch example: BN makes them redundant).
 * </ul>
 * Conv weights are initialised N(0, 0.02), BN gamma N(1, 0.02), beta 0.
 *
 * @param variant which architecture
 * @param imageSize image height = width
 * @param channels image channels (1 or 3)
 * @param latentDim size of z
 * @param baseWidth channels of G's last hidden layer and D's first layer (RADFORD; 64 in the paper's code)
 * @param dataType parameter precision
 */
public record DcganSpec(Variant variant, int imageSize, int channels, int latentDim, int baseWidth,
                        DataType dataType) implements GanModelSpec {

    /** The architectures this spec can build. */
    public enum Variant { REFERENCE_28, RADFORD }

    static final double LEAKY_SLOPE = 0.2;
    static final double BN_GAMMA_STD = 0.02;

    public DcganSpec {
        if (variant == null || dataType == null) throw new IllegalArgumentException("variant and data type are required");
        if (channels <= 0 || latentDim <= 0 || baseWidth <= 0) {
            throw new IllegalArgumentException("DCGAN channels, latent size and base width must be positive, got "
                    + channels + ", " + latentDim + ", " + baseWidth);
        }
        if (variant == Variant.REFERENCE_28 && (imageSize != 28 || channels != 1 || latentDim != 100 || baseWidth != 64)) {
            throw new IllegalArgumentException("the reference DCGAN is fixed at 28x28x1, latent 100, base width 64; got "
                    + imageSize + "x" + imageSize + "x" + channels + ", latent " + latentDim + ", base " + baseWidth);
        }
        if (variant == Variant.RADFORD && (imageSize < 8 || imageSize > 64 || Integer.bitCount(imageSize) != 1)) {
            throw new IllegalArgumentException("the Radford DCGAN needs an image size of 8, 16, 32 or 64, got " + imageSize);
        }
    }

    /** The B2 reference DCGAN (28x28x1, latent 100). */
    public static DcganSpec reference(DataType dataType) {
        return new DcganSpec(Variant.REFERENCE_28, 28, 1, 100, 64, dataType);
    }

    /** The Radford DCGAN for {@code imageSize} (32 or 64; 8 or 16 for tests) square images. */
    public static DcganSpec radford(int imageSize, int channels, int latentDim, int baseWidth, DataType dataType) {
        return new DcganSpec(Variant.RADFORD, imageSize, channels, latentDim, baseWidth, dataType);
    }

    @Override
    public int dataDim() {
        return imageSize * imageSize * channels;
    }

    @Override
    public io.sparkgan.images.ImageShape imageShape() {
        return new io.sparkgan.images.ImageShape(imageSize, imageSize, channels);
    }

    /** Number of stride-2 (up- or down-sampling) layers of the RADFORD variant: log2(size / 4). */
    private int upsamplings() {
        return Integer.numberOfTrailingZeros(imageSize / 4);
    }

    @Override
    public Network buildGenerator() {
        List<Layer> l = new ArrayList<>();
        l.add(new ToImage(1, 1, latentDim));
        if (variant == Variant.REFERENCE_28) {
            addUp(l, new ConvTranspose2d(latentDim, 128, 7, 1, 0, false), 128);
            addUp(l, new ConvTranspose2d(128, 64, 4, 2, 1, false), 64);
            l.add(new ConvTranspose2d(64, 1, 4, 2, 1, true));
        } else {
            int u = upsamplings();
            int width = baseWidth << (u - 1);
            addUp(l, new ConvTranspose2d(latentDim, width, 4, 1, 0, false), width);
            for (int i = 1; i < u; i++) {
                addUp(l, new ConvTranspose2d(width, width / 2, 4, 2, 1, false), width / 2);
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
            l.add(new Dense(7 * 7 * 128, 1));
        } else {
            int width = baseWidth;
            l.add(new Conv2d(channels, width, 4, 2, 1, false));
            l.add(Activation.LEAKY_RELU.newLayer(LEAKY_SLOPE));
            for (int i = 1; i < upsamplings(); i++) {
                l.add(new Conv2d(width, width * 2, 4, 2, 1, false));
                l.add(new BatchNorm(width * 2, BN_GAMMA_STD));
                l.add(Activation.LEAKY_RELU.newLayer(LEAKY_SLOPE));
                width *= 2;
            }
            l.add(new Conv2d(width, 1, 4, 1, 0, false));
            l.add(new ToRows());
        }
        return new Network(l, dataType);
    }

    private static void addUp(List<Layer> layers, ConvTranspose2d deconv, int width) {
        layers.add(deconv);
        layers.add(new BatchNorm(width, BN_GAMMA_STD));
        layers.add(Activation.RELU.newLayer(0));
    }

    @Override
    public String describe() {
        String size = imageSize + "x" + imageSize + "x" + channels;
        return (variant == Variant.REFERENCE_28 ? "dcgan reference " + size
                : "dcgan " + size + ", base width " + baseWidth) + ", latent " + latentDim + ", " + dataType.name().toLowerCase();
    }

    @Override
    public String toString() {
        return describe();
    }
}
