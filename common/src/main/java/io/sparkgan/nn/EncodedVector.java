package io.sparkgan.nn;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A FLOAT vector in one of the 16-bit {@link VectorEncoding}s: what a task sends instead of its
 * float result when {@code train.result-encoding} asks for it. Immutable; decoding gives the rounded
 * values exactly, so a result decoded on the driver equals one decoded in the task's own JVM.
 */
public final class EncodedVector implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Exponents of the float16 scale that keep encoding and decoding exact in float (see {@link #scaleFor}). */
    private static final int MIN_SCALE = -113;
    private static final int MAX_SCALE = 125;

    private final VectorEncoding encoding;
    /** float16: the values were multiplied by 2^scaleExponent before rounding; bfloat16: 0. */
    private final int scaleExponent;
    // Not final: readObject fills it. Serialised as one raw block (see writeObject).
    private transient short[] bits;

    private EncodedVector(VectorEncoding encoding, int scaleExponent, short[] bits) {
        this.encoding = encoding;
        this.scaleExponent = scaleExponent;
        this.bits = bits;
    }

    /**
     * Encodes {@code vector}.
     *
     * @param vector a FLOAT vector (a DOUBLE one is refused: 16-bit results are for float training)
     * @param encoding BFLOAT16 or FLOAT16
     */
    public static EncodedVector encode(FlatVector vector, VectorEncoding encoding) {
        Objects.requireNonNull(vector, "vector");
        if (!Objects.requireNonNull(encoding, "encoding").rounds()) {
            throw new IllegalArgumentException("EncodedVector is for the 16-bit encodings; a FLOAT32 result travels"
                    + " as its FlatVector");
        }
        float[] values = vector.floats();
        if (values == null) {
            throw new IllegalArgumentException("a 16-bit result encoding needs float vectors, got a DOUBLE vector"
                    + " (model.precision = double is for exactness checks: use train.result-encoding = float32)");
        }
        short[] bits = new short[values.length];
        if (encoding == VectorEncoding.BFLOAT16) {
            for (int i = 0; i < values.length; i++) bits[i] = HalfFloats.toBfloat16(values[i]);
            return new EncodedVector(encoding, 0, bits);
        }
        int scale = scaleFor(values);
        for (int i = 0; i < values.length; i++) bits[i] = HalfFloats.toFloat16(Math.scalb(values[i], scale));
        return new EncodedVector(encoding, scale, bits);
    }

    /** The rounded values as a new FLOAT vector. */
    public FlatVector decode() {
        float[] values = new float[bits.length];
        if (encoding == VectorEncoding.BFLOAT16) {
            for (int i = 0; i < bits.length; i++) values[i] = HalfFloats.fromBfloat16(bits[i]);
        } else {
            for (int i = 0; i < bits.length; i++) values[i] = Math.scalb(HalfFloats.fromFloat16(bits[i]), -scaleExponent);
        }
        return FlatVector.wrap(values);
    }

    /**
     * Values [from, to), still encoded with this vector's scale: decoding a slice gives exactly the
     * same values as slicing the decoded vector (encoding the float slice anew could pick another
     * float16 scale, and so round differently).
     */
    public EncodedVector slice(int from, int to) {
        Objects.checkFromToIndex(from, to, bits.length);
        return new EncodedVector(encoding, scaleExponent, java.util.Arrays.copyOfRange(bits, from, to));
    }

    public VectorEncoding encoding() {
        return encoding;
    }

    /** float16: the power of two the values were scaled by before rounding (0 for bfloat16). */
    public int scaleExponent() {
        return scaleExponent;
    }

    public int length() {
        return bits.length;
    }

    /** Bytes of the encoded values (for the bytes-moved figures). */
    public long byteSize() {
        return (long) encoding.bytesPerValue() * bits.length;
    }

    /**
     * The power of two that puts the largest finite magnitude in [2^14, 2^15), float16's top binade
     * below 65504: nothing overflows and the small values keep as many bits as the format allows.
     * Clamped so that scaling is exact in float both ways (only vectors whose largest magnitude is
     * below 2^-111 get less than the full range).
     */
    private static int scaleFor(float[] values) {
        float max = 0;
        for (float v : values) {
            float a = Math.abs(v);
            if (a > max && a != Float.POSITIVE_INFINITY) max = a;   // NaN compares false: skipped
        }
        if (max == 0) return 0;
        return Math.max(MIN_SCALE, Math.min(MAX_SCALE, 14 - Math.getExponent(max)));
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeInt(bits.length);
        ByteBuffer bytes = ByteBuffer.allocate(2 * bits.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(bits);
        out.write(bytes.array());
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        int n = in.readInt();
        if (n < 0) throw new IOException("corrupt EncodedVector: negative length " + n);
        byte[] raw = new byte[2 * n];
        in.readFully(raw);
        bits = new short[n];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(bits);
    }
}
