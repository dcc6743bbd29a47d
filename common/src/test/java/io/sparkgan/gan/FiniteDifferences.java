package io.sparkgan.gan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.nn.FlatVector;
import java.util.function.ToDoubleFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Central finite differences (h = 1e-6, DOUBLE) against analytic gradients of a whole GAN step. */
public final class FiniteDifferences {
    private FiniteDifferences() {}

    /**
     * Asserts relative error below 1e-5 (absolute 1e-8 below gradients of 1e-3) at each of {@code indices} of {@code theta} (a DOUBLE vector,
     * perturbed in place and restored); returns how many analytic gradients exceeded 1e-4, so callers
     * can insist the check was not made on near-zero values.
     */
    public static int assertMatches(INDArray analytic, FlatVector theta, int[] indices,
                                    ToDoubleFunction<FlatVector> lossOf) {
        double h = 1e-6;
        double[] values = theta.doubles();
        int notTiny = 0;
        for (int i : indices) {
            double orig = values[i];
            values[i] = orig + h;
            double up = lossOf.applyAsDouble(theta);
            values[i] = orig - h;
            double down = lossOf.applyAsDouble(theta);
            values[i] = orig;
            double numeric = (up - down) / (2 * h);
            double a = analytic.getDouble(i);
            if (Math.abs(a) > 1e-4) notTiny++;
            // The floor makes gradients below 1e-3 an absolute check (1e-8): a central difference of a
            // loss sum of order 10 carries ~1e-9 of rounding, so an exactly zero gradient (an inactive
            // hinge margin) must not be compared relatively to that noise.
            double rel = Math.abs(a - numeric) / Math.max(1e-3, Math.abs(a) + Math.abs(numeric));
            assertTrue(rel < 1e-5, "parameter " + i + ": analytic " + a + " vs numeric " + numeric + " (relative " + rel + ")");
        }
        return notTiny;
    }

    /** 0 .. n-1. */
    public static int[] all(long n) {
        return java.util.stream.IntStream.range(0, Math.toIntExact(n)).toArray();
    }
}
