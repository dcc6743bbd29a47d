package io.sparkgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.nn.EncodedVector;
import io.sparkgan.nn.FlatVector;
import io.sparkgan.nn.VectorEncoding;
import org.junit.jupiter.api.Test;

/** Task results in a 16-bit encoding: sizes, merging (decoded, summed in float) and parameter changes. */
class PhaseResultEncodingTest {

    private static PhaseResult result(float[] vector, float[] state) {
        PhaseResult r = new PhaseResult();
        r.vector = FlatVector.wrap(vector.clone());
        r.optimizerState = state == null ? null : FlatVector.wrap(state.clone());
        r.buffersG = FlatVector.wrap(new float[] {1, 2});
        r.buffersD = FlatVector.wrap(new float[] {3});
        r.partitions = 1;
        r.resultBytes = 0;
        return r;
    }

    private static float[] rounded(float[] v, VectorEncoding e) {
        return EncodedVector.encode(FlatVector.wrap(v), e).decode().floats();
    }

    @Test
    void anEncodedResultIsHalfTheBytesOfItsVectorsAndBuffersStayFloat() {
        float[] g = {0.1f, -0.2f, 0.3f, 1e-4f};
        PhaseResult plain = result(g, g);
        PhaseResult encoded = result(g, g).encode(VectorEncoding.BFLOAT16);
        assertEquals(4 * 4 + 4 * 4 + 3 * 4, plain.byteSize());
        assertEquals(2 * 4 + 2 * 4 + 3 * 4, encoded.byteSize());
        assertTrue(encoded.isEncoded());
        assertNull(encoded.vector, "the float vector does not travel with its encoding");
        assertEquals(plain.byteSize(), result(g, g).encode(VectorEncoding.FLOAT32).byteSize(), "float32: unchanged");
    }

    @Test
    void mergingDecodesAndSumsInFloatInPartitionOrder() {
        float[] a = {0.1f, -0.2f, 0.3f};
        float[] b = {1e-3f, 5f, -0.7f};
        PhaseResult merged = new PhaseResult();
        merged.merge(result(a, null).encode(VectorEncoding.FLOAT16));
        assertTrue(merged.isEncoded(), "a first result is taken as it travelled");
        merged.merge(result(b, null).encode(VectorEncoding.FLOAT16));
        assertFalse(merged.isEncoded());
        float[] ra = rounded(a, VectorEncoding.FLOAT16);
        float[] rb = rounded(b, VectorEncoding.FLOAT16);
        assertArrayEquals(new float[] {ra[0] + rb[0], ra[1] + rb[1], ra[2] + rb[2]}, merged.vector.floats());
        assertEquals(2, merged.partitions);
        assertArrayEquals(new float[] {2, 4}, merged.buffersG.floats());
    }

    @Test
    void averageModeSendsTheChangeFromWhatTheTaskReceived() {
        float[] received = {10f, -20f, 30f};
        float[] after = {10.001f, -20.002f, 30.003f};
        PhaseResult r = result(after, new float[] {0.5f, 0.5f, 0.5f});
        r.toDifferences(FlatVector.wrap(received), FlatVector.wrap(new float[] {0.25f, 0.5f, 0f}));
        r.encode(VectorEncoding.BFLOAT16).decode();
        assertTrue(r.differences);
        for (int i = 0; i < 3; i++) {
            double change = after[i] - received[i];
            // The change keeps bfloat16's relative precision; the values themselves would have lost it all
            // (bfloat16's step at 30 is 0.125).
            assertEquals(change, r.vector.floats()[i], Math.abs(change) * 0x1p-8 + 1e-9);
        }
        assertArrayEquals(new float[] {0.25f, 0f, 0.5f}, r.optimizerState.floats());
        IllegalStateException mixed = assertThrows(IllegalStateException.class,
                () -> new PhaseResult().merge(r).merge(result(after, null)));
        assertTrue(mixed.getMessage().contains("train.result-encoding"), mixed.getMessage());
    }
}
