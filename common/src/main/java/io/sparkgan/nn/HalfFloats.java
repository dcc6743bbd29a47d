package io.sparkgan.nn;

/**
 * Conversions between float and the two 16-bit formats task results can travel in, both rounding
 * to nearest, ties to even (IEEE 754's default). Java 17 has no Float.floatToFloat16 (Java 20+).
 *
 * <ul>
 *   <li>bfloat16: float's sign and 8-bit exponent, 7 stored mantissa bits: the same range as float,
 *       relative rounding error at most 2^-8.</li>
 *   <li>float16 (IEEE binary16): 5-bit exponent, 10 stored mantissa bits: relative rounding error at
 *       most 2^-11 for magnitudes in [2^-14, 65504], subnormal below, infinite above 65519.99.</li>
 * </ul>
 * Infinities, NaN and signed zeros keep their kind and sign in both.
 */
public final class HalfFloats {
    private HalfFloats() {}

    /** {@code f} rounded to the nearest bfloat16 (ties to even), as its 16 bits. */
    public static short toBfloat16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if ((bits & 0x7fffffff) > 0x7f800000) {
            // NaN: keep the sign and the top payload bits, and set the quiet bit so it stays a NaN.
            return (short) ((bits >>> 16) | 0x0040);
        }
        // Adding 0x7fff plus the lowest kept bit rounds the dropped 16 bits to nearest, ties to even;
        // a carry moves into the exponent (and from the largest finite values to infinity), as it should.
        int rounded = bits + 0x7fff + ((bits >>> 16) & 1);
        return (short) (rounded >>> 16);
    }

    /** The float a bfloat16 stands for (exact). */
    public static float fromBfloat16(short h) {
        return Float.intBitsToFloat((h & 0xffff) << 16);
    }

    /** {@code f} rounded to the nearest IEEE binary16 (ties to even), as its 16 bits; beyond 65519.99 infinity. */
    public static short toFloat16(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int abs = bits & 0x7fffffff;
        if (abs >= 0x7f800000) {
            // Infinity, or NaN with the top of its payload and the quiet bit.
            return (short) (sign | 0x7c00 | (abs > 0x7f800000 ? 0x0200 | ((abs >>> 13) & 0x3ff) : 0));
        }
        if (abs >= 0x477ff000) return (short) (sign | 0x7c00);   // >= 65520: rounds to infinity
        if (abs <= 0x33000000) return (short) sign;              // <= 2^-25: rounds to (signed) zero
        int exponent = abs >>> 23;
        int mantissa = abs & 0x7fffff;
        if (exponent < 113) {
            // Below 2^-14: a binary16 subnormal, in units of 2^-24.
            int significand = mantissa | 0x800000;
            int shift = 126 - exponent;
            return (short) (sign | roundShift(significand, shift));
        }
        // Normal: rebias the exponent (127 -> 15) and round away the 13 low mantissa bits; a carry
        // moves into the exponent, which is right.
        int h = ((exponent - 112) << 10) | (mantissa >>> 13);
        int rest = mantissa & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (h & 1) != 0)) h++;
        return (short) (sign | h);
    }

    /** The float a binary16 stands for (exact). */
    public static float fromFloat16(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;   // subnormal or zero: exact in float
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /** {@code value >> shift} rounded to nearest, ties to even ({@code 1 <= shift <= 30}). */
    private static int roundShift(int value, int shift) {
        int kept = value >>> shift;
        int rest = value & ((1 << shift) - 1);
        int half = 1 << (shift - 1);
        if (rest > half || (rest == half && (kept & 1) != 0)) kept++;
        return kept;
    }
}
