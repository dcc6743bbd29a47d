package io.sparkgan.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.config.GanConfig;
import io.sparkgan.train.TrainingState;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CheckpointTest {

    @Test
    void roundTripKeepsEveryValueAndDamageIsDetected() {
        GanConfig cfg = GanConfig.parse("model { latent-dim = 3, generator-hidden = [5], discriminator-hidden = [4] }");
        TrainingState state = TrainingState.initial(cfg.model().spec(2), cfg.training());
        java.util.Arrays.fill(state.discriminatorOptimizer().state().floats(), 0.25f);
        state.discriminatorOptimizer().restore(state.discriminatorOptimizer().state().copy(), 12);
        Checkpoint original = Checkpoint.of(state, 3, 2);
        byte[] bytes = original.toBytes();
        Checkpoint back = Checkpoint.fromBytes(bytes, "test");
        assertArrayEquals(original.thetaG().floats(), back.thetaG().floats());
        assertArrayEquals(original.thetaD().floats(), back.thetaD().floats());
        assertArrayEquals(original.discriminatorOptimizerState().floats(), back.discriminatorOptimizerState().floats());
        assertEquals(12, back.discriminatorIteration());

        byte[] damaged = bytes.clone();
        damaged[40] ^= 1;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Checkpoint.fromBytes(damaged, "x.ckpt"));
        assertTrue(e.getMessage().contains("x.ckpt") && e.getMessage().contains("checksum"), e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> Checkpoint.fromBytes(Arrays.copyOf(bytes, bytes.length / 2), "half.ckpt"));
    }
}
