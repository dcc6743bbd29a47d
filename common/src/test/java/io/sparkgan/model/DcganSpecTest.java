package io.sparkgan.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparkgan.data.BatchSampler;
import io.sparkgan.nn.BatchNorm;
import io.sparkgan.nn.Network;
import io.sparkgan.nn.SpectralNorm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** DCGAN specs: shapes, parameter counts, initialisation and value equality. */
class DcganSpecTest {

    @Test
    void referenceModelMapsLatentRowsToImageRowsAndImageRowsToOneLogit() {
        DcganSpec spec = DcganSpec.reference(DataType.FLOAT);
        assertEquals(784, spec.dataDim());
        assertEquals(100, spec.latentDim());
        Network g = spec.buildGenerator();
        Network d = spec.buildDiscriminator();
        // Same counts as the PyTorch peer's model (docs/benchmarks.md, B2).
        assertEquals(100 * 128 * 49 + 2 * 128 + 128 * 64 * 16 + 2 * 64 + 64 * 16 + 1, g.numParams());
        assertEquals(64 * 16 + 64 + 64 * 128 * 16 + 2 * 128 + 6272 + 1, d.numParams());
        assertEquals(2 * 128 + 2 * 64, g.numBuffers());
        assertEquals(2 * 128, d.numBuffers());
        SplittableRandom rng = new SplittableRandom(3);
        g.initialize(rng);
        d.initialize(rng);
        INDArray z = BatchSampler.latent(rng, 3, 100, DataType.FLOAT);
        INDArray fake = g.forward(z, true);
        assertArrayEquals(new long[] {3, 784}, fake.shape());
        assertEquals(1.0, fake.amaxNumber().doubleValue(), 1.0, "tanh output");
        INDArray logits = d.forward(fake, true);
        assertArrayEquals(new long[] {3, 1}, logits.shape());
        INDArray gradFake = d.backward(logits.ulike().assign(1), false);
        assertArrayEquals(new long[] {3, 784}, gradFake.shape());
        assertArrayEquals(new long[] {3, 100}, g.backward(gradFake, true).shape());
        assertArrayEquals(new long[] {3, 784}, g.forward(z, false).shape());
    }

    @ParameterizedTest(name = "Radford {0}x{0}x{1}")
    @CsvSource({"32, 3", "64, 1", "8, 1", "16, 3"})
    void radfordFamilyShapes(int size, int channels) {
        DcganSpec spec = DcganSpec.radford(size, channels, 10, 2, DataType.FLOAT);
        Network g = spec.buildGenerator();
        Network d = spec.buildDiscriminator();
        SplittableRandom rng = new SplittableRandom(4);
        g.initialize(rng);
        d.initialize(rng);
        INDArray fake = g.forward(BatchSampler.latent(rng, 2, 10, DataType.FLOAT), true);
        assertArrayEquals(new long[] {2, (long) size * size * channels}, fake.shape());
        assertArrayEquals(new long[] {2, 1}, d.forward(fake, true).shape());
    }

    @Test
    void radford64HasThePapersLayerWidths() {
        // PyTorch DCGAN example, ngf = ndf = 64, nz = 100, nc = 3: no biases anywhere.
        DcganSpec spec = DcganSpec.radford(64, 3, 100, 64, DataType.FLOAT);
        long gExpected = 100L * 512 * 16 + 512L * 256 * 16 + 256L * 128 * 16 + 128L * 64 * 16 + 64L * 3 * 16
                + 2 * (512 + 256 + 128 + 64);
        long dExpected = 3L * 64 * 16 + 64L * 128 * 16 + 128L * 256 * 16 + 256L * 512 * 16 + 512L * 16
                + 2 * (128 + 256 + 512);
        assertEquals(gExpected, spec.buildGenerator().numParams());
        assertEquals(dExpected, spec.buildDiscriminator().numParams());
    }

    @Test
    void convWeightsAreDrawnFromNormal002() {
        Network g = DcganSpec.reference(DataType.DOUBLE).buildGenerator();
        g.initialize(new SplittableRandom(5));
        INDArray w = g.params().get(NDArrayIndex.interval(0, 100 * 128 * 49));
        assertEquals(0.0, w.meanNumber().doubleValue(), 1e-3);
        assertEquals(0.02, w.stdNumber().doubleValue(), 1e-3);
    }

    @Test
    void specsCompareByValueAndSurviveSerialisation() throws Exception {
        DcganSpec a = DcganSpec.radford(32, 3, 100, 64, DataType.FLOAT);
        assertEquals(a, DcganSpec.radford(32, 3, 100, 64, DataType.FLOAT));
        assertEquals(a.hashCode(), DcganSpec.radford(32, 3, 100, 64, DataType.FLOAT).hashCode());
        assertNotEquals(a, DcganSpec.radford(32, 3, 100, 64, DataType.DOUBLE));
        assertNotEquals(a, DcganSpec.radford(64, 3, 100, 64, DataType.FLOAT));
        assertEquals(DcganSpec.reference(DataType.FLOAT), DcganSpec.reference(DataType.FLOAT));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(a);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(a, in.readObject());
        }
    }

    @Test
    void badSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> DcganSpec.radford(24, 1, 100, 64, DataType.FLOAT));
        assertThrows(IllegalArgumentException.class, () -> DcganSpec.radford(7, 1, 100, 64, DataType.FLOAT));
        assertThrows(IllegalArgumentException.class, () -> DcganSpec.radford(96, 1, 100, 64, DataType.FLOAT));
        assertThrows(IllegalArgumentException.class, () -> DcganSpec.radford(128, 1, 100, 64, DataType.FLOAT));
        assertThrows(IllegalArgumentException.class, () -> DcganSpec.radford(32, 0, 100, 64, DataType.FLOAT));
        assertThrows(IllegalArgumentException.class,
                () -> new DcganSpec(DcganSpec.Variant.REFERENCE_28, 32, 1, 100, 64, 64, DiscriminatorNorm.BATCH_NORM,
                        DataType.FLOAT));
        assertThrows(IllegalArgumentException.class,
                () -> DcganSpec.reference(DataType.FLOAT).withDiscriminatorNorm(DiscriminatorNorm.SPECTRAL_NORM));
    }

    @Test
    void mnistSizedRadfordStartsFromSevenBySeven() {
        DcganSpec spec = DcganSpec.radford(28, 1, 16, 4, DataType.FLOAT).withGeneratorBaseWidth(6)
                .withDiscriminatorNorm(DiscriminatorNorm.SPECTRAL_NORM);
        Network g = spec.buildGenerator();
        Network d = spec.buildDiscriminator();
        g.initialize(new SplittableRandom(1));
        d.initialize(new SplittableRandom(2));
        INDArray images = g.forward(Nd4j.randn(DataType.FLOAT, 3, 16), true);
        assertArrayEquals(new long[] {3, 28 * 28}, images.shape());
        assertArrayEquals(new long[] {3, 1}, d.forward(images, true).shape());
        // G: z -> 7x7x12 (k7) -> 14x14x6 -> 28x28x1; D: 28 -> 14x14x4 -> 7x7x8 -> 1 (k7), every conv with bias.
        assertEquals(16L * 12 * 49 + 2 * 12 + 12 * 6 * 16 + 2 * 6 + 6 * 16, g.numParams());
        assertEquals(16L * 4 + 4 + 4 * 8 * 16 + 8 + 8 * 49 + 1, d.numParams());
        assertEquals(3, d.layers().stream().filter(l -> l instanceof SpectralNorm).count());
        assertEquals(0, d.layers().stream().filter(l -> l instanceof BatchNorm).count());
    }
}
