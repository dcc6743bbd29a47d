package io.sparkgan.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class FlatVectorTest {

    @Test
    void javaSerialisationKeepsEveryValueInBothPrecisions() throws Exception {
        float[] f = {1.5f, -0.0f, Float.MIN_VALUE, 3e38f, 7f};
        double[] d = {Math.PI, -1e-300, 0.0};
        assertArrayEquals(f, roundTrip(FlatVector.of(Nd4j.createFromArray(f))).toArray().toFloatVector());
        FlatVector back = roundTrip(FlatVector.of(Nd4j.createFromArray(d)));
        assertArrayEquals(d, back.toArray().toDoubleVector());
        assertEquals(org.nd4j.linalg.api.buffer.DataType.DOUBLE, back.dataType());
    }

    @Test
    void ofAViewCopiesOnlyTheView() {
        var base = Nd4j.createFromArray(1f, 2f, 3f, 4f, 5f);
        FlatVector v = FlatVector.of(base.get(NDArrayIndex.interval(1, 4)));
        assertArrayEquals(new float[] {2f, 3f, 4f}, v.toArray().toFloatVector());
    }

    @Test
    void contentEqualityComparesValuesAndPrecision() {
        FlatVector a = FlatVector.wrap(new float[] {1f, 2f});
        org.junit.jupiter.api.Assertions.assertTrue(a.contentEquals(FlatVector.wrap(new float[] {1f, 2f})));
        org.junit.jupiter.api.Assertions.assertFalse(a.contentEquals(FlatVector.wrap(new float[] {1f, 2.0000002f})));
        org.junit.jupiter.api.Assertions.assertFalse(a.contentEquals(FlatVector.wrap(new double[] {1, 2})));
    }

    private static FlatVector roundTrip(FlatVector v) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(v);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (FlatVector) in.readObject();
        }
    }
}
