package io.sparkgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.config.GanConfig;
import io.sparkgan.gan.Phase;
import org.nd4j.linalg.api.buffer.DataType;
import io.sparkgan.nn.FlatVector;
import org.junit.jupiter.api.Test;

/** The benchmark's compute stand-in: a wait per phase, none in the warm-up rounds. */
class ComputeStandInTest {
    private static final double MS_PER_ROUND = 400; // 200 ms a phase: far above any scheduling noise

    private static final TrainingSettings SETTINGS = GanConfig.parse("""
            data { source = ring8, examples = 2000, partitions = 2 }
            model { latent-dim = 4, generator-hidden = [16], discriminator-hidden = [16] }
            train { rounds = 3, batch-per-partition = 8 }
            """).training();

    @Test
    void warmUpRoundsReturnAtOnceAndLaterRoundsWaitTheirShare() {
        ComputeStandIn standIn = new ComputeStandIn(MS_PER_ROUND).withRoundsWithoutWait(2);
        assertTrue(millis(standIn, 0) < 100, "round 0 is a warm-up round: no wait");
        assertTrue(millis(standIn, 1) < 100, "round 1 is a warm-up round: no wait");
        double measured = millis(standIn, 2);
        assertTrue(measured >= 200 && measured < 400, "round 2 waits its phase's share, 200 ms: " + measured);
        assertTrue(millis(new ComputeStandIn(MS_PER_ROUND), 0) >= 200, "without warm-up rounds round 0 waits too");
    }

    @Test
    void negativeWarmUpRoundsAreRefusedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ComputeStandIn(10, -1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        assertEquals(3, new ComputeStandIn(10).withRoundsWithoutWait(3).roundsWithoutWait());
    }

    private static double millis(ComputeStandIn standIn, int round) {
        FlatVector theta = FlatVector.zeros(DataType.FLOAT, 16);
        FlatVector empty = FlatVector.zeros(DataType.FLOAT, 0);
        PhaseRequest request = new PhaseRequest(Phase.DISCRIMINATOR, round, 0, theta, theta, null, 0, empty, empty);
        long start = System.nanoTime();
        PhaseResult result = standIn.run(SETTINGS, request);
        double ms = (System.nanoTime() - start) / 1e6;
        assertEquals(16, result.vector.length(), "the result keeps the network's true size");
        return ms;
    }
}
