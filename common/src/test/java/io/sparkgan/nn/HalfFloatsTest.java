package io.sparkgan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The 16-bit conversions round to nearest, ties to even, within the formats' error bounds, and
 * keep special values. Checked against the definition (the encoded value is the nearest of the
 * format's neighbours), not against hard-coded bit patterns.
 */
class HalfFloatsTest {
    private static final int SAMPLES = 200_000;

    @Test
    void everyBfloat16AndFloat16ValueRoundTripsExactly() {
        for (int b = 0; b < 0x10000; b++) {
            short h = (short) b;
            float bf = HalfFloats.fromBfloat16(h);
            if (Float.isNaN(bf)) {
                assertTrue(Float.isNaN(HalfFloats.fromBfloat16(HalfFloats.toBfloat16(bf))), "bfloat16 NaN " + b);
            } else {
                assertEquals(h, HalfFloats.toBfloat16(bf), "bfloat16 pattern " + Integer.toHexString(b));
            }
            float f16 = HalfFloats.fromFloat16(h);
            if (Float.isNaN(f16)) {
                assertTrue(Float.isNaN(HalfFloats.fromFloat16(HalfFloats.toFloat16(f16))), "float16 NaN " + b);
            } else {
                assertEquals(h, HalfFloats.toFloat16(f16), "float16 pattern " + Integer.toHexString(b));
            }
        }
    }

    @Test
    void bfloat16IsTheNearestValueWithinTwoToTheMinusEight() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = 0; i < SAMPLES; i++) {
            // Magnitudes over float's whole normal range.
            float x = (float) ((rng.nextBoolean() ? 1 : -1) * Math.scalb(1 + rng.nextDouble(), rng.nextInt(-126, 127)));
            short h = HalfFloats.toBfloat16(x);
            float y = HalfFloats.fromBfloat16(h);
            assertTrue(Math.abs(y - (double) x) <= Math.abs(x) * 0x1p-8, x + " -> " + y);
            assertNearestOfNeighbours(x, h, HalfFloats::fromBfloat16);
        }
    }

    @Test
    void float16IsTheNearestValueWithinTwoToTheMinusElevenInItsRange() {
        SplittableRandom rng = new SplittableRandom(12);
        for (int i = 0; i < SAMPLES; i++) {
            float x = (float) ((rng.nextBoolean() ? 1 : -1) * Math.scalb(1 + rng.nextDouble(), rng.nextInt(-14, 16)));
            if (Math.abs(x) > 65504) continue;
            short h = HalfFloats.toFloat16(x);
            float y = HalfFloats.fromFloat16(h);
            assertTrue(Math.abs(y - (double) x) <= Math.abs(x) * 0x1p-11, x + " -> " + y);
            assertNearestOfNeighbours(x, h, HalfFloats::fromFloat16);
        }
        // Subnormals: the nearest multiple of 2^-24.
        for (int i = 0; i < SAMPLES; i++) {
            float x = (float) (rng.nextDouble() * 0x1p-14);
            short h = HalfFloats.toFloat16(x);
            assertTrue(Math.abs(HalfFloats.fromFloat16(h) - (double) x) <= 0x1p-25, x + " -> " + HalfFloats.fromFloat16(h));
            assertNearestOfNeighbours(x, h, HalfFloats::fromFloat16);
        }
    }

    @Test
    void tiesGoToTheEvenNeighbour() {
        for (int b = 0; b < 0x7bff; b++) {
            // The midpoint between two adjacent float16 values (exact in float), and the same for bfloat16.
            float lo16 = HalfFloats.fromFloat16((short) b);
            float hi16 = HalfFloats.fromFloat16((short) (b + 1));
            short tie16 = HalfFloats.toFloat16((lo16 + hi16) / 2);
            assertEquals(0, tie16 & 1, "float16 tie between " + lo16 + " and " + hi16);
            assertTrue(tie16 == b || tie16 == b + 1);
        }
        for (int b = 0; b < 0x7f7f; b++) {
            float lo = HalfFloats.fromBfloat16((short) b);
            float hi = HalfFloats.fromBfloat16((short) (b + 1));
            float mid = (float) (((double) lo + hi) / 2);
            if (mid == lo || mid == hi) continue;   // bfloat16 subnormal steps below float's resolution: none
            short tie = HalfFloats.toBfloat16(mid);
            assertEquals(0, tie & 1, "bfloat16 tie between " + lo + " and " + hi);
        }
    }

    @Test
    void specialValuesKeepTheirKindAndSign() {
        float[] specials = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (float s : specials) {
            assertEquals(Float.floatToRawIntBits(s), Float.floatToRawIntBits(HalfFloats.fromBfloat16(HalfFloats.toBfloat16(s))));
            assertEquals(Float.floatToRawIntBits(s), Float.floatToRawIntBits(HalfFloats.fromFloat16(HalfFloats.toFloat16(s))));
        }
        for (float nan : new float[] {Float.NaN, Float.intBitsToFloat(0x7f800001), Float.intBitsToFloat(0xffc00123)}) {
            assertTrue(Float.isNaN(HalfFloats.fromBfloat16(HalfFloats.toBfloat16(nan))), "bfloat16 of " + nan);
            assertTrue(Float.isNaN(HalfFloats.fromFloat16(HalfFloats.toFloat16(nan))), "float16 of " + nan);
        }
        // Float's largest values round to bfloat16's infinity only above its largest finite value.
        assertEquals(Float.POSITIVE_INFINITY, HalfFloats.fromBfloat16(HalfFloats.toBfloat16(Float.MAX_VALUE)));
        assertTrue(Float.isFinite(HalfFloats.fromBfloat16(HalfFloats.toBfloat16(3.38e38f))));
        // float16: 65504 is the largest finite value; 65520 and above round to infinity.
        assertEquals(65504f, HalfFloats.fromFloat16(HalfFloats.toFloat16(65519.99f)));
        assertEquals(Float.POSITIVE_INFINITY, HalfFloats.fromFloat16(HalfFloats.toFloat16(65520f)));
        assertEquals(Float.NEGATIVE_INFINITY, HalfFloats.fromFloat16(HalfFloats.toFloat16(-1e6f)));
        // Below float16's smallest subnormal (2^-24): half of it ties to zero, anything above to 2^-24.
        assertEquals(0f, HalfFloats.fromFloat16(HalfFloats.toFloat16(0x1p-25f)));
        assertEquals(0x1p-24f, HalfFloats.fromFloat16(HalfFloats.toFloat16(0x1.0002p-25f)));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(HalfFloats.fromFloat16(HalfFloats.toFloat16(-1e-30f))));
    }

    /** {@code h} decodes to the value nearest {@code x} among itself and its two neighbours in the format. */
    private static void assertNearestOfNeighbours(float x, short h, Decoder decode) {
        double mine = Math.abs(decode.apply(h) - (double) x);
        for (int step : new int[] {-1, 1}) {
            int other = (h & 0xffff) + step;
            if ((other & 0x7fff) == 0x7fff || other < 0 || other > 0xffff) continue;
            float neighbour = decode.apply((short) other);
            if (Float.isNaN(neighbour) || Math.signum(neighbour) * Math.signum(x) < 0) continue;
            assertTrue(mine <= Math.abs(neighbour - (double) x), x + " encodes to " + decode.apply(h)
                    + " but " + neighbour + " is nearer");
        }
    }

    @FunctionalInterface
    private interface Decoder {
        float apply(short h);
    }
}
