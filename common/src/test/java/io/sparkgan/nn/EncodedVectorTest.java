package io.sparkgan.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EncodedVectorTest {

    /** Values spread over {@code binades} powers of two below {@code top}, both signs. */
    private static float[] spread(int n, double top, int binades, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((rng.nextBoolean() ? 1 : -1) * top * Math.scalb(1 + rng.nextDouble(), -rng.nextInt(1, binades + 1)));
        }
        return v;
    }

    private static double worstRelativeError(float[] original, FlatVector decoded) {
        double worst = 0;
        for (int i = 0; i < original.length; i++) {
            worst = Math.max(worst, Math.abs(decoded.floats()[i] - (double) original[i]) / Math.abs(original[i]));
        }
        return worst;
    }

    @Test
    void bfloat16KeepsEveryValueWithinTwoToTheMinusEight() {
        // Gradient-like values over 60 binades: bfloat16 has float's range, no scaling needed.
        float[] values = spread(10_000, 1e3, 60, 1);
        EncodedVector e = EncodedVector.encode(FlatVector.wrap(values), VectorEncoding.BFLOAT16);
        double worst = worstRelativeError(values, e.decode());
        assertTrue(worst <= 0x1p-8 && worst > 0, "worst relative error " + worst);
        assertEquals(0, e.scaleExponent());
    }

    @Test
    void float16ScalesLargeAndTinyVectorsIntoItsRange() {
        // 1e6 overflows binary16 (max 65504) and 1e-9 is below its smallest subnormal (6e-8): the
        // vector's power-of-two scale keeps both within 2^-11 over the top 28 binades.
        for (double top : new double[] {1e6, 1.0, 1e-9, 1e-30}) {
            float[] values = spread(10_000, top, 27, 2);
            EncodedVector e = EncodedVector.encode(FlatVector.wrap(values), VectorEncoding.FLOAT16);
            FlatVector back = e.decode();
            assertTrue(back.isFinite(), "top " + top);
            double worst = worstRelativeError(values, back);
            assertTrue(worst <= 0x1p-11 && worst > 0, "top " + top + ": worst relative error " + worst);
        }
    }

    @Test
    void float16KeepsSpecialValuesAndScalesByTheFiniteOnes() {
        float[] values = {1e5f, -0f, 0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 3e-3f, -7.25f};
        FlatVector back = EncodedVector.encode(FlatVector.wrap(values), VectorEncoding.FLOAT16).decode();
        float[] b = back.floats();
        assertEquals(1e5f, b[0], 1e5f * 0x1p-11);
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(b[1]));
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(b[2]));
        assertTrue(Float.isNaN(b[3]));
        assertEquals(Float.POSITIVE_INFINITY, b[4]);
        assertEquals(Float.NEGATIVE_INFINITY, b[5]);
        assertEquals(3e-3f, b[6], 3e-3f * 0x1p-11);
        assertEquals(-7.25f, b[7]);
        float[] zeros = new float[5];
        assertArrayEquals(zeros, EncodedVector.encode(FlatVector.wrap(zeros), VectorEncoding.FLOAT16).decode().floats());
    }

    @ParameterizedTest
    @EnumSource(value = VectorEncoding.class, names = {"BFLOAT16", "FLOAT16"})
    void javaSerialisationCarriesTwoBytesAValueAndDecodesIdentically(VectorEncoding encoding) throws Exception {
        float[] values = spread(100_003, 1e-2, 20, 3);
        EncodedVector e = EncodedVector.encode(FlatVector.wrap(values), encoding);
        assertEquals(2L * values.length, e.byteSize());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(e);
        }
        // Plus about 1 KB of class descriptors (the enum, the class) once a stream.
        assertTrue(bytes.size() < 2L * values.length + 2000, "serialised size " + bytes.size());
        EncodedVector back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (EncodedVector) in.readObject();
        }
        assertArrayEquals(e.decode().floats(), back.decode().floats());
        assertEquals(encoding, back.encoding());
        // Encoding the decoded values again changes nothing: rounding happens once.
        assertArrayEquals(e.decode().floats(), EncodedVector.encode(e.decode(), encoding).decode().floats());
    }

    @Test
    void doubleVectorsAndFloat32AreRefusedWithAClearMessage() {
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
                () -> EncodedVector.encode(FlatVector.wrap(new double[] {1}), VectorEncoding.BFLOAT16));
        assertTrue(d.getMessage().contains("train.result-encoding = float32"), d.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> EncodedVector.encode(FlatVector.wrap(new float[] {1}), VectorEncoding.FLOAT32));
    }

    @Test
    void configSpellings() {
        assertEquals(VectorEncoding.BFLOAT16, VectorEncoding.parse("bfloat16"));
        assertEquals("float16", VectorEncoding.FLOAT16.configName());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VectorEncoding.parse("fp8"));
        assertTrue(e.getMessage().contains("float32, bfloat16, float16"), e.getMessage());
    }
}
