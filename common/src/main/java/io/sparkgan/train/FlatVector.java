package io.sparkgan.train;

import java.io.Serializable;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A flat vector in FLOAT or DOUBLE precision as a plain Java array: what travels in broadcasts
 * and task results (cheap to serialise, no native memory on the wire).
 */
public final class FlatVector implements Serializable {
    private static final long serialVersionUID = 1L;

    private final float[] floats;
    private final double[] doubles;

    private FlatVector(float[] floats, double[] doubles) {
        this.floats = floats;
        this.doubles = doubles;
    }

    /** A copy of {@code a} (any shape, read in C order). */
    public static FlatVector of(INDArray a) {
        if (a.dataType() == DataType.DOUBLE) return new FlatVector(null, a.dup().data().asDouble());
        if (a.dataType() == DataType.FLOAT) return new FlatVector(a.dup().data().asFloat(), null);
        throw new IllegalArgumentException("only FLOAT and DOUBLE vectors are supported, got " + a.dataType());
    }

    public static FlatVector zeros(DataType type, int length) {
        return type == DataType.DOUBLE ? new FlatVector(null, new double[length]) : new FlatVector(new float[length], null);
    }

    public int length() {
        return floats != null ? floats.length : doubles.length;
    }

    public DataType dataType() {
        return floats != null ? DataType.FLOAT : DataType.DOUBLE;
    }

    /** A new 1-D INDArray holding these values. */
    public INDArray toArray() {
        return floats != null ? Nd4j.createFromArray(floats.clone()) : Nd4j.createFromArray(doubles.clone());
    }

    /** Adds {@code other} into this vector element-wise (used to merge task results). */
    public FlatVector addInPlace(FlatVector other) {
        Objects.requireNonNull(other, "other");
        if (other.length() != length() || other.dataType() != dataType()) {
            throw new IllegalArgumentException("cannot add a " + other.dataType() + "[" + other.length() + "] to a "
                    + dataType() + "[" + length() + "]");
        }
        if (floats != null) {
            for (int i = 0; i < floats.length; i++) floats[i] += other.floats[i];
        } else {
            for (int i = 0; i < doubles.length; i++) doubles[i] += other.doubles[i];
        }
        return this;
    }

    /** Size in bytes of the values (for the bytes-moved figures). */
    public long byteSize() {
        return floats != null ? 4L * floats.length : 8L * doubles.length;
    }
}
