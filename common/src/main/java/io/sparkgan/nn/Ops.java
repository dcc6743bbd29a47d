package io.sparkgan.nn;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/** Helpers for calling libnd4j custom ops with pre-allocated outputs. */
final class Ops {
    private Ops() {}

    /**
     * Runs custom op {@code name}. Every output must be given: libnd4j outputs are all-or-nothing
     * (give none and it allocates all of them; docs/platform-notes.md, trap 1).
     */
    static void exec(String name, INDArray[] inputs, INDArray[] outputs, int... intArgs) {
        Nd4j.exec(DynamicCustomOp.builder(name)
                .addInputs(inputs)
                .addOutputs(outputs)
                .addIntegerArguments(intArgs)
                .build());
    }

    /**
     * {@code a} itself if its elements are contiguous in C order (possibly at an offset in a larger
     * buffer: ops handle that), else a C-order copy. Not {@code isView()}: ND4J M2 reports every
     * reshape as a view, which would copy each layer's input.
     */
    static INDArray cOrder(INDArray a) {
        boolean plain = a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a);
        return plain ? a : a.dup('c');
    }

    /** a (or its transpose) times b (or its transpose), into a new C-order matrix. */
    static INDArray matmul(INDArray a, INDArray b, boolean transposeA, boolean transposeB) {
        long rows = transposeA ? a.size(1) : a.size(0);
        long cols = transposeB ? b.size(0) : b.size(1);
        INDArray out = Nd4j.createUninitialized(a.dataType(), new long[] {rows, cols}, 'c');
        return Nd4j.gemm(a, b, out, transposeA, transposeB, 1.0, 0.0);
    }

    /** Checks that {@code x} is [n, h, w, channels] and returns its shape. */
    static long[] checkNhwc(String layer, INDArray x, long channels) {
        if (x.rank() != 4 || x.size(3) != channels) {
            throw new IllegalArgumentException(layer + " expects NHWC input [n, h, w, " + channels + "], got "
                    + Arrays.toString(x.shape()));
        }
        return x.shape();
    }
}
