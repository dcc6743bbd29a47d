package io.sparkgan.nn;

import io.sparkgan.util.EnumNames;

/**
 * How a vector travels as a task result ({@code train.result-encoding}): FLOAT32 as computed, or one
 * of two 16-bit formats ({@link EncodedVector}) that halve the bytes and round every value
 * ({@link HalfFloats}); the driver decodes and accumulates in float either way.
 */
public enum VectorEncoding {
    /** As computed: 4 bytes a value (8 with model.precision = double), bit for bit. */
    FLOAT32(4),
    /** bfloat16, rounded to nearest even: float's range, relative error at most 2^-8. */
    BFLOAT16(2),
    /**
     * IEEE binary16, rounded to nearest even, after scaling the whole vector by a power of two that
     * puts its largest finite magnitude in [2^14, 2^15): no value overflows, relative error at most
     * 2^-11 down to 2^-28 of the largest magnitude, coarser (subnormal) below that, and 0 below about 2^-40 of it.
     */
    FLOAT16(2);

    private final int bytesPerValue;

    VectorEncoding(int bytesPerValue) {
        this.bytesPerValue = bytesPerValue;
    }

    /** Bytes a float value takes on the wire in this encoding. */
    public int bytesPerValue() {
        return bytesPerValue;
    }

    /** True for the 16-bit encodings, which round. */
    public boolean rounds() {
        return this != FLOAT32;
    }

    /** The config spelling, e.g. "bfloat16". */
    public String configName() {
        return EnumNames.configName(this);
    }

    /** Parses a config value (float32, bfloat16, float16). */
    public static VectorEncoding parse(String s) {
        return EnumNames.parse(VectorEncoding.class, s, "result encoding");
    }
}
