package io.sparkgan.nn;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sums over the rows of a C-order [m, c] matrix, as [1, c], by a gemm with a ones row: ND4J's
 * {@code sum(0)} on the same matrix was 3x slower (0.40 vs 0.12 ms at [6272, 64]). The ones row
 * is kept outside any workspace and reused while m stays the same. Not thread safe.
 */
final class ColumnSums {
    private INDArray ones;

    INDArray of(INDArray x) {
        long m = x.size(0);
        if (ones == null || ones.length() != m || ones.dataType() != x.dataType()) {
            try (MemoryWorkspace detached = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                ones = Nd4j.ones(x.dataType(), 1, m);
            }
        }
        INDArray out = Nd4j.createUninitialized(x.dataType(), new long[] {1, x.size(1)}, 'c');
        return Nd4j.gemm(ones, x, out, false, false, 1.0, 0.0);
    }
}
